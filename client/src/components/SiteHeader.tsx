import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../api/auth';
import { LanguagePicker } from './LanguagePicker';
import { NotificationBell } from './NotificationBell';

/** Product name, the main navigation by role, the language picker and the account. */
export function SiteHeader() {
  const { t } = useTranslation();
  const { state, user, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const onAuthPage = location.pathname === '/login' || location.pathname === '/register';
  const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'site-nav__link is-active' : 'site-nav__link');

  const onSignOut = () => {
    void signOut().finally(() => navigate('/'));
  };

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t('app.name')}</span>
        </Link>
        <nav className="site-nav" aria-label={t('nav.label')}>
          <NavLink to="/expo" className={navClass}>
            {t('nav.expo')}
          </NavLink>
          {user && (
            <NavLink to="/appointments" className={navClass}>
              {t('nav.appointments')}
            </NavLink>
          )}
          {user?.role === 'staff' && (
            <NavLink to="/exhibitor" className={navClass}>
              {t('nav.exhibitor')}
            </NavLink>
          )}
          {user?.role === 'organizer' && (
            <NavLink to="/organizer" className={navClass}>
              {t('nav.organizer')}
            </NavLink>
          )}
        </nav>
        <div className="site-header__end">
          <LanguagePicker />
          {user ? (
            <div className="account">
              <NotificationBell />
              <Link to="/account" className="account__name" title={user.email} dir="auto" aria-label={`${t('nav.account')}: ${user.name}`}>
                {user.name}
              </Link>
              <button type="button" className="button button--quiet button--small" onClick={onSignOut}>
                {t('nav.signOut')}
              </button>
            </div>
          ) : state.status === 'signedOut' && !onAuthPage ? (
            <Link to="/login" state={{ from: location }} className="button button--primary button--small">
              {t('nav.signIn')}
            </Link>
          ) : null}
        </div>
      </div>
    </header>
  );
}
