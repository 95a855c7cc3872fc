import type { ChatMessage } from '@ca/signaling';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSnapshot } from '../../media/MeetingClient';

type Seen = { names: Map<string, string>; hands: Set<string>; chat: number; ready: boolean };

/**
 * Tells screen-reader users, politely, what happens in the room: who joins and leaves, raises a
 * hand, and what others write in the chat. One visually hidden live region; nothing is announced
 * for the room as it was when the user came in, only what changes after.
 */
export function RoomAnnouncer({ snapshot }: { snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const seen = useRef<Seen>({ names: new Map(), hands: new Set(), chat: 0, ready: false });
  const [text, setText] = useState('');

  useEffect(() => {
    const others = snapshot.participants.filter((p) => !p.isSelf);
    const previous = seen.current;
    const lines: string[] = [];
    const chat: readonly ChatMessage[] = snapshot.room.chat;
    if (previous.ready) {
      for (const p of others) if (!previous.names.has(p.peerId)) lines.push(t('room.announce.joined', { name: p.displayName }));
      for (const [peerId, name] of previous.names) if (!others.some((p) => p.peerId === peerId)) lines.push(t('room.announce.left', { name }));
      for (const p of others) if (p.handRaised && !previous.hands.has(p.peerId)) lines.push(t('room.announce.hand', { name: p.displayName }));
      for (const message of chat.slice(previous.chat)) {
        if (message.peerId !== snapshot.selfPeerId) lines.push(t('room.announce.chat', { name: message.displayName, text: message.text }));
      }
    }
    seen.current = {
      names: new Map(others.map((p) => [p.peerId, p.displayName])),
      hands: new Set(others.filter((p) => p.handRaised).map((p) => p.peerId)),
      chat: chat.length,
      ready: snapshot.status === 'joined',
    };
    if (lines.length > 0) setText(lines.join(' '));
  }, [snapshot, t]);

  return (
    <p className="visually-hidden" aria-live="polite" data-testid="room-announcer">
      {text}
    </p>
  );
}
