// @vitest-environment jsdom
import type { Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Platform } from '../../../../server/src/platform.js';
import { ApiClient, registerGuest, SESSION_COOKIE_NAME, uniqueEmail } from '../../../../server/src/test-support/api.js';
import { startTestPlatform } from '../../../../server/src/test-support/platform.js';
import { AppProviders, routeFetchTo, type Sent } from '../../test-support/realServer';
import { useAppointments } from '../appointments/useAppointments';
import { BookingSection } from './BookingSection';

/** Shows how many appointments the shared cache holds, as My appointments would. */
function AppointmentCount() {
  const { appointments } = useAppointments();
  return <p data-testid="count">{appointments === undefined ? 'loading' : String(appointments.length)}</p>;
}

describe('booking a meeting (components against a real server, one query cache)', () => {
  let platform: Platform;
  let guest: ApiClient;
  let other: ApiClient;
  let booth: Booth;
  let event: ExpoEvent;
  let sent: Sent;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const anon = new ApiClient(platform.url);
    event = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events[0]!;
    const { booths } = (await anon.get<{ booths: Booth[] }>(`/api/events/${event.id}/booths`)).body;
    // A booth with one representative: a time someone else books is gone for everyone.
    booth = booths.find((b) => b.staff.length === 1 && b.staff[0]!.meetingLengths.length > 0)!;
    guest = await registerGuest(platform.url, {
      name: 'Lena Gast',
      email: uniqueEmail('lena'),
      timeZone: 'Europe/Berlin',
      country: 'DE',
      language: 'en',
    });
    other = await registerGuest(platform.url, { name: 'Omar', email: uniqueEmail('omar'), timeZone: 'Asia/Dubai', country: 'AE', language: 'ar' });
  });
  afterAll(() => platform?.close());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const render_ = () => {
    sent = routeFetchTo(platform.url, () => `${SESSION_COOKIE_NAME}=${guest.cookie(SESSION_COOKIE_NAME)}`);
    render(
      <AppProviders>
        <AppointmentCount />
        <BookingSection booth={booth} event={event} />
      </AppProviders>,
    );
  };
  const slotRequests = () => sent.filter((r) => r.method === 'GET' && r.path.startsWith(`/api/booths/${booth.id}/slots`)).length;
  const appointmentRequests = () => sent.filter((r) => r.method === 'GET' && r.path === '/api/appointments').length;

  it('a booking shows in the appointment list and the free times at once, without a reload', async () => {
    const user = userEvent.setup();
    render_();
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('0'));
    const times = await screen.findAllByRole('radio', {}, { timeout: 10_000 });
    const chosen = times[0]!;
    await user.click(chosen);
    const [slotsBefore, listsBefore] = [slotRequests(), appointmentRequests()];
    await user.click(screen.getByRole('button', { name: 'Book this time' }));
    await screen.findByText('Meeting requested');
    // The same cache: the list shows the new request, and the booth's times were fetched again.
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('1'));
    expect(appointmentRequests()).toBeGreaterThan(listsBefore);
    await user.click(screen.getByRole('button', { name: 'Book another time' }));
    await screen.findAllByRole('radio');
    expect(slotRequests()).toBeGreaterThan(slotsBefore);
  });

  it('a time taken meanwhile answers 409: the error shows, the picker drops the time, nothing is booked', async () => {
    const user = userEvent.setup();
    render_();
    await waitFor(() => expect(screen.getByTestId('count').textContent).not.toBe('loading'));
    const count = screen.getByTestId('count').textContent;
    const times = await screen.findAllByRole('radio', {}, { timeout: 10_000 });
    await user.click(times[0]!);
    // Someone else books exactly that time while this page still offers it.
    const query = sent.filter((r) => r.path.startsWith(`/api/booths/${booth.id}/slots`)).at(-1)!.path;
    const offered = (await guest.get<SlotsResponse>(query)).body.slots;
    const taken = await other.post('/api/appointments', { boothId: booth.id, start: offered[0]!.start, guestZone: 'Asia/Dubai' });
    expect(taken.status).toBe(201);
    const before = slotRequests();
    await user.click(screen.getByRole('button', { name: 'Book this time' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    await waitFor(() => expect(slotRequests()).toBeGreaterThan(before));
    expect(sent.some((r) => r.method === 'POST' && r.path === '/api/appointments' && r.status === 409)).toBe(true);
    expect(screen.queryByText('Meeting requested')).toBeNull();
    expect(screen.getByTestId('count').textContent).toBe(count);
    await waitFor(() => expect(screen.getAllByRole('radio').every((r) => !(r as HTMLInputElement).checked)).toBe(true));
  });
});
