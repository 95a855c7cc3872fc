import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main id="main" className="page page--center">
      <div className="card card--narrow">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.body')}</p>
        <Link className="button button--primary" to="/">
          {t('notFound.back')}
        </Link>
      </div>
    </main>
  );
}
