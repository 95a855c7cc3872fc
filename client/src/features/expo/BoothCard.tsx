import type { Booth } from '@ca/signaling';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { countryName, languageName } from '../../i18n/regions';

export function LiveBadge({ live }: { live: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={live ? 'status-badge status-badge--live' : 'status-badge'}>
      <span className="status-badge__dot" aria-hidden="true" />
      {live ? t('expo.live') : t('expo.offline')}
    </span>
  );
}

/** One booth in the hall: who, from where, in which languages, and the way in. */
export function BoothCard({ booth }: { booth: Booth }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <article className="booth-card" aria-label={booth.organisation}>
      <div className="booth-card__top">
        <span className="booth-card__logo" aria-hidden="true">
          {booth.organisation.slice(0, 1)}
        </span>
        <LiveBadge live={booth.live} />
      </div>
      <h3 className="booth-card__title" dir="auto">
        {booth.organisation}
      </h3>
      <p className="booth-card__description" dir="auto">
        {booth.description}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('expo.country')}</dt>
          <dd>{countryName(booth.country, locale)}</dd>
        </div>
        <div>
          <dt>{t('expo.languages')}</dt>
          <dd>{booth.languages.map((l) => languageName(l, locale)).join(', ') || '—'}</dd>
        </div>
      </dl>
      {booth.tags.length > 0 && (
        <ul className="tags" aria-label={t('expo.tags')}>
          {booth.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      )}
      <Link className="button button--quiet booth-card__link" to={`/booths/${encodeURIComponent(booth.id)}`}>
        {t('expo.viewBooth')}
      </Link>
    </article>
  );
}
