import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { SiteHeader } from './SiteHeader';

/** Every page but the meeting room: the header, what needs the user now (`alerts`), then the page. */
export function Layout({ alerts }: { alerts?: ReactNode }) {
  return (
    <div className="shell">
      <SiteHeader />
      {alerts}
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}
