import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../../components/usePageTitle';

export const DEMO_ROOM = 'demo-booth';

/** `/`: what the product is, the way into the expo, and the demo meeting. */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle();
  const steps = [
    { title: t('home.step1Title'), body: t('home.step1Body') },
    { title: t('home.step2Title'), body: t('home.step2Body') },
    { title: t('home.step3Title'), body: t('home.step3Body') },
  ];
  return (
    <main id="main" className="page page--home">
      <section className="home">
        <p className="eyebrow">{t('home.eyebrow')}</p>
        <h1 className="home__title">{t('app.name')}</h1>
        <p className="home__tagline">{t('home.tagline')}</p>
        <div className="button-row button-row--center">
          <Link className="button button--primary button--large" to="/expo">
            {t('home.browseExpo')}
          </Link>
          <Link className="button button--quiet button--large" to={`/meet/${DEMO_ROOM}`}>
            {t('home.joinDemo')}
          </Link>
        </div>
        <p className="home__note">{t('home.noInstall')}</p>
      </section>
      <section className="home-steps" aria-label={t('home.howItWorks')}>
        <ol>
          {steps.map((step, index) => (
            <li key={step.title} className="home-step">
              <span className="home-step__number" aria-hidden="true">
                {index + 1}
              </span>
              <h2>{step.title}</h2>
              <p>{step.body}</p>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
