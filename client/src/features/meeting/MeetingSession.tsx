import { useSyncExternalStore } from 'react';
import { SiteHeader } from '../../components/SiteHeader';
import type { MeetingClient } from '../../media/MeetingClient';
import { EndScreen } from './EndScreen';
import { LobbyWait } from './LobbyWait';
import { MeetingRoom } from './MeetingRoom';

/** The meeting client and its views: loaded by MeetingPage once the pre-join screen shows. */
export { MeetingClient } from '../../media/MeetingClient';

/** Lobby, room or end screen, by the meeting client's status. */
export function MeetingView({ client, onRejoin, title }: { client: MeetingClient; onRejoin: () => Promise<void>; title: string }) {
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
