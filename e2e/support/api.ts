import { expect, type APIRequestContext } from '@playwright/test';

/** Moves the server's clock (ALLOW_TEST_CLOCK is on in the e2e server). Signed-out request: no CSRF needed. */
export async function setServerClock(request: APIRequestContext, instant: string): Promise<void> {
  const res = await request.post('/api/test/clock', { data: { now: instant } });
  expect(res.status(), await res.text()).toBe(200);
}
