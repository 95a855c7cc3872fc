import type { Booth } from '@ca/signaling';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { useAuth } from '../../api/auth';
import { useOpenMeeting } from '../meeting/useOpenMeeting';

/** Meet at the booth now: its staff open the room ("Start booth meeting"), visitors walk in and wait in the lobby. */
export function WalkIn({ booth }: { booth: Booth }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const location = useLocation();
  const request = useCallback(() => endpoints.boothMeeting(booth.id), [booth.id]);
  const { open, busy, error } = useOpenMeeting(request, booth.organisation);
  const staff = !!user && user.boothIds.includes(booth.id);
  return (
    <div className="walk-in">
      {!user ? (
        <Link className="button" to="/login" state={{ from: location }}>
          {t('walkIn.signIn')}
        </Link>
      ) : (
        <>
          <p className="muted">{staff ? t('walkIn.startHint') : t('walkIn.walkInHint')}</p>
          <button type="button" className="button button--primary" onClick={open} disabled={busy}>
            {staff ? t('walkIn.start') : t('walkIn.walkIn')}
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </div>
  );
}
