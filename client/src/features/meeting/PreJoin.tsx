import { isDisplayName } from '@ca/signaling';
import { useEffect, useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { LevelMeter } from '../../components/LevelMeter';
import { VideoTrack } from '../../components/MediaTrack';
import { LocalPreview } from '../../media/LocalPreview';
import { PreferenceKey, preferences, type DeviceChoice, type DeviceKind } from '../../media/localMedia';
import type { ConnectionTestResult } from '../../media/connectionTest';
import { ConnectionCheck } from './ConnectionCheck';

export type JoinRequest = {
  displayName: string;
  /** Open tracks handed over from the preview; the meeting owns them now. */
  tracks: { camera: MediaStreamTrack | null; microphone: MediaStreamTrack | null };
  devices: DeviceChoice;
};

type PreJoinProps = {
  /** What this meeting is called (a booth, the other party, a session), never a raw room id. */
  title: string;
  onJoin: (request: JoinRequest) => void;
  /** The signed-in user's name: it wins over the name remembered from the last meeting. */
  initialName?: string | undefined;
  /** Gets each connection test's result (an appointment's guest keeps it for the host). Default: nothing. */
  onConnectionTest?: ((result: ConnectionTestResult) => void) | undefined;
};

/** The pre-join screen: name, camera and microphone check, Join. */
export function PreJoin(props: PreJoinProps) {
  const [preview, setPreview] = useState<LocalPreview | null>(null);
  useEffect(() => {
    const created = new LocalPreview();
    setPreview(created);
    void created.start();
    return () => created.close();
  }, []);
  return preview ? <PreJoinForm {...props} preview={preview} /> : null;
}

function PreJoinForm({ title, onJoin, initialName, onConnectionTest, preview }: PreJoinProps & { preview: LocalPreview }) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(preview.subscribe, preview.getSnapshot);
  const [name, setName] = useState(() => initialName ?? preferences.get(PreferenceKey.DisplayName) ?? '');
  const ids = { name: useId(), camera: useId(), microphone: useId(), nameHint: useId() };
  const trimmed = name.trim();
  const nameValid = isDisplayName(name);

  const [joining, setJoining] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!nameValid || joining) return;
    preferences.set(PreferenceKey.DisplayName, trimmed);
    setJoining(true);
    // Someone quick may press Join while the permission prompt is still open: join with what it gives.
    void preview.settled().then(() => {
      const { selected } = preview.getSnapshot();
      const devices: DeviceChoice = {};
      if (selected.camera) devices.camera = selected.camera;
      if (selected.microphone) devices.microphone = selected.microphone;
      onJoin({ displayName: trimmed, tracks: preview.release(), devices });
    });
  };

  const problems = (['camera', 'microphone'] as const).flatMap((kind) => {
    const code = snapshot.problems[kind];
    return code ? [{ kind, text: t(`capture.${kind}.${code}`) }] : [];
  });
  const receiveOnly = snapshot.status === 'ready' && !snapshot.tracks.camera && !snapshot.tracks.microphone;

  return (
    <main id="main" className="page prejoin">
      <div className="prejoin__layout">
        <PreviewPane preview={preview} headingId={`${ids.name}-heading`} onConnectionTest={onConnectionTest} />

        <form className="prejoin__form card" onSubmit={submit} noValidate>
          <p className="eyebrow">{t('prejoin.eyebrow')}</p>
          <h1 id={`${ids.name}-heading`} className="prejoin__title" dir="auto">
            {title}
          </h1>
          <p className="muted">{t('prejoin.intro')}</p>

          {problems.length > 0 && (
            <div role="alert" className="alert">
              {problems.map((p) => (
                <p key={p.kind}>{p.text}</p>
              ))}
              {receiveOnly && <p>{t('prejoin.receiveOnly')}</p>}
            </div>
          )}

          <div className="field">
            <label htmlFor={ids.name}>{t('prejoin.yourName')}</label>
            <input
              id={ids.name}
              type="text"
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="name"
              maxLength={64}
              placeholder={t('prejoin.namePlaceholder')}
              aria-describedby={nameValid ? undefined : ids.nameHint}
              required
            />
            {!nameValid && (
              <p id={ids.nameHint} className="field__hint">
                {t('prejoin.nameHint')}
              </p>
            )}
          </div>

          <DeviceSelect kind="camera" id={ids.camera} preview={preview} />
          <DeviceSelect kind="microphone" id={ids.microphone} preview={preview} />

          <button type="submit" className="button button--primary button--large button--block" disabled={!nameValid || joining}>
            {t('prejoin.join')}
          </button>
        </form>
      </div>
    </main>
  );
}

function DeviceSelect({ kind, id, preview }: { kind: DeviceKind; id: string; preview: LocalPreview }) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(preview.subscribe, preview.getSnapshot);
  const devices = snapshot.devices[kind];
  const label = kind === 'camera' ? t('prejoin.camera') : t('prejoin.microphone');
  const none = kind === 'camera' ? t('prejoin.noCamera') : t('prejoin.noMicrophone');
  const selected = snapshot.selected[kind];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={devices.length > 0 ? (selected ?? devices[0]?.deviceId ?? '') : ''}
        disabled={devices.length === 0 || snapshot.switching !== null}
        onChange={(e) => void preview.select(kind, e.target.value)}
      >
        {devices.length === 0 && <option value="">{none}</option>}
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t('prejoin.deviceFallback', { kind: label, index: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The camera preview, the microphone level and the connection test. */
function PreviewPane(props: { preview: LocalPreview; headingId: string; onConnectionTest: PreJoinProps['onConnectionTest'] }) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(props.preview.subscribe, props.preview.getSnapshot);
  const camera = snapshot.tracks.camera;
  const { headingId, onConnectionTest } = props;
  return (
    <section className="prejoin__preview" aria-labelledby={headingId}>
      <div className="preview">
        <VideoTrack track={camera} mirrored hidden={!camera} className="preview__video" />
        {!camera && (
          <p className="preview__placeholder">
            {snapshot.status === 'starting' || snapshot.switching === 'camera' ? t('prejoin.starting') : t('prejoin.previewOff')}
          </p>
        )}
      </div>
      <div className="meter-row">
        <Icon name={snapshot.tracks.microphone ? 'microphone' : 'microphoneOff'} />
        <LevelMeter track={snapshot.tracks.microphone} label={t('prejoin.microphoneLevel')} />
      </div>
      <ConnectionCheck onResult={onConnectionTest} />
    </section>
  );
}
