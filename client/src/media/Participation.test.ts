import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientErrorCode, type SignalingClient } from '../api/signaling';
import type { Admission } from './Admission';
import type { IceRestarter } from './IceRestarter';
import type { MeetingContext } from './meetingContext';
import type { MeetingStatus } from './meetingTypes';
import { Participation } from './Participation';
import type { Receiver } from './Receiver';
import type { RoomControl } from './RoomControl';
import type { Sender } from './Sender';

/** A session whose collaborators are never reached by the connection events tried here. */
function participationIn(initial: MeetingStatus) {
  let status = initial;
  const request = vi.fn();
  const knockAgain = vi.fn(() => Promise.resolve());
  const end = vi.fn();
  const emit = vi.fn();
  const ctx = {
    signaling: { request, connected: true } as unknown as SignalingClient,
    ended: () => status === 'left' || status === 'ended' || status === 'failed',
    emit,
  } as unknown as MeetingContext;
  const session = new Participation({
    ctx,
    host: { status: () => status, setStatus: (s) => (status = s), end, applyRole: () => Promise.resolve() },
    roomId: 'booth-1',
    handlerFactory: undefined,
    giveUpMs: 1_000,
    receiver: {} as Receiver,
    sender: {} as Sender,
    ice: {} as IceRestarter,
    admission: { knockAgain } as unknown as Admission,
    room: {} as RoomControl,
  });
  return { session, status: () => status, request, knockAgain, end, emit };
}

describe('Participation', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a dropped connection makes a joined meeting reconnecting, and ends it with DISCONNECTED after giveUpMs', () => {
    vi.useFakeTimers();
    const s = participationIn('joined');
    s.session.onConnection('reconnecting');
    expect(s.status()).toBe('reconnecting');
    expect(s.emit).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(s.end).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(s.end).toHaveBeenCalledWith(expect.objectContaining({ code: ClientErrorCode.Disconnected }));
  });

  it('close() stops the give-up timer', () => {
    vi.useFakeTimers();
    const s = participationIn('joined');
    s.session.onConnection('reconnecting');
    s.session.close();
    vi.advanceTimersByTime(5_000);
    expect(s.end).not.toHaveBeenCalled();
  });

  it('a drop before the join is set up changes nothing; back in the lobby, the guest knocks again', () => {
    const connecting = participationIn('connecting');
    connecting.session.onConnection('reconnecting');
    expect(connecting.status()).toBe('connecting');
    expect(connecting.emit).not.toHaveBeenCalled();
    const lobby = participationIn('lobby');
    lobby.session.onConnection('reconnected');
    expect(lobby.knockAgain).toHaveBeenCalledTimes(1);
    expect(lobby.request).not.toHaveBeenCalled();
  });
});
