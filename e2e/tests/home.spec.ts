import { expect, test } from '@playwright/test';

test("the home page leads to the demo booth meeting's pre-join screen", async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Join the demo booth meeting' }).click();
  await expect(page).toHaveURL(/\/meet\/demo-booth$/);
  await expect(page.getByLabel('Your name')).toBeVisible();
  await expect(page.getByLabel('Camera')).toBeVisible();
  await expect(page.getByLabel('Microphone', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();
  await page.getByLabel('Your name').fill('Dana');
  await expect(page.getByRole('button', { name: 'Join', exact: true })).toBeEnabled();
  // The connection test reaches the media server over UDP (and TCP) from here.
  const check = page.getByRole('region', { name: 'Connection test' });
  await expect(check.getByText('UDP: works')).toBeVisible({ timeout: 20_000 });
  await expect(check.getByText('TCP: works')).toBeVisible();
  await expect(check.getByRole('status')).toHaveText(/over UDP: the best quality/);
});

test('the app loads nothing from outside our own server', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(baseURL!).origin) foreign.push(req.url());
  });
  await page.goto('/meet/demo-booth');
  await expect(page.getByLabel('Your name')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(foreign).toEqual([]);
});

test('GET /api/health reports ok and the running media workers', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { status: string; workers: number };
  expect(body.status).toBe('ok');
  expect(body.workers).toBeGreaterThan(0);
});
