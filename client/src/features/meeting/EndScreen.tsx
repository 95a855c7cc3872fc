import { ErrorCode } from '@ca/signaling';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Problem } from '../../media/problems';
import { problemText } from './problemText';

type EndScreenProps = {
  status: 'left' | 'ended' | 'failed';
  reason: Problem | null;
  onRejoin: () => Promise<void>;
  /** What else there is to do after this meeting (a guest's contact card). */
  children?: ReactNode;
};

/** Reasons after which coming back makes no sense. */
const FINAL_REASONS: ReadonlySet<string> = new Set([ErrorCode.RemovedByHost]);

/** After leaving, after the room closed, or when joining failed: why, and a way back in (unless removed). */
export function EndScreen({ status, reason, onRejoin, children }: EndScreenProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const title = status === 'left' ? t('ended.leftTitle') : status === 'ended' ? t('ended.endedTitle') : t('ended.failedTitle');
  const rejoin = () => {
    setBusy(true);
    void onRejoin()
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  return (
    <main id="main" className="page page--center">
      <div className="card card--narrow end-screen">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {status === 'left' && <p>{t('ended.leftBody')}</p>}
        {status !== 'left' && reason && (
          <p role="alert" className="end-screen__reason">
            {problemText(t, reason)}
          </p>
        )}
        <div className="button-row">
          {!(reason && FINAL_REASONS.has(reason.code)) && (
            <button type="button" className="button button--primary" onClick={rejoin} disabled={busy}>
              {status === 'failed' ? t('ended.tryAgain') : t('ended.rejoin')}
            </button>
          )}
          <Link className="button button--quiet" to="/">
            {t('ended.home')}
          </Link>
        </div>
        {children}
      </div>
    </main>
  );
}
