import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult, Protocol } from '../../media/connectionTest';

/**
 * The pre-join connection test: runs once on its own (UDP, then TCP, against a throwaway
 * transport on the media server) and says which gets through; "Test again" repeats it.
 * `onResult` gets each result (an appointment's guest sends it to the server for the host).
 */
export function ConnectionCheck({ onResult }: { onResult?: ((result: ConnectionTestResult) => void) | undefined } = {}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [running, setRunning] = useState(false);
  const mounted = useRef(true);
  const report = useRef(onResult);
  report.current = onResult;

  const run = useCallback(() => {
    setRunning(true);
    setResult(null);
    // Loaded once the pre-join screen shows (mediasoup-client and Socket.io: the meeting needs them next).
    void import('../../media/connectionTest')
      .then(({ testConnection }) => testConnection())
      .then(
        (outcome) => {
          if (!mounted.current) return;
          setResult(outcome);
          setRunning(false);
          report.current?.(outcome);
        },
        () => mounted.current && setRunning(false),
      );
  }, []);

  useEffect(() => {
    mounted.current = true;
    run();
    return () => {
      mounted.current = false;
    };
  }, [run]);

  const summary = result && (result.udp === 'ok' ? 'udp' : result.tcp === 'ok' ? 'tcp' : 'none');
  return (
    <section className="connection-check" aria-labelledby={headingId}>
      <h2 id={headingId} className="connection-check__heading">
        {t('connectionCheck.heading')}
      </h2>
      {running && <p aria-live="polite">{t('connectionCheck.running')}</p>}
      {result && (
        <>
          <ul className="connection-check__results">
            {(['udp', 'tcp'] as const satisfies readonly Protocol[]).map((protocol) => (
              <li key={protocol}>
                {t(`connectionCheck.${protocol}`)}: {t(`connectionCheck.result.${result[protocol]}`)}
              </li>
            ))}
          </ul>
          <p role="status">{t(`connectionCheck.summary.${summary ?? 'none'}`)}</p>
        </>
      )}
      <button type="button" className="button button--small" onClick={run} disabled={running}>
        {t('connectionCheck.again')}
      </button>
    </section>
  );
}
