import type { Notification } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMarkNotificationsRead } from '../../api/mutations';
import { queries } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Layout';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormat } from '../../time/useFormat';

/** `/notifications`: what the platform told you (answers, cancellations, reminders), newest first. */
export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const list = useQuery(queries.notifications());
  const mark = useMarkNotificationsRead();
  const unread = list.data?.unread ?? 0;
  return (
    <main id="main" className="page page--content">
      <header className="page-header">
        <h1>{t('notifications.title')}</h1>
        <p className="page-header__meta">{unread === 0 ? t('notifications.allRead') : t('notifications.unread', { count: unread })}</p>
        <button
          type="button"
          className="button button--quiet button--small"
          disabled={unread === 0 || mark.all.isPending}
          onClick={() => mark.all.mutate()}
        >
          {t('notifications.markAll')}
        </button>
      </header>
      <ErrorAlert error={list.error ?? mark.all.error ?? mark.one.error} />
      {!list.data ? (
        !list.error && <Loading />
      ) : list.data.notifications.length === 0 ? (
        <p className="empty">{t('notifications.none')}</p>
      ) : (
        <ul className="notifications">
          {list.data.notifications.map((n) => (
            <NotificationItem key={n.id} notification={n} onRead={() => mark.one.mutate(n.id)} busy={mark.one.isPending} />
          ))}
        </ul>
      )}
    </main>
  );
}

function NotificationItem({ notification: n, onRead, busy }: { notification: Notification; onRead: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <li className={n.read ? 'notification card' : 'notification card notification--unread'}>
      <p className="notification__meta">
        {!n.read && <span className="tag">{t('notifications.new')}</span>} <time dateTime={n.createdAt}>{fmt.dateTime(Date.parse(n.createdAt))}</time>
      </p>
      <p dir="auto">{n.message}</p>
      <div className="button-row">
        {n.appointmentId && (
          <Link to="/appointments" onClick={() => !n.read && onRead()}>
            {t('notifications.open')}
          </Link>
        )}
        {!n.read && (
          <button type="button" className="button button--quiet button--small" disabled={busy} onClick={onRead}>
            {t('notifications.markRead')}
          </button>
        )}
      </div>
    </li>
  );
}
