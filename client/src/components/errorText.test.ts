import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { catalogues } from '../i18n/resources';
import { errorText, issueText } from './errorText';

async function translator(language: 'en' | 'ar' | 'ja') {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: catalogues.en }, ar: { translation: catalogues.ar }, ja: { translation: catalogues.ja } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const apiError = (code: ConstructorParameters<typeof ApiError>[0]['code'], details?: unknown) =>
  new ApiError({ status: 400, code, message: 'the server’s own English words', details });

describe('errorText', () => {
  it('never shows the server’s English message: a known reason, then the code, then a generic sentence', async () => {
    const t = await translator('ar');
    expect(errorText(t, apiError('CONFLICT', { reason: 'taken' }))).toBe(catalogues.ar.errors.taken);
    expect(errorText(t, apiError('CONFLICT', { reason: 'email-taken' }))).toBe(catalogues.ar.errors.emailTaken);
    expect(errorText(t, apiError('CONFLICT', { reason: 'something-new' }))).toBe(catalogues.ar.errors.CONFLICT);
    expect(errorText(t, apiError('ROOM_LOCKED'))).toBe(catalogues.ar.reasons.ROOM_LOCKED);
    expect(errorText(t, new Error('boom'))).toBe(catalogues.ar.errors.INTERNAL);
    for (const code of ['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'UNAVAILABLE', 'ROOM_FULL'] as const) {
      expect(errorText(t, apiError(code))).not.toContain('English');
    }
  });

  it('falls back to the generic sentence for a code this client does not know yet', async () => {
    const t = await translator('ja');
    const unknown = apiError('NEW_CODE' as 'INTERNAL');
    expect(errorText(t, unknown)).toBe(catalogues.ja.errors.INTERNAL);
  });
});

describe('issueText', () => {
  it('words each issue code with its bounds in the user’s language', async () => {
    const t = await translator('en');
    expect(issueText(t, { code: 'too_small', origin: 'string', minimum: 10 })).toBe('Too short: at least 10 characters.');
    expect(issueText(t, { code: 'too_small', origin: 'string', minimum: 1 })).toBe('Required.');
    expect(issueText(t, { code: 'too_big', origin: 'number', maximum: 120 })).toBe('Too large: at most 120.');
    expect(issueText(t, { code: 'range', minimum: 0, maximum: 120 })).toBe('Must be between 0 and 120.');
    expect(issueText(t, { code: 'overlap' })).toBe('Overlaps other hours on the same day.');
    expect(issueText(t, {})).toBe('Not valid.');
    const ar = await translator('ar');
    expect(issueText(ar, { code: 'order' })).toBe('يجب أن يكون بعد البداية.');
  });
});
