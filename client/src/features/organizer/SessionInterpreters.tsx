import type { SessionInterpreter } from '@ca/signaling';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { queries, queryKeys } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSelect } from '../../components/LanguageSelect';
import { languageName } from '../../i18n/regions';

type Row = Pick<SessionInterpreter, 'language' | 'email'>;

/** Organizers: who interprets a stage session into which language (accounts by e-mail; several per language take turns). */
export function SessionInterpreters({ sessionId, title }: { sessionId: string; title: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const saved = useQuery(queries.sessionInterpreters(sessionId));
  const [language, setLanguage] = useState('es');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  // What the server holds is the list; every change is saved at once and answered with the new list.
  const rows: Row[] = (saved.data?.interpreters ?? []).map(({ language: l, email: e }) => ({ language: l, email: e }));
  const name = (code: string) => languageName(code, i18n.language);
  const save = (next: Row[]) => {
    setBusy(true);
    setError(undefined);
    endpoints
      .setSessionInterpreters(sessionId, { interpreters: next })
      .then((answer) => {
        client.setQueryData(queryKeys.sessionInterpreters(sessionId), answer);
        setEmail('');
      }, setError)
      .finally(() => setBusy(false));
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    save([...rows, { language, email: email.trim() }]);
  };
  return (
    <details className="session-interpreters">
      <summary>{t('organizer.interpreters.summary', { count: rows.length })}</summary>
      <ErrorAlert error={saved.error ?? error} />
      {rows.length === 0 ? (
        <p className="muted">{t('organizer.interpreters.none')}</p>
      ) : (
        <ul className="session-interpreters__list">
          {(saved.data?.interpreters ?? []).map((row) => (
            <li key={`${row.language}:${row.email}`}>
              <span>
                {name(row.language)} · <span dir="auto">{row.name}</span> <span className="muted">{row.email}</span>
              </span>
              <button
                type="button"
                className="button button--quiet button--small"
                disabled={busy}
                aria-label={t('organizer.interpreters.remove', { name: row.name, language: name(row.language) })}
                onClick={() => save(rows.filter((r) => !(r.language === row.language && r.email === row.email)))}
              >
                {t('organizer.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="session-interpreters__add" onSubmit={add} aria-label={t('organizer.interpreters.add', { title })}>
        <label className="field">
          {t('organizer.interpreters.language')}
          <LanguageSelect value={language} onChange={setLanguage} />
        </label>
        <label className="field">
          {t('organizer.interpreters.email')}
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <button type="submit" className="button button--small" disabled={busy}>
          {t('organizer.interpreters.assign')}
        </button>
      </form>
    </details>
  );
}
