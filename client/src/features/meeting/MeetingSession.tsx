import { useSyncExternalStore } from 'react';
import { SiteHeader } from '../../components/SiteHeader';
import type { MeetingClient } from '../../media/MeetingClient';
import { ContactCardShare } from '../appointments/ContactCardShare';
import { EndScreen } from './EndScreen';
import { LobbyWait } from './LobbyWait';
import { MeetingRoom } from './MeetingRoom';

/** The meeting client and its views: loaded by MeetingPage once the pre-join screen shows. */
export { MeetingClient } from '../../media/MeetingClient';

type MeetingViewProps = {
  client: MeetingClient;
  onRejoin: () => Promise<void>;
  title: string;
  /** The appointment this meeting belongs to: after leaving, its guest may share a contact card with the booth. */
  appointmentId?: string | undefined;
};

/** Lobby, room or end screen, by the meeting client's status. */
export function MeetingView({ client, onRejoin, title, appointmentId }: MeetingViewProps) {
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot);
  if (snapshot.status === 'lobby') {
    return (
      <div className="shell">
        <SiteHeader />
        <LobbyWait client={client} snapshot={snapshot} />
      </div>
    );
  }
  if (snapshot.status === 'connecting' || snapshot.status === 'joined' || snapshot.status === 'reconnecting') {
    return <MeetingRoom client={client} snapshot={snapshot} title={title} appointmentId={appointmentId} />;
  }
  return (
    <div className="shell">
      <SiteHeader />
      <EndScreen status={snapshot.status} reason={snapshot.endReason} onRejoin={onRejoin}>
        {snapshot.status === 'left' && appointmentId && <ContactCardShare appointmentId={appointmentId} boothName={title} />}
      </EndScreen>
    </div>
  );
}
