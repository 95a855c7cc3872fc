import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { Appointment, Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import { englishExhibitorBooth, type Person } from './people.js';

/** The demo expo's booth named `organisation`. */
export async function boothNamed(request: APIRequestContext, organisation: string): Promise<Booth> {
  const { events } = (await (await request.get('/api/events')).json()) as { events: ExpoEvent[] };
  const { booths } = (await (await request.get(`/api/events/${events[0]!.id}/booths`)).json()) as { booths: Booth[] };
  const booth = booths.find((b) => b.organisation === organisation);
  expect(booth, organisation).toBeDefined();
  return booth!;
}

/** The CSRF token of a signed-in person's session (for writes through their context's request). */
export async function csrfOf(person: Person): Promise<string> {
  return ((await (await person.context.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
}

/**
 * Through the API: `guest` books the `slotIndex`-th free time of `staff` (signed in, their first booth
 * place) from `daysAhead` days on, and `staff` answers it (`confirm`, `decline`, or not at all).
 */
export async function bookWith(options: {
  guest: Person;
  staff: Person;
  booth: Booth;
  answer: 'confirm' | 'decline' | null;
  daysAhead?: number;
  slotIndex?: number;
}): Promise<Appointment> {
  const { guest, staff, booth } = options;
  const { staff: places } = (await (await staff.context.request.get('/api/staff/me')).json()) as { staff: { id: string }[] };
  const staffId = places[0]!.id;
  const from = Date.now() + (options.daysAhead ?? 1) * 86_400_000;
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 3 * 86_400_000).toISOString(), staffId });
  const { slots } = (await (await guest.context.request.get(`/api/booths/${booth.id}/slots?${query}`)).json()) as SlotsResponse;
  const booked = await guest.context.request.post('/api/appointments', {
    data: { boothId: booth.id, start: slots[options.slotIndex ?? 0]!.start, staffId },
    headers: { 'x-csrf-token': await csrfOf(guest) },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const appointment = (await booked.json()) as Appointment;
  if (options.answer) {
    const answered = await staff.context.request.patch(`/api/appointments/${appointment.id}`, {
      data: { action: options.answer },
      headers: { 'x-csrf-token': await csrfOf(staff) },
    });
    expect(answered.status(), await answered.text()).toBe(200);
  }
  return appointment;
}

/** From the expo hall, opens a booth's page as a visitor would (Hudson Analytics, Michael Brooks' booth, unless told). */
export async function openBooth(page: Page, organisation = englishExhibitorBooth): Promise<void> {
  await page.goto('/expo');
  await page.getByRole('article', { name: organisation }).getByRole('link', { name: 'View booth' }).click();
}
