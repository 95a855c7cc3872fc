import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { AppointmentRow } from '../store/schema.js';

const CREATED = '2026-01-01T00:00:00.000Z';

/** Minimal rows for store tests: an event with one hall and one booth, and helpers for the rest. */
export async function expoFixture(store: Store) {
  const eventId = randomUUID();
  const hallId = randomUUID();
  const boothId = randomUUID();
  await store.expo.insertEvent({
    id: eventId,
    name: 'Store Expo',
    description: '',
    starts_on: '2026-05-04',
    ends_on: '2026-05-06',
    time_zone: 'Europe/Berlin',
    created_at: CREATED,
  });
  await store.expo.insertHall({ id: hallId, event_id: eventId, name: 'Hall A', position: 1 });
  await store.expo.insertBooth({
    id: boothId,
    event_id: eventId,
    hall_id: hallId,
    organisation: 'Store Booth',
    description: '',
    tags: '[]',
    languages: '["en"]',
    country: 'DE',
    logo_url: null,
    created_at: CREATED,
  });

  const user = async (name: string, role: 'guest' | 'staff' = 'guest') => {
    const id = randomUUID();
    await store.users.insert({
      id,
      email: `${id}@example.test`,
      name,
      password_hash: 'x',
      role,
      country: 'DE',
      language: 'en',
      time_zone: 'Europe/Berlin',
      created_at: CREATED,
    });
    return id;
  };

  const staff = async (name: string) => {
    const id = randomUUID();
    await store.expo.insertStaff({
      id,
      booth_id: boothId,
      user_id: await user(name, 'staff'),
      title: 'Rep',
      time_zone: 'Europe/Berlin',
      availability: '{"weekly":[],"exceptions":[]}',
      buffer_minutes: 0,
      meeting_lengths: '[30]',
    });
    return id;
  };

  const appointment = (staffId: string, guestId: string, startAt: string, endAt: string): AppointmentRow => ({
    id: randomUUID(),
    booth_id: boothId,
    staff_id: staffId,
    guest_id: guestId,
    start_at: startAt,
    end_at: endAt,
    guest_zone: 'Asia/Shanghai',
    staff_zone: 'Europe/Berlin',
    event_zone: 'Europe/Berlin',
    status: 'requested',
    any_rep: 0,
    note: '',
    created_at: CREATED,
    updated_at: CREATED,
    missing_party: null,
    outcome_by: null,
    connection_test: null,
    token_version: 0,
    handed_over_at: null,
    handed_over_from: null,
    interpreter_language: null,
    interpreter_staff_id: null,
  });

  return { eventId, hallId, boothId, user, staff, appointment };
}
