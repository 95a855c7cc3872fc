import { isRoomId } from '@ca/signaling';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { useAuth } from '../../api/auth';
import { SiteHeader } from '../../components/SiteHeader';
import { captureCameraAndMicrophone, type DeviceChoice } from '../../media/localMedia';
import type { MediaEngine } from '../../media/engine/MediaEngine';
import type { MeetingClient } from '../../media/MeetingClient';
import { NotFoundPage } from '../NotFoundPage';
import { PreJoin, type JoinRequest } from './PreJoin';

// The meeting itself (mediasoup-client, Socket.io, the room's views) is a chunk of its own: the
// pre-join screen renders without it, and it loads while the guest looks at their preview.
const loadSession = () => import('./MeetingSession');
const MeetingView = lazy(() => loadSession().then((m) => ({ default: m.MeetingView })));

/** `/meet/:roomId`: a fresh meeting page per room id; an id the server would refuse is a 404. */
export function MeetingRoute() {
  const { roomId = '' } = useParams();
  // An appointment's meeting token travels in router state (never in the URL): navigate(url, { state: { token } }),
  // with the signed-in user's name to prefill the pre-join form.
  const state: unknown = useLocation().state;
  const { user } = useAuth();
  const token = stateString(state, 'token');
  const displayName = stateString(state, 'displayName') ?? user?.name;
  const title = stateString(state, 'title');
  const livekit = stateLiveKit(state);
  const appointmentId = stateString(state, 'appointmentId');
  if (!isRoomId(roomId)) return <NotFoundPage />;
  return (
    <MeetingPage key={roomId} roomId={roomId} token={token} displayName={displayName} title={title} livekit={livekit} appointmentId={appointmentId} />
  );
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
  /** The appointment the signed-in user joins (router state from its card): their connection test is kept on it. */
  appointmentId: string | undefined;
};

function MeetingPage({ roomId, token, displayName, title: given, livekit, appointmentId }: MeetingPageProps) {
  const { t } = useTranslation();
  const title = given ?? t('room.untitled');
  const [phase, setPhase] = useState<Phase>({ kind: 'prejoin' });
  const clientRef = useRef<MeetingClient | null>(null);
  const lastJoin = useRef<{ displayName: string; devices: DeviceChoice } | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  // Unmount or page close: leave the meeting (the server would notice the socket closing anyway).
  useEffect(() => {
    alive.current = true;
    void loadSession();
    // Closing or reloading the tab keeps the claim in sessionStorage, so a reload replaces this peer (no ghost tile).
    const unload = () => void clientRef.current?.leave({ keepClaim: true });
    window.addEventListener('pagehide', unload);
    return () => {
      window.removeEventListener('pagehide', unload);
      alive.current = false;
      void clientRef.current?.leave();
    };
  }, []);

  const start = useCallback(
    (request: JoinRequest) => {
      lastJoin.current = { displayName: request.displayName, devices: request.devices };
      void loadSession().then(({ MeetingClient }) => {
        if (!alive.current) return;
        const client = new MeetingClient({
          roomId,
          ...(token ? { token } : {}),
          ...request,
          ...(livekit && { engine: liveKitEngine(livekit, request) }),
        });
        clientRef.current = client;
        setPhase({ kind: 'meeting', client });
        void client.join();
      });
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
        <PreJoin
          title={title}
          onJoin={start}
          initialName={displayName}
          // Kept for the host; only a guest's counts (the server refuses staff), and a failed report changes nothing here.
          onConnectionTest={appointmentId ? (result) => void endpoints.connectionTest(appointmentId, result).catch(() => undefined) : undefined}
        />
      </div>
    );
  }
  return (
    <Suspense fallback={null}>
      <MeetingView client={phase.client} onRejoin={rejoin} title={title} appointmentId={appointmentId} />
    </Suspense>
  );
}
