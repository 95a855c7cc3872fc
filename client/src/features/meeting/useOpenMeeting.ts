import type { JoinResponse } from '@ca/signaling';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../api/auth';
import { useErrorText } from '../../components/ErrorAlert';

/**
 * Asks the API for a meeting ticket and opens the room with it, the way every
 * entry point does: the token travels in router state (never in the URL) together
 * with the signed-in user's name for the pre-join form, the meeting's title (`title`) for the room
 * (and, for a stage on LiveKit, its URL and token).
 */
export function useOpenMeeting(request: () => Promise<JoinResponse>, title: string) {
  const navigate = useNavigate();
  const { user } = useAuth();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = useCallback(() => {
    setBusy(true);
    setError(null);
    request()
      .then((res) => navigate(res.url, { state: { token: res.token, displayName: user?.name, title, ...(res.livekit && { livekit: res.livekit }) } }))
      .catch((err: unknown) => {
        setBusy(false);
        setError(errorText(err));
      });
  }, [request, navigate, user?.name, title, errorText]);
  return { open, busy, error };
}
