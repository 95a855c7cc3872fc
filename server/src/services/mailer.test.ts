import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { createStore, migrate, type Store } from '../store/index.js';
import { ApiClient, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../test-support/database.js';
import { silentLog } from '../test-support/media.js';
import { startTestPlatform } from '../test-support/platform.js';
import { startSmtp } from '../test-support/smtp.js';
import { systemClock } from './clock.js';
import { OutboxMailer } from './mailer.js';
import { DEMO_ACCOUNTS } from './seed.js';

describe('reminder e-mails over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let platform: Platform;
  beforeAll(async () => {
    smtp = await startSmtp();
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  });
  afterAll(async () => {
    await platform.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('delivers each reminder once to the guest and the staff member, and marks the outbox rows sent', async () => {
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    const booth = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths.find(
      (b) => b.organisation === 'Hudson Analytics',
    )!;
    const guest = await registerGuest(platform.url, { timeZone: 'Europe/Madrid', name: 'Mail Guest', email: 'mail.guest@example.com' });
    const from = Date.now() + 2 * 86_400_000;
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 5 * 86_400_000).toISOString() });
    const [slot] = expectStatus(await guest.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${q}`), 200).body.slots;
    const booked = expectStatus(await guest.post<Appointment>('/api/appointments', { boothId: booth.id, start: slot!.start }), 201).body;
    const staff = await signIn(platform.url, 'michael.brooks@example.com', DEMO_ACCOUNTS.exhibitor.password);
    expectStatus(await staff.patch(`/api/appointments/${booked.id}`, { action: 'confirm' }), 200);

    await setServerClock(platform.url, Date.parse(booked.start) - 23 * 3_600_000);
    await platform.services.reminders.runOnce();
    expect(await platform.services.mailer!.flush()).toBe(2);
    expect(await platform.services.mailer!.flush()).toBe(0);

    const recipients = smtp.received.flatMap((m) => m.to).sort();
    expect(recipients).toEqual(['mail.guest@example.com', 'michael.brooks@example.com']);
    const toGuest = smtp.received.find((m) => m.to.includes('mail.guest@example.com'))!;
    expect(toGuest.data).toMatch(/Subject: Reminder: meeting with Michael Brooks tomorrow/);
    expect(toGuest.data).toContain('Europe/Madrid');
    const outbox = await platform.services.store.notifications.outbox();
    expect(outbox.every((row) => row.sent_at !== null)).toBe(true);
    await setServerClock(platform.url, Date.now());
  });
});

describe(`two nodes' mailers on one ${testEngine()} outbox`, () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let database: TestDatabase;
  let stores: Store[];
  let mailers: OutboxMailer[];
  const email = (n: number, created = '2026-05-03T07:00:00.000Z') => ({
    id: `mail-${n}`,
    to_email: `person-${n}@example.com`,
    subject: `Reminder ${n}`,
    body: `See you (${n})`,
    dedupe_key: `mail-key-${n}`,
    created_at: created,
    sent_at: null,
  });
  const deliveries = () => smtp.received.flatMap((m) => m.to).sort();

  beforeAll(async () => {
    smtp = await startSmtp();
    database = await createTestDatabase();
    // Each node has its own connection (pool) to the one database.
    stores = [createStore(database.open()), createStore(database.open())];
    await migrate(stores[0]!.db);
    const smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    mailers = stores.map((store) => new OutboxMailer(store, systemClock, silentLog, { smtpUrl, from: 'Cloud Appointment <no-reply@localhost>' }));
  });
  afterAll(async () => {
    for (const mailer of mailers ?? []) mailer.stop();
    for (const store of stores ?? []) await store.close();
    await database?.drop();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('delivers each e-mail once when both flush the outbox at the same moment', async () => {
    const count = 20;
    for (let n = 1; n <= count; n++) await stores[0]!.notifications.enqueueEmail(email(n));
    const sent = await Promise.all(mailers.map((mailer) => mailer.flush()));
    expect(sent[0]! + sent[1]!).toBe(count);
    expect(deliveries()).toEqual(Array.from({ length: count }, (_, i) => `person-${i + 1}@example.com`).sort());
    expect(await Promise.all(mailers.map((mailer) => mailer.flush()))).toEqual([0, 0]);
    const outbox = await stores[1]!.notifications.outbox();
    expect(outbox.every((row) => row.sent_at !== null && mailers.some((m) => m.claimant === row.claimed_by))).toBe(true);
  });

  it('leaves an e-mail another node is sending alone, and takes over one whose node died while sending', async () => {
    smtp.received.length = 0;
    const { notifications } = stores[0]!;
    await notifications.enqueueEmail(email(101, '2026-05-04T07:00:00.000Z'));
    await notifications.enqueueEmail(email(102, '2026-05-04T07:00:00.000Z'));
    const now = Date.now();
    const claim = (at: number) => ({ claimant: 'elsewhere', at: new Date(at).toISOString(), staleBefore: new Date(at - 300_000).toISOString() });
    expect(await notifications.claimEmail('mail-101', claim(now))).toBe(true);
    expect(await notifications.claimEmail('mail-102', claim(now - 10 * 60_000))).toBe(true);
    expect(await Promise.all(mailers.map((mailer) => mailer.flush()))).toEqual(expect.arrayContaining([0, 1]));
    expect(deliveries()).toEqual(['person-102@example.com']);
  });
});
