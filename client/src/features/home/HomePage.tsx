import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguagePicker } from '../../components/LanguagePicker';

export const DEMO_ROOM = 'demo-booth';

export function HomePage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);
  return (
    <div className="page page--home">
      <main id="main" className="home">
        <div className="home__brand" aria-hidden="true">
          <img src="/favicon.svg" alt="" width="56" height="56" />
        </div>
        <h1 className="home__title">{t('app.name')}</h1>
        <p className="home__tagline">{t('home.tagline')}</p>
        <Link className="button button--primary button--large" to={`/meet/${DEMO_ROOM}`}>
          {t('home.joinDemo')}
        </Link>
        <p className="home__note">{t('home.noInstall')}</p>
      </main>
      <footer className="site-footer">
        <LanguagePicker />
      </footer>
    </div>
  );
}
