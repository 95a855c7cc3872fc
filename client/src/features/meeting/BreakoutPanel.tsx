import { MAX_BREAKOUT_MINUTES, MAX_BREAKOUT_ROOMS, type BreakoutState } from '@ca/signaling';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingClient, MeetingSnapshot } from '../../media/MeetingClient';
import { useTimeLeft } from './useTimeLeft';

type Person = { peerId: string; displayName: string; room: number | null };

/** Everyone the host can place: those in breakout rooms, and (seen from the main room) those in it. */
function people(snapshot: MeetingSnapshot, breakouts: BreakoutState): Person[] {
  const placed = breakouts.rooms.flatMap((r) => r.members.map((m) => ({ ...m, room: r.number as number | null })));
  const inMain =
    snapshot.room.breakout === null
      ? snapshot.participants
          .filter((p) => !p.isSelf && !placed.some((m) => m.peerId === p.peerId))
          .map((p) => ({ peerId: p.peerId, displayName: p.displayName, room: null }))
      : [];
  return [...inMain, ...placed.filter((m) => m.peerId !== snapshot.selfPeerId)];
}

/** Host: opens breakout rooms (split automatically or by hand, optional timer). */
function OpenForm({ client }: { client: MeetingClient }) {
  const { t } = useTranslation();
  const [rooms, setRooms] = useState(2);
  const [split, setSplit] = useState<'auto' | 'manual'>('auto');
  const [minutes, setMinutes] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const limit = minutes.trim() === '' ? undefined : Number(minutes);
    void client.room.openBreakouts(rooms, split, limit).finally(() => setBusy(false));
  };
  return (
    <form className="breakouts__form" onSubmit={submit}>
      <label className="field">
        {t('breakouts.rooms')}
        <input type="number" min={1} max={MAX_BREAKOUT_ROOMS} required value={rooms} onChange={(e) => setRooms(Number(e.target.value))} />
      </label>
      <fieldset className="breakouts__split">
        <legend>{t('breakouts.split')}</legend>
        <label>
          <input type="radio" name="split" checked={split === 'auto'} onChange={() => setSplit('auto')} /> {t('breakouts.splitAuto')}
        </label>
        <label>
          <input type="radio" name="split" checked={split === 'manual'} onChange={() => setSplit('manual')} /> {t('breakouts.splitManual')}
        </label>
      </fieldset>
      <label className="field">
        {t('breakouts.minutes')}
        <input type="number" min={1} max={MAX_BREAKOUT_MINUTES} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </label>
      <button type="submit" className="button button--primary button--small" disabled={busy}>
        {t('breakouts.open')}
      </button>
    </form>
  );
}

/** Host: the open rooms, who is where (move anyone), visiting a room, a message to all, calling everyone back. */
function OpenRooms({ client, snapshot, breakouts }: { client: MeetingClient; snapshot: MeetingSnapshot; breakouts: BreakoutState }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const timeLeft = useTimeLeft(breakouts.endsAt);
  const here = snapshot.room.breakout;
  const roomName = (room: number | null) => (room === null ? t('breakouts.mainRoom') : t('breakouts.room', { number: room }));
  const everyone = people(snapshot, breakouts);
  const groups: Array<number | null> = [null, ...breakouts.rooms.map((r) => r.number)];
  const send = (event: FormEvent) => {
    event.preventDefault();
    void client.room.broadcastToBreakouts(message).then((sent) => sent && setMessage(''));
  };
  return (
    <div className="breakouts__open">
      {timeLeft !== null && <p className="muted">{t('breakouts.timeLeft', { time: timeLeft })}</p>}
      {groups.map((room) => {
        const members = everyone.filter((p) => p.room === room);
        return (
          <section key={room ?? 0} className="breakouts__room" aria-label={roomName(room)}>
            <h3 className="breakouts__room-title">
              {roomName(room)} <span className="muted">{t('breakouts.people', { count: members.length })}</span>
            </h3>
            {here !== room && (
              <button type="button" className="button button--small" onClick={() => void client.room.moveToBreakout(snapshot.selfPeerId ?? '', room)}>
                {room === null ? t('breakouts.backToMain') : t('breakouts.visit', { room: roomName(room) })}
              </button>
            )}
            <ul className="breakouts__members">
              {members.map((person) => (
                <li key={person.peerId}>
                  <label>
                    <span dir="auto">{person.displayName}</span>
                    <select
                      aria-label={t('breakouts.moveTo', { name: person.displayName })}
                      value={person.room ?? 0}
                      onChange={(e) => void client.room.moveToBreakout(person.peerId, Number(e.target.value) || null)}
                    >
                      {groups.map((g) => (
                        <option key={g ?? 0} value={g ?? 0}>
                          {roomName(g)}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <form className="breakouts__broadcast" onSubmit={send}>
        <label className="field">
          {t('breakouts.broadcast')}
          <input type="text" maxLength={1000} required value={message} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <button type="submit" className="button button--small">
          {t('breakouts.send')}
        </button>
      </form>
      <button type="button" className="button button--primary button--small" onClick={() => void client.room.closeBreakouts()}>
        {t('breakouts.close')}
      </button>
    </div>
  );
}

/** Breakout rooms for the meeting's hosts (everyone else sees where they are in BreakoutStatus). */
export function BreakoutPanel({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const headingId = useId();
  // Not on a LiveKit stage (the server refuses it there) nor watching from an overflow server.
  if (snapshot.role !== 'host' || snapshot.status !== 'joined' || snapshot.engine !== 'sfu' || snapshot.room.overflow) return null;
  const breakouts = snapshot.room.breakouts;
  return (
    <section className="side-panel breakouts" aria-labelledby={headingId}>
      <h2 id={headingId} className="side-panel__title">
        {t('breakouts.title')}
      </h2>
      {breakouts ? <OpenRooms client={client} snapshot={snapshot} breakouts={breakouts} /> : <OpenForm client={client} />}
    </section>
  );
}
