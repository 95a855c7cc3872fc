import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type ExpoEvent, type LeadsResponse, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, signIn } from '../test-support/api.js';
import { rawGet } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const DAY = 86_400_000;

describe('leads with consent: contact cards, staff notes, CSV', () => {
  let platform: Platform;
  let booth: Booth;
  let otherBooth: Booth;
  let anna: ApiClient;
  let otherStaff: ApiClient;
  let guest: ApiClient;
  let stranger: ApiClient;
  let appointment: Appointment;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
    booth = booths.find((b) => b.organisation === 'Berliner Robotik')!;
    otherBooth = booths.find((b) => b.staff.some((s) => s.name === DEMO_ACCOUNTS.exhibitor.name))!;
    anna = await signIn(platform.url, 'anna.schmidt@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '203.0.113.80' });
    otherStaff = await signIn(platform.url, DEMO_ACCOUNTS.exhibitor.email, DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '203.0.113.81' });
    guest = await registerGuest(
      platform.url,
      { name: '李小龙', timeZone: 'Asia/Shanghai', language: 'zh-CN', country: 'CN' },
      { forwardedFor: '203.0.113.82' },
    );
    stranger = await registerGuest(platform.url, { name: 'Mallory', timeZone: 'Europe/Paris' }, { forwardedFor: '203.0.113.83' });
    const from = Date.now() + DAY;
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString() });
    const [slot] = expectStatus(await guest.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${q}`), 200).body.slots;
    appointment = expectStatus(
      await guest.post<Appointment>('/api/appointments', { boothId: booth.id, start: slot!.start, guestZone: 'Asia/Shanghai' }),
      201,
    ).body;
  });
  afterAll(() => platform?.close());

  const card = {
    name: '李小龙',
    email: 'li.xiaolong@example.cn',
    company: '深圳光电有限公司',
    jobTitle: '采购经理',
    phone: '+86 755 1234 5678',
    country: 'CN',
  };
  const leadsOf = async (client: ApiClient) => expectStatus(await client.get<LeadsResponse>(`/api/booths/${booth.id}/leads`), 200).body.leads;

  it('a lead without a shared card shows the appointment only: no name, no e-mail', async () => {
    const lead = (await leadsOf(anna)).find((l) => l.appointmentId === appointment.id)!;
    expect(lead).toMatchObject({ card: null, consentedAt: null, rating: null, tags: [] });
    expect(JSON.stringify(lead)).not.toContain('李小龙');
  });

  it('refuses a card without consent, a malformed or oversized one, and anyone but the guest; nothing is stored', async () => {
    const path = `/api/appointments/${appointment.id}/contact-card`;
    expect(apiError(await guest.put(path, { card }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect(apiError(await guest.put(path, { card, consent: false }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect(apiError(await guest.put(path, { card: { ...card, name: 'x'.repeat(101) }, consent: true }))).toMatchObject({
      code: ErrorCode.BadRequest,
    });
    expect(apiError(await guest.put(path, { card: { ...card, salary: '1' }, consent: true }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect(apiError(await guest.put(path, { card: {}, consent: true }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect(apiError(await anna.put(path, { card, consent: true }))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await stranger.put(path, { card, consent: true }))).toMatchObject({ code: ErrorCode.NotFound });
    expect((await new ApiClient(platform.url).put(path, { card, consent: true })).status).toBe(401);
    expect((await leadsOf(anna)).find((l) => l.appointmentId === appointment.id)?.card).toBeNull();
  });

  it("only the booth's own staff read its leads: another booth's staff, a guest and a stranger are refused", async () => {
    expect(apiError(await otherStaff.get(`/api/booths/${booth.id}/leads`))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await guest.get(`/api/booths/${booth.id}/leads`))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await guest.get(`/api/booths/${booth.id}/leads?format=csv`))).toMatchObject({ code: ErrorCode.Forbidden });
    expect((await new ApiClient(platform.url).get(`/api/booths/${booth.id}/leads`)).status).toBe(401);
    expect(apiError(await anna.get(`/api/booths/${otherBooth.id}/leads`))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await anna.get(`/api/booths/${booth.id}/leads?format=xml`))).toMatchObject({ code: ErrorCode.BadRequest });
  });

  it('shares a card with consent; staff rate and answer their own questions; the CSV parses back with the Chinese name intact', async () => {
    const shared = expectStatus(await guest.put(`/api/appointments/${appointment.id}/contact-card`, { card, consent: true }), 200).body as {
      consentedAt: string;
    };
    expect(Date.parse(shared.consentedAt)).toBeGreaterThan(0);
    expectStatus(await anna.put(`/api/booths/${booth.id}/questions`, { questions: [{ id: 'budget', text: 'Budget this year?' }] }), 200);
    const notes = { rating: 'hot', tags: ['robotics', 'robotics', 'Q3'], note: 'Wants a demo in Shenzhen', answers: { budget: '€200k' } };
    expect(apiError(await anna.put(`/api/booths/${booth.id}/leads/${appointment.id}`, { ...notes, answers: { unknown: 'x' } }))).toMatchObject({
      code: ErrorCode.BadRequest,
    });
    expect(apiError(await otherStaff.put(`/api/booths/${booth.id}/leads/${appointment.id}`, notes))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await anna.put(`/api/booths/${booth.id}/leads/${appointment.id}`, { ...notes, rating: 'lukewarm' }))).toMatchObject({
      code: ErrorCode.BadRequest,
    });
    const lead = expectStatus(await anna.put(`/api/booths/${booth.id}/leads/${appointment.id}`, notes), 200).body;
    expect(lead).toMatchObject({ card, rating: 'hot', tags: ['robotics', 'Q3'], answers: { budget: '€200k' } });

    const raw = await rawGet(`${platform.url}/api/booths/${booth.id}/leads`, {
      accept: 'text/csv',
      cookie: `ca_session=${anna.cookie('ca_session')}`,
    });
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect([...raw.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(raw.body, { bom: true }) as string[][];
    // Anna's profile language is German: so are the headers and the rating.
    expect(rows[0]).toEqual([
      'Beginn des Termins',
      'Status',
      'Name',
      'E-Mail',
      'Unternehmen',
      'Position',
      'Telefon',
      'Land',
      'Geteilt am',
      'Bewertung',
      'Schlagwörter',
      'Notiz',
    ]);
    const row = rows.find((r) => r[0] === appointment.start)!;
    expect(row.slice(2, 8)).toEqual([card.name, card.email, card.company, card.jobTitle, card.phone, card.country]);
    expect(row[9]).toBe('Heiß');
  });

  it('a withdrawn card leaves the booth without personal data, in the list and the CSV; withdrawing twice is NOT_FOUND', async () => {
    const path = `/api/appointments/${appointment.id}/contact-card`;
    // Racing: an export while the guest withdraws gets either the card or none, never an error.
    const [csv, revoked] = await Promise.all([anna.get(`/api/booths/${booth.id}/leads?format=csv`), guest.delete(path)]);
    expect(csv.status).toBe(200);
    expect(revoked.status).toBe(200);
    const lead = (await leadsOf(anna)).find((l) => l.appointmentId === appointment.id)!;
    expect(lead.card).toBeNull();
    expect(lead.revokedAt).not.toBeNull();
    expect(lead.rating).toBe('hot');
    const after = await rawGet(`${platform.url}/api/booths/${booth.id}/leads?format=csv`, { cookie: `ca_session=${anna.cookie('ca_session')}` });
    expect(after.body.toString('utf8')).not.toContain('李小龙');
    expect(after.body.toString('utf8')).not.toContain('li.xiaolong');
    expect(apiError(await guest.delete(path))).toMatchObject({ code: ErrorCode.NotFound });
    expect(expectStatus(await guest.get(path), 200).body).toMatchObject({ card: null });
  });
});
