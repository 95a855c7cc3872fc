import { roomIdSchema } from '@ca/signaling';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import { useSession } from '../../api/session';
import { SiteHeader } from '../../components/SiteHeader';
import { captureCameraAndMicrophone, type DeviceChoice } from '../../media/localMedia';
import type { MediaEngine } from '../../media/engine/MediaEngine';
import { MeetingClient } from '../../media/MeetingClient';
import { NotFoundPage } from '../NotFoundPage';
import { EndScreen } from './EndScreen';
import { LobbyWait } from './LobbyWait';
import { MeetingRoom } from './MeetingRoom';
import { PreJoin, type JoinRequest } from './PreJoin';

/** `/meet/:roomId`: a fresh meeting page per room id; an id the server would refuse is a 404. */
export function MeetingRoute() {
  const { roomId = '' } = useParams();
  // An appointment's meeting token travels in router state (never in the URL): navigate(url, { state: { token } }),
  // with the signed-in user's name to prefill the pre-join form.
  const state: unknown = useLocation().state;
  const { user } = useSession();
  const token = stateString(state, 'token');
  const displayName = stateString(state, 'displayName') ?? user?.name;
  const title = stateString(state, 'title');
  const livekit = stateLiveKit(state);
  if (!roomIdSchema.safeParse(roomId).success) return <NotFoundPage />;
  return <MeetingPage key={roomId} roomId={roomId} token={token} displayName={displayName} title={title} livekit={livekit} />;
}

type LiveKitTicket = { url: string; token: string };

/** A stage on LiveKit: its URL and token came with the ticket (router state, like our token). */
function stateLiveKit(state: unknown): LiveKitTicket | undefined {
  if (typeof state !== 'object' || state === null || !('livekit' in state)) return undefined;
  const value = (state as { livekit: unknown }).livekit;
  const url = stateString(value, 'url');
  const token = stateString(value, 'token');
  return url && token ? { url, token } : undefined;
}

/** The LiveKit engine, loaded on demand: livekit-client is its own chunk, downloaded only for such a stage. */
function liveKitEngine(ticket: LiveKitTicket, request: JoinRequest): () => Promise<MediaEngine> {
  return async () => {
    const { LiveKitEngine } = await import('../../media/engine/LiveKitEngine');
    return new LiveKitEngine({ ...ticket, devices: request.devices, tracks: request.tracks });
  };
}

function stateString(state: unknown, key: string): string | undefined {
  if (typeof state !== 'object' || state === null || !(key in state)) return undefined;
  const value: unknown = (state as Record<string, unknown>)[key];
  return typeof value === 'string' && value ? value : undefined;
}

type Phase = { kind: 'prejoin' } | { kind: 'meeting'; client: MeetingClient };

/**
 * Pre-join, then the meeting, then the end screen. Owns the MeetingClient: a new
 * one per join attempt (Rejoin makes another); leaving the page leaves the meeting.
 */
type MeetingPageProps = {
  roomId: string;
  token: string | undefined;
  displayName: string | undefined;
  /** The meeting's name from the page that opened it; rooms opened by link get a generic one. */
  title: string | undefined;
  livekit: LiveKitTicket | undefined;
};

function MeetingPage({ roomId, token, displayName, title: given, livekit }: MeetingPageProps) {
  const { t } = useTranslation();
  const title = given ?? t('room.untitled');
  const [phase, setPhase] = useState<Phase>({ kind: 'prejoin' });
  const clientRef = useRef<MeetingClient | null>(null);
  const lastJoin = useRef<{ displayName: string; devices: DeviceChoice } | null>(null);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  // Unmount or page close: leave the meeting (the server would notice the socket closing anyway).
  useEffect(() => {
    // Closing or reloading the tab keeps the claim in sessionStorage, so a reload replaces this peer (no ghost tile).
    const unload = () => void clientRef.current?.leave({ keepClaim: true });
    window.addEventListener('pagehide', unload);
    return () => {
      window.removeEventListener('pagehide', unload);
      void clientRef.current?.leave();
    };
  }, []);

  const start = useCallback(
    (request: JoinRequest) => {
      lastJoin.current = { displayName: request.displayName, devices: request.devices };
      const client = new MeetingClient({
        roomId,
        ...(token ? { token } : {}),
        ...request,
        ...(livekit && { engine: liveKitEngine(livekit, request) }),
      });
      clientRef.current = client;
      setPhase({ kind: 'meeting', client });
      void client.join();
    },
    [roomId, token, livekit],
  );

  const rejoin = useCallback(async () => {
    const last = lastJoin.current;
    if (!last) {
      setPhase({ kind: 'prejoin' });
      return;
    }
    const captured = await captureCameraAndMicrophone(last.devices);
    start({ ...last, tracks: { camera: captured.camera, microphone: captured.microphone } });
  }, [start]);

  if (phase.kind === 'prejoin') {
    return (
      <div className="shell">
        <SiteHeader />
        <PreJoin title={title} onJoin={start} initialName={displayName} />
      </div>
    );
  }
  return <MeetingView client={phase.client} onRejoin={rejoin} title={title} />;
}

function MeetingView({ client, onRejoin, title }: { client: MeetingClient; onRejoin: () => Promise<void>; title: string }) {
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot);
  if (snapshot.status === 'lobby') {
    return (
      <div className="shell">
        <SiteHeader />
        <LobbyWait client={client} />
      </div>
    );
  }
  if (snapshot.status === 'connecting' || snapshot.status === 'joined' || snapshot.status === 'reconnecting') {
    return <MeetingRoom client={client} snapshot={snapshot} title={title} />;
  }
  return (
    <div className="shell">
      <SiteHeader />
      <EndScreen status={snapshot.status} reason={snapshot.endReason} onRejoin={onRejoin} />
    </div>
  );
}
