import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../api/auth';
import { createFormatter, formattingLocale, type Formatter } from './format';
import { browserZone } from './zones';

/** The zone times are shown in: the signed-in user's profile zone, else the browser's. */
export function useTimeZone(): string {
  const { user } = useAuth();
  return user?.timeZone ?? browserZone();
}

/** Formatters in the UI language and the user's zone. */
export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  const zone = useTimeZone();
  return useMemo(() => createFormatter(formattingLocale(i18n.language, navigator.languages ?? []), zone), [i18n.language, zone]);
}

/** The current instant, updated every `everyMs` (for clocks and "join opens" hints). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
