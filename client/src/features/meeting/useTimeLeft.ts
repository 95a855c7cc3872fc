import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "m:ss" until `endsAt` (ISO instant), ticking every second, in the reader's digits; null without a deadline. */
export function useTimeLeft(endsAt: string | null): string | null {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (endsAt === null) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [endsAt]);
  if (endsAt === null) return null;
  const total = Math.max(0, Math.round((Date.parse(endsAt) - now) / 1_000));
  const minutes = new Intl.NumberFormat(i18n.language).format(Math.floor(total / 60));
  const seconds = new Intl.NumberFormat(i18n.language, { minimumIntegerDigits: 2 }).format(total % 60);
  return `${minutes}:${seconds}`;
}
