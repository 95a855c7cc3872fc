import { roleSends } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../api/auth';
import { queries } from '../../api/queries';
import { LanguageSelect } from '../../components/LanguageSelect';
import { AudioTrack } from '../../components/MediaTrack';
import { LANGUAGES } from '../../i18n/languages';
import { languageName } from '../../i18n/regions';
import type { MeetingClient, MeetingSnapshot } from '../../media/MeetingClient';
import { isInstantRoom } from '../../media/RoomControl';

/**
 * Interpretation: what you hear (the floor, or one language channel with the floor lowered to the
 * level you set) and, for anyone who may speak, interpreting into a language yourself. The
 * chosen channel's interpreters play here at full volume; the tiles play the floor.
 */
export function InterpretationPanel({
  client,
  snapshot,
  floorVolume,
  onFloorVolume,
  appointmentId,
}: {
  client: MeetingClient;
  snapshot: MeetingSnapshot;
  floorVolume: number;
  onFloorVolume: (volume: number) => void;
  /** A booked meeting: its requested language and assigned interpreter shape the defaults. */
  appointmentId?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const appointment = useQuery({ ...queries.appointment(appointmentId ?? ''), enabled: appointmentId !== undefined });
  const request = appointment.data?.interpretation ?? null;
  // The languages the server says you were assigned (a booked meeting's or a stage's interpreter).
  const assigned = snapshot.room.interpretInto;
  const headingId = useId();
  const { channels, listening, interpreting } = snapshot.interpretation;
  const [target, setTarget] = useState<string>(() => LANGUAGES.find((l) => l.code !== i18n.language)?.code ?? 'en');
  // The guest who asked for an interpreter hears the channel as soon as it is live (once: they may switch back).
  const tuned = useRef(false);
  useEffect(() => {
    if (tuned.current || !request || appointment.data?.guest.id !== user?.id || !channels.includes(request.language)) return;
    tuned.current = true;
    if (listening === null) client.setChannel(request.language);
  }, [request, appointment.data, user, channels, listening, client]);
  const [busy, setBusy] = useState(false);
  const name = (code: string) => languageName(code, i18n.language);
  const mayInterpret = snapshot.role !== null && roleSends(snapshot.role) && snapshot.status === 'joined';
  // Any language: hosts who were not assigned one (they stand in), and anyone in a demo room; the server refuses the rest.
  const mayChoose = mayInterpret && assigned.length === 0 && (snapshot.role === 'host' || isInstantRoom(snapshot.roomId));
  const voices = snapshot.participants.flatMap((p) => {
    const m = p.media.interpretation;
    return !p.isSelf && m?.track && !m.paused && m.language === listening ? [{ key: m.producerId ?? p.peerId, track: m.track }] : [];
  });
  const run = (language: string | null) => {
    setBusy(true);
    void client.interpret(language).finally(() => setBusy(false));
  };
  if (channels.length === 0 && !mayChoose && !(mayInterpret && assigned.length > 0)) return null;
  return (
    <section className="side-panel interpretation" aria-labelledby={headingId}>
      <h2 id={headingId} className="side-panel__title">
        {t('interpretation.title')}
      </h2>
      <p className="muted">
        {channels.length === 0 ? t('interpretation.none') : t('interpretation.live', { languages: channels.map(name).join(', ') })}
      </p>
      {channels.length > 0 && (
        <label className="interpretation__field">
          {t('interpretation.listenTo')}
          <select value={listening ?? ''} onChange={(e) => client.setChannel(e.target.value || null)}>
            <option value="">{t('interpretation.floor')}</option>
            {channels
              .filter((c) => c !== interpreting)
              .map((c) => (
                <option key={c} value={c}>
                  {name(c)}
                </option>
              ))}
          </select>
        </label>
      )}
      {listening && (
        <label className="interpretation__field">
          {t('interpretation.floorVolume')}
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={Math.round(floorVolume * 100)}
            onChange={(e) => onFloorVolume(Number(e.target.value) / 100)}
          />
        </label>
      )}
      {voices.map((v) => (
        <AudioTrack key={v.key} track={v.track} />
      ))}
      {mayInterpret &&
        !interpreting &&
        assigned.map((language) => (
          <div key={language} className="interpretation__speak">
            <p>{t('interpretation.assigned', { language: name(language) })}</p>
            <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => run(language)}>
              {t('interpretation.startInto', { language: name(language) })}
            </button>
          </div>
        ))}
      {mayInterpret && interpreting && (
        <div className="interpretation__speak">
          <p role="status">{t('interpretation.interpreting', { language: name(interpreting) })}</p>
          <button type="button" className="button button--small" disabled={busy} onClick={() => run(null)}>
            {t('interpretation.stop')}
          </button>
        </div>
      )}
      {mayChoose && !interpreting && (
        <details className="interpretation__speak">
          <summary>{t('interpretation.offer')}</summary>
          <label className="interpretation__field">
            {t('interpretation.interpretInto')}
            <LanguageSelect value={target} onChange={setTarget} />
          </label>
          <button type="button" className="button button--small" disabled={busy} onClick={() => run(target)}>
            {t('interpretation.start')}
          </button>
        </details>
      )}
    </section>
  );
}
