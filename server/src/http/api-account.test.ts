import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type ExpoEvent, type LeadsResponse, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, GUEST_PASSWORD, registerGuest, signIn, uniqueEmail } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const DAY = 86_400_000;

describe('my data: export and account deletion', () => {
  let platform: Platform;
  let booth: Booth;
  let anna: ApiClient;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    booth = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths.find((b) => b.organisation === 'Berliner Robotik')!;
    anna = await signIn(platform.url, 'anna.schmidt@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '203.0.113.90' });
  });
  afterAll(() => platform?.close());

  /** A guest with a booked meeting (slot `index` of the next week) and a card shared for it. */
  const guestWithLead = async (name: string, email: string, index: number) => {
    const guest = await registerGuest(
      platform.url,
      { name, email, timeZone: 'America/Sao_Paulo', language: 'pt-BR', country: 'BR' },
      { forwardedFor: `203.0.113.${91 + index}` },
    );
    const from = Date.now() + DAY;
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString() });
    const slot = expectStatus(await guest.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${q}`), 200).body.slots[index]!;
    const appointment = expectStatus(
      await guest.post<Appointment>('/api/appointments', { boothId: booth.id, start: slot.start, guestZone: 'America/Sao_Paulo' }),
      201,
    ).body;
    expectStatus(await guest.put(`/api/appointments/${appointment.id}/contact-card`, { card: { name, email }, consent: true }), 200);
    return { guest, appointment };
  };
  const leadOf = async (appointmentId: string) =>
    expectStatus(await anna.get<LeadsResponse>(`/api/booths/${booth.id}/leads`), 200).body.leads.find((l) => l.appointmentId === appointmentId)!;

  it('exports everything kept about me: profile, appointments, shared cards; nobody signed in gets 401', async () => {
    const email = uniqueEmail('joao');
    const { guest, appointment } = await guestWithLead('João Silva', email, 0);
    const res = await guest.get<{
      profile: { email: string; name: string };
      appointments: Appointment[];
      contactCards: Array<{ appointmentId: string }>;
    }>('/api/me/export');
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ email, name: 'João Silva' });
    expect(res.body.appointments.map((a) => a.id)).toContain(appointment.id);
    expect(res.body.contactCards.map((c) => c.appointmentId)).toEqual([appointment.id]);
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password/);
    expect((await new ApiClient(platform.url).get('/api/me/export')).status).toBe(401);
  });

  it('deletes my account: wrong password changes nothing; then I cannot sign in, my future meeting is cancelled and my card withdrawn', async () => {
    const email = uniqueEmail('maria');
    const { guest, appointment } = await guestWithLead('Maria Souza', email, 1);
    expect(apiError(await guest.request('DELETE', '/api/me', { body: { password: 'not-my-password' } }))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    expect(apiError(await guest.request('DELETE', '/api/me', { body: { password: GUEST_PASSWORD, extra: 1 } }))).toMatchObject({
      code: ErrorCode.BadRequest,
    });
    expect((await leadOf(appointment.id)).card).toMatchObject({ name: 'Maria Souza' });
    expect((await guest.get('/api/me')).status).toBe(200);

    expect((await guest.request('DELETE', '/api/me', { body: { password: GUEST_PASSWORD } })).status).toBe(204);
    expect((await guest.get('/api/me')).status).toBe(401);
    const again = await new ApiClient(platform.url).post('/api/auth/login', { email, password: GUEST_PASSWORD });
    expect(again.status).toBe(401);
    const lead = await leadOf(appointment.id);
    expect(lead.status).toBe('cancelled');
    expect(lead.card).toBeNull();
    expect(JSON.stringify(lead)).not.toContain('Maria');
  });

  it('a guest may leave their card with the booth; staff accounts are closed by organizers, not by themselves', async () => {
    const { guest, appointment } = await guestWithLead('Ana Lima', uniqueEmail('ana'), 2);
    expect((await guest.request('DELETE', '/api/me', { body: { password: GUEST_PASSWORD, keepContactCards: true } })).status).toBe(204);
    expect((await leadOf(appointment.id)).card).toMatchObject({ name: 'Ana Lima' });
    expect(apiError(await anna.request('DELETE', '/api/me', { body: { password: DEMO_ACCOUNTS.exhibitor.password } }))).toMatchObject({
      code: ErrorCode.Conflict,
      details: { reason: 'not-a-guest' },
    });
    expect((await anna.get('/api/me')).status).toBe(200);
  });
});
