import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { newPerson, registerGuest, type Person } from '../support/people.js';

// How the UI language is chosen: the profile's, else the switcher's remembered choice, else the
// browser's languages negotiated to a supported one, else English; <html lang dir> follow it.

async function visitor(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale });
  return { context, page: await context.newPage() };
}

test.describe('choosing the interface language', () => {
  const cases: { locale: string; lang: string; region: string }[] = [
    { locale: 'pt-PT', lang: 'pt-BR', region: 'Como funciona' },
    { locale: 'zh-HK', lang: 'zh-TW', region: '使用方式' },
    { locale: 'es-MX', lang: 'es', region: 'Cómo funciona' },
    { locale: 'ja-JP', lang: 'ja', region: 'ご利用の流れ' },
    { locale: 'ar-EG', lang: 'ar', region: 'كيف يعمل' },
    { locale: 'nl-NL', lang: 'en', region: 'How it works' },
  ];
  for (const { locale, lang, region } of cases) {
    test(`a browser in ${locale} reads the site in ${lang}`, async ({ browser }) => {
      const { context, page } = await visitor(browser, locale);
      try {
        await page.goto('/');
        await expect(page.getByRole('region', { name: region })).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      } finally {
        await context.close();
      }
    });
  }

  test('the switcher’s choice is remembered over the browser’s language, and offers every language', async ({ browser }) => {
    const { context, page } = await visitor(browser, 'de-DE');
    try {
      await page.goto('/');
      await expect(page.getByRole('region', { name: 'So funktioniert es' })).toBeVisible();
      const picker = page.getByLabel('Anzeigen auf');
      await expect(picker.locator('option')).toHaveText([
        'English',
        '简体中文',
        '繁體中文',
        'Español',
        'Français',
        'Deutsch',
        'Português (Brasil)',
        '日本語',
        '한국어',
        'Русский',
        'العربية',
      ]);
      await picker.selectOption('ko');
      await expect(page.getByRole('region', { name: '이용 방법' })).toBeVisible();
      await page.reload();
      await expect(page.getByRole('region', { name: '이용 방법' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    } finally {
      await context.close();
    }
  });

  test('a signed-in user’s profile language wins, and the switcher saves a new one to the profile', async ({ browser }) => {
    const contexts: BrowserContext[] = [];
    const person: Person = await newPerson(browser, 'Yuki Tanaka', contexts);
    try {
      await registerGuest(person, { country: 'JP', language: 'ja', timeZone: 'Asia/Tokyo' });
      // A browser in English still shows Japanese: the profile says so.
      await person.page.goto('/appointments');
      await expect(person.page.getByRole('link', { name: '予約一覧' })).toBeVisible();
      await expect(person.page.locator('html')).toHaveAttribute('lang', 'ja');

      await person.page.getByLabel('表示言語').selectOption('fr');
      await expect(person.page.getByRole('link', { name: 'Mes rendez-vous' })).toBeVisible();
      await expect
        .poll(async () => ((await (await person.context.request.get('/api/me')).json()) as { user: { language: string } }).user.language)
        .toBe('fr');
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });

  test('the registration form offers every language and starts on the one in use', async ({ browser }) => {
    const { context, page } = await visitor(browser, 'ru-RU');
    try {
      await page.goto('/register');
      const language = page.getByLabel('Язык', { exact: true });
      await expect(language).toHaveValue('ru');
      await expect(language.locator('option')).toHaveCount(11);
    } finally {
      await context.close();
    }
  });

  test('a refused sign-in is explained in the user’s language, from the error code, not the server’s English', async ({ browser }) => {
    // Registration no longer refuses a taken address (it reveals nothing), so the refusal here is a wrong password.
    const { context, page } = await visitor(browser, 'es-ES');
    try {
      await page.goto('/login');
      await page.getByLabel('Correo electrónico').fill('guest@example.com');
      await page.getByLabel('Contraseña').fill('not-the-right-password');
      await page.locator('form').getByRole('button', { name: 'Iniciar sesión' }).click();
      await expect(page.getByRole('alert')).toHaveText('El correo electrónico o la contraseña no son correctos.');
    } finally {
      await context.close();
    }
  });
});
