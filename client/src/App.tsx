import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { HomePage } from './features/home/HomePage';
import { NotFoundPage } from './features/NotFoundPage';

// The meeting pulls in mediasoup-client, Socket.io and the protocol schemas: load it only on /meet/*.
const MeetingRoute = lazy(() => import('./features/meeting/MeetingPage').then((m) => ({ default: m.MeetingRoute })));

export function App() {
  const { t } = useTranslation();
  return (
    <BrowserRouter>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Suspense fallback={null}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/meet/:roomId" element={<MeetingRoute />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
