import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './api/auth';
import { Layout } from './components/Layout';
import { RequireAuth } from './components/RequireAuth';
import { AccountDeletedPage } from './features/account/AccountDeletedPage';
import { LoginPage } from './features/auth/LoginPage';
import { RegisterPage } from './features/auth/RegisterPage';
import { HandoffAlerts } from './features/exhibitor/HandoffAlerts';
import { HomePage } from './features/home/HomePage';
import { NotFoundPage } from './features/NotFoundPage';
import { useProfileLanguage } from './i18n/useProfileLanguage';

const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));

// The meeting pulls in mediasoup-client, Socket.io and the protocol schemas: load it only on /meet/*.
const MeetingRoute = named(() => import('./features/meeting/MeetingPage'), 'MeetingRoute');
const ExpoPage = named(() => import('./features/expo/ExpoPage'), 'ExpoPage');
const BoothPage = named(() => import('./features/booth/BoothPage'), 'BoothPage');
const AppointmentsPage = named(() => import('./features/appointments/AppointmentsPage'), 'AppointmentsPage');
const ExhibitorPage = named(() => import('./features/exhibitor/ExhibitorPage'), 'ExhibitorPage');
const OrganizerPage = named(() => import('./features/organizer/OrganizerPage'), 'OrganizerPage');
// The dashboards bring Chart.js (loaded by the charts themselves on first draw).
const ExhibitorDashboardPage = named(() => import('./features/dashboard/ExhibitorDashboardPage'), 'ExhibitorDashboardPage');
const OrganizerDashboardPage = named(() => import('./features/dashboard/OrganizerDashboardPage'), 'OrganizerDashboardPage');
const NotificationsPage = named(() => import('./features/notifications/NotificationsPage'), 'NotificationsPage');
const AccountPage = named(() => import('./features/account/AccountPage'), 'AccountPage');
const ForgotPasswordPage = named(() => import('./features/auth/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = named(() => import('./features/auth/ResetPasswordPage'), 'ResetPasswordPage');
const ConfirmRegistrationPage = named(() => import('./features/auth/ConfirmRegistrationPage'), 'ConfirmRegistrationPage');

export function App() {
  return (
    <AuthProvider>
      <Shell />
    </AuthProvider>
  );
}

/** Everything inside the session: the UI follows the signed-in user's profile language. */
function Shell() {
  const { t } = useTranslation();
  useProfileLanguage();
  return (
    <BrowserRouter>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Routes>
        <Route element={<Layout alerts={<HandoffAlerts />} />}>
          <Route path="/" element={<HomePage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/register" element={<RegisterPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="/confirm-registration" element={<ConfirmRegistrationPage />} />
          <Route
            path="/account"
            element={
              <RequireAuth>
                <AccountPage />
              </RequireAuth>
            }
          />
          <Route
            path="/notifications"
            element={
              <RequireAuth>
                <NotificationsPage />
              </RequireAuth>
            }
          />
          <Route path="/account-deleted" element={<AccountDeletedPage />} />
          <Route path="/expo" element={<ExpoPage />} />
          <Route path="/booths/:boothId" element={<BoothPage />} />
          <Route
            path="/appointments"
            element={
              <RequireAuth>
                <AppointmentsPage />
              </RequireAuth>
            }
          />
          <Route
            path="/exhibitor"
            element={
              <RequireAuth role="staff">
                <ExhibitorPage />
              </RequireAuth>
            }
          />
          <Route
            path="/organizer"
            element={
              <RequireAuth role="organizer">
                <OrganizerPage />
              </RequireAuth>
            }
          />
          <Route
            path="/exhibitor/dashboard"
            element={
              <RequireAuth role="staff">
                <ExhibitorDashboardPage />
              </RequireAuth>
            }
          />
          <Route
            path="/organizer/dashboard"
            element={
              <RequireAuth role="organizer">
                <OrganizerDashboardPage />
              </RequireAuth>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="/meet/:roomId" element={<LazyMeeting />} />
      </Routes>
    </BrowserRouter>
  );
}

function LazyMeeting() {
  return (
    <Suspense fallback={null}>
      <MeetingRoute />
    </Suspense>
  );
}
