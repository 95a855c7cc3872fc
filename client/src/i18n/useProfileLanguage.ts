import { useEffect } from 'react';
import { useAuth } from '../api/auth';
import { matchLanguage } from './languages';
import { setLanguage } from './index';

/**
 * The signed-in user's profile language wins over the switcher and the browser: when a user
 * signs in (or their profile changes), the UI follows their profile, when we support it.
 */
export function useProfileLanguage(): void {
  const { user } = useAuth();
  const profile = user?.language;
  useEffect(() => {
    const language = profile ? matchLanguage(profile) : undefined;
    if (language) setLanguage(language);
  }, [profile]);
}
