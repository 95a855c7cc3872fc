import { useCallback, useEffect, useState } from 'react';

export type ApiState<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Load again (keeps showing the current data meanwhile). */
  reload: () => void;
  /** Replace the data with a fresher copy (for example a write's answer). */
  setData: (data: T) => void;
};

/**
 * Runs `load` on mount and whenever it changes (wrap it in useCallback with its inputs);
 * answers of superseded loads are dropped. `null` loads nothing.
 */
export function useApi<T>(load: (() => Promise<T>) | null): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(load !== null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    if (!load) return;
    let current = true;
    setLoading(true);
    load()
      .then((result) => {
        if (!current) return;
        setData(result);
        setError(null);
      })
      .catch((err: unknown) => current && setError(err))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [load, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}
