import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Appointment, type Booth, type ExpoEvent, type Slot, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { formatWhen } from '../i18n/appointmentTexts.js';
import { startTestPlatform } from '../test-support/platform.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ANNA = { email: 'anna.schmidt@example.com', name: 'Anna Schmidt' };

type NotificationDto = { id: string; kind: string; appointmentId: string | null; message: string; createdAt: string; read: boolean };

describe('appointment reminders', () => {
  let platform: Platform;
  let anna: ApiClient;
  let guest: ApiClient;
  let waitingGuest: ApiClient;
  let movedGuest: ApiClient;
  let appointment: Appointment;
  let unconfirmed: Appointment;
  let toMove: Appointment;
  let slots: Slot[];

  /** The reminders of one appointment in the user's notifications (its accepted/declined notices are api-status-notices.test.ts's). */
  const notificationsOf = async (client: ApiClient, appointmentId: string) =>
    expectStatus(await client.get<{ notifications: NotificationDto[] }>('/api/notifications'), 200, 'notifications').body.notifications.filter(
      (n) => n.appointmentId === appointmentId && n.kind.startsWith('reminder-'),
    );
  const outboxOf = async (appointmentId: string) =>
    (await platform.services.store.notifications.outbox()).filter((m) => m.dedupe_key.startsWith(`${appointmentId}:`));
  const kinds = (list: { kind: string }[]) => list.map((n) => n.kind).sort();
  /** Moves the server clock (which itself runs one scan), then runs the scan twice more, as a second node would. */
  const scanAt = async (instant: number) => {
    await setServerClock(platform.url, instant);
    const counts = [await platform.services.reminders.runOnce(), await platform.services.reminders.runOnce()];
    expect(counts).toEqual([0, 0]);
  };
  const bookAt = async (client: ApiClient, booth: Booth, start: string) =>
    expectStatus(await client.post<Appointment>('/api/appointments', { boothId: booth.id, start }), 201, 'book').body;

  beforeAll(async () => {
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
    const berlin = booths.find((b) => b.organisation === 'Berliner Robotik')!;
    const from = Date.now() + DAY;
    const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 11 * DAY).toISOString() });
    slots = expectStatus(await anon.get<SlotsResponse>(`/api/booths/${berlin.id}/slots?${query}`), 200, 'slots').body.slots;

    anna = await signIn(platform.url, ANNA.email, DEMO_ACCOUNTS.exhibitor.password);
    guest = await registerGuest(platform.url, { timeZone: 'America/Los_Angeles', name: 'Riley Reminded' });
    waitingGuest = await registerGuest(platform.url, { timeZone: 'Asia/Tokyo', name: 'Wren Waiting' });
    movedGuest = await registerGuest(platform.url, { timeZone: 'Europe/Lisbon', name: 'Mo Moved' });

    const hourAfter = (slot: Slot) => slots.find((s) => Date.parse(s.start) === Date.parse(slot.start) + HOUR);
    const first = slots.find((s) => hourAfter(s) !== undefined)!;
    const hourLater = hourAfter(first)!;
    const later = slots.find((s) => Date.parse(s.start) >= Date.parse(first.start) + 2 * DAY)!;
    appointment = await bookAt(guest, berlin, first.start);
    unconfirmed = await bookAt(waitingGuest, berlin, hourLater.start);
    toMove = await bookAt(movedGuest, berlin, later.start);
    for (const id of [appointment.id, toMove.id]) {
      expectStatus(await anna.patch(`/api/appointments/${id}`, { action: 'confirm' }), 200, 'confirm');
    }
  });
  afterAll(() => platform.close());

  it('sends exactly one 24-hour reminder to the guest and one to the staff member, however often the scan runs', async () => {
    const start = Date.parse(appointment.start);
    await scanAt(start - 23 * HOUR);

    const forGuest = await notificationsOf(guest, appointment.id);
    expect(forGuest).toEqual([expect.objectContaining({ kind: 'reminder-24h', read: false })]);
    // In the guest's language (English, 12-hour clock) at the guest's time.
    const [hour, minute] = appointment.guest.local.time.split(':').map(Number) as [number, number];
    expect(forGuest[0]!.message).toContain(`${ANNA.name} (Berliner Robotik) starts tomorrow: `);
    expect(forGuest[0]!.message).toContain(`${hour % 12 || 12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`);
    expect(forGuest[0]!.message).toContain('(America/Los_Angeles)');

    const forStaff = await notificationsOf(anna, appointment.id);
    expect(forStaff).toEqual([expect.objectContaining({ kind: 'reminder-24h' })]);
    const staffLocal = appointment.staff.local;
    // Anna Schmidt's profile is German: her reminder is in German, on a 24-hour clock, at Berlin time.
    expect(forStaff[0]!.message).toContain('Ihr Meeting mit Riley Reminded (Berliner Robotik) beginnt morgen: ');
    expect(forStaff[0]!.message).toContain(`${staffLocal.time.replace(/^0/, '')} `);
    expect(forStaff[0]!.message).toMatch(/(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)/);
    expect(forStaff[0]!.message).toContain('(Europe/Berlin)');

    const mails = await outboxOf(appointment.id);
    expect(mails.map((m) => m.to_email).sort()).toEqual([ANNA.email, guest.user!.email].sort());
    expect(mails.every((m) => m.dedupe_key.endsWith(':reminder-24h') && m.sent_at === null)).toBe(true);
  });

  it('sends nothing for an appointment the staff member has not confirmed', async () => {
    await scanAt(Date.parse(unconfirmed.start) - 23 * HOUR);
    expect(await notificationsOf(waitingGuest, unconfirmed.id)).toEqual([]);
    expect(await notificationsOf(anna, unconfirmed.id)).toEqual([]);
    expect(await outboxOf(unconfirmed.id)).toEqual([]);
  });

  it('sends exactly one 10-minute reminder to each party, once, and no second 24-hour one', async () => {
    await scanAt(Date.parse(appointment.start) - 5 * MINUTE);

    const forGuest = await notificationsOf(guest, appointment.id);
    expect(kinds(forGuest)).toEqual(['reminder-10m', 'reminder-24h']);
    expect(forGuest.find((n) => n.kind === 'reminder-10m')!.message).toContain('starts in 10 minutes');
    expect(kinds(await notificationsOf(anna, appointment.id))).toEqual(['reminder-10m', 'reminder-24h']);

    const mails = await outboxOf(appointment.id);
    expect(mails).toHaveLength(4);
    expect(
      mails
        .filter((m) => m.dedupe_key.endsWith(':reminder-10m'))
        .map((m) => m.to_email)
        .sort(),
    ).toEqual([ANNA.email, guest.user!.email].sort());
  });

  it('reminds both parties of the new time when the staff member moves an appointment after its first reminder', async () => {
    const oldStart = Date.parse(toMove.start);
    await scanAt(oldStart - 23 * HOUR);
    expect(kinds(await notificationsOf(movedGuest, toMove.id))).toEqual(['reminder-24h']);

    const newSlot = slots.find((s) => Date.parse(s.start) >= oldStart + 2 * DAY)!;
    const moved = await anna.patch<Appointment>(`/api/appointments/${toMove.id}`, { action: 'reschedule', start: newSlot.start });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('confirmed');

    await setServerClock(platform.url, Date.parse(newSlot.start) - 23 * HOUR);
    await platform.services.reminders.runOnce();

    const forGuest = await notificationsOf(movedGuest, toMove.id);
    // The new instant as each reads it: the guest in English at Lisbon time, Anna in German at Berlin time.
    const newStart = Date.parse(newSlot.start);
    const guestAt = formatWhen(newStart, 'en', 'Europe/Lisbon');
    expect(forGuest.filter((n) => n.message.includes(`starts tomorrow: ${guestAt}`))).toHaveLength(1);
    const forStaff = await notificationsOf(anna, toMove.id);
    const staffAt = formatWhen(newStart, 'de', 'Europe/Berlin');
    expect(forStaff.filter((n) => n.message.includes(`beginnt morgen: ${staffAt}`))).toHaveLength(1);
  });
});
