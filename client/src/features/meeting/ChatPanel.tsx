import { MAX_CHAT_LENGTH } from '@ca/signaling';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingClient, MeetingSnapshot } from '../../media/MeetingClient';
import { isStageRoom } from '../../media/RoomControl';
import { useFormat } from '../../time/useFormat';

/**
 * The meeting's chat: a log of plain-text lines (never HTML) and a one-line message box.
 * On a stage, hosts can remove the author of a line: viewers on overflow servers are not in
 * the participant list, so the chat is where a host meets them.
 */
export function ChatPanel({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ids = { heading: useId(), input: useId() };
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);
  const chat = snapshot.room.chat;
  const hosts = new Set(snapshot.participants.filter((p) => p.role === 'host').map((p) => p.peerId));
  const moderates = snapshot.role === 'host' && snapshot.status === 'joined' && isStageRoom(snapshot.roomId);

  // Follow new lines.
  useEffect(() => {
    const element = logRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [chat.length]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || sending) return;
    setSending(true);
    void client.room.sendChat(trimmed).then((sent) => {
      setSending(false);
      if (sent) setText('');
    });
  };

  return (
    <section className="side-panel side-panel--chat" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="side-panel__title">
        {t('meeting.chatHeading')}
      </h2>
      {/* Not live itself: the room's RoomAnnouncer reads others' lines, so nothing is heard twice. */}
      <div ref={logRef} className="chat-log" role="log" aria-labelledby={ids.heading} aria-live="off" tabIndex={0}>
        {chat.length === 0 && <p className="muted">{t('meeting.chatEmpty')}</p>}
        {chat.map((m) => (
          <p key={m.id} className={m.peerId === snapshot.selfPeerId ? 'chat-line chat-line--self' : 'chat-line'}>
            <span className="chat-line__meta">
              <bdi>
                <strong>{m.displayName}</strong>
              </bdi>{' '}
              <time dateTime={m.sentAt}>{fmt.time(m.sentAt)}</time>
            </span>
            <span className="chat-line__text" dir="auto">
              {m.text}
            </span>
            {moderates && m.peerId !== snapshot.selfPeerId && !hosts.has(m.peerId) && (
              <button
                type="button"
                className="button button--small button--quiet"
                onClick={() => void client.room.removeParticipant(m.peerId)}
                aria-label={t('meeting.removeAuthor', { name: m.displayName })}
              >
                {t('meeting.short.remove')}
              </button>
            )}
          </p>
        ))}
      </div>
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor={ids.input} className="visually-hidden">
          {t('meeting.message')}
        </label>
        <input
          id={ids.input}
          type="text"
          value={text}
          maxLength={MAX_CHAT_LENGTH}
          autoComplete="off"
          placeholder={t('meeting.message')}
          onChange={(e) => setText(e.target.value)}
          disabled={snapshot.status !== 'joined'}
        />
        <button type="submit" className="button button--small button--primary" disabled={sending || !text.trim() || snapshot.status !== 'joined'}>
          {t('meeting.send')}
        </button>
      </form>
    </section>
  );
}
