import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSnapshot } from '../../media/MeetingClient';

type Seen = { names: Map<string, string>; hands: Set<string>; chat: Set<string> };

function seenIn(snapshot: MeetingSnapshot): Seen {
  const others = snapshot.participants.filter((p) => !p.isSelf);
  return {
    names: new Map(others.map((p) => [p.peerId, p.displayName])),
    hands: new Set(others.filter((p) => p.handRaised).map((p) => p.peerId)),
    chat: new Set(snapshot.room.chat.map((m) => m.id)),
  };
}

/** What changed since `before`, in words: others' joins, leaves and raised hands, and others' chat lines. */
function changes(before: Seen, snapshot: MeetingSnapshot, t: ReturnType<typeof useTranslation>['t']): string[] {
  const now = seenIn(snapshot);
  const lines: string[] = [];
  for (const [peerId, name] of now.names) if (!before.names.has(peerId)) lines.push(t('announce.joined', { name }));
  for (const [peerId, name] of before.names) if (!now.names.has(peerId)) lines.push(t('announce.left', { name }));
  for (const peerId of now.hands) if (!before.hands.has(peerId)) lines.push(t('announce.handRaised', { name: now.names.get(peerId) ?? '' }));
  for (const m of snapshot.room.chat) {
    if (!before.chat.has(m.id) && m.peerId !== snapshot.selfPeerId) lines.push(t('announce.chat', { name: m.displayName, text: m.text }));
  }
  return lines;
}

/**
 * The room's one polite live region: screen readers hear others join, leave, raise a hand and
 * write in the chat, without losing their place. Who is already there when you join is not announced.
 */
export function Announcer({ snapshot }: { snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const seen = useRef<Seen | null>(null);
  const [text, setText] = useState('');
  const joined = snapshot.status === 'joined';
  useEffect(() => {
    if (!joined) return;
    const before = seen.current;
    seen.current = seenIn(snapshot);
    if (!before) return;
    const lines = changes(before, snapshot, t);
    if (lines.length > 0) setText(lines.join(' '));
  }, [joined, snapshot, t]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="room-announcer">
      {text}
    </p>
  );
}
