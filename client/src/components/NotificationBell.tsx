import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { queries } from '../api/queries';
import { Icon } from './Icon';

/** The header's bell: a link to the notifications with the unread count (read out in its name). */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const notifications = useQuery(queries.notifications());
  const unread = notifications.data?.unread ?? 0;
  return (
    <NavLink
      to="/notifications"
      className={({ isActive }) => (isActive ? 'bell is-active' : 'bell')}
      aria-label={unread === 0 ? t('notifications.title') : t('notifications.bell', { count: unread })}
    >
      <Icon name="bell" />
      {unread > 0 && (
        <span className="bell__count" aria-hidden="true">
          {new Intl.NumberFormat(i18n.language).format(Math.min(unread, 99))}
          {unread > 99 ? '+' : ''}
        </span>
      )}
    </NavLink>
  );
}
