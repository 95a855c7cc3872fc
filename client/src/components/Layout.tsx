import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { SiteHeader } from './SiteHeader';

/** Every page but the meeting room: the header, then the page. */
export function Layout() {
  return (
    <div className="shell">
      <SiteHeader />
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
