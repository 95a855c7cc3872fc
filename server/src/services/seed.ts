import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { AuthService } from './auth.js';
import { iso, type Clock } from './clock.js';
import { OrganizerService } from './organizer.js';
import { localSlotBus, SlotCache } from './slotCache.js';

/** Demo accounts, documented in the README and printed by `npm start`. */
export const DEMO_ACCOUNTS = {
  organizer: { email: 'organizer@example.com', password: 'organizer-demo-2026', name: 'Olivia Organizer' },
  exhibitor: { email: 'exhibitor@example.com', password: 'exhibitor-demo-2026', name: 'Wang Fang' },
  guest: { email: 'guest@example.com', password: 'guest-demo-2026', name: 'Gabriel Guest' },
} as const;

type DemoBooth = {
  hall: 0 | 1;
  organisation: string;
  description: string;
  tags: string[];
  languages: string[];
  country: string;
  staff: { name: string; email: string; title: string; timeZone: string; country: string; language: string }[];
};

const BOOTHS: DemoBooth[] = [
  {
    hall: 0,
    organisation: 'Shenzhen Photonics',
    description: 'Laser modules and optical sensors for industrial automation.',
    tags: ['optics', 'sensors', 'automation'],
    languages: ['zh-CN', 'en'],
    country: 'CN',
    staff: [
      {
        name: DEMO_ACCOUNTS.exhibitor.name,
        email: DEMO_ACCOUNTS.exhibitor.email,
        title: 'Sales engineer',
        timeZone: 'Asia/Shanghai',
        country: 'CN',
        language: 'zh-CN',
      },
      { name: 'Chen Jie', email: 'chen.jie@example.com', title: 'Product manager', timeZone: 'Asia/Shanghai', country: 'CN', language: 'zh-CN' },
    ],
  },
  {
    hall: 0,
    organisation: 'Berliner Robotik',
    description: 'Collaborative robot arms for small factories.',
    tags: ['robotics', 'automation'],
    languages: ['de', 'en'],
    country: 'DE',
    staff: [
      {
        name: 'Anna Schmidt',
        email: 'anna.schmidt@example.com',
        title: 'Key account manager',
        timeZone: 'Europe/Berlin',
        country: 'DE',
        language: 'de',
      },
    ],
  },
  {
    hall: 0,
    organisation: 'Hudson Analytics',
    description: 'Predictive maintenance software for machine fleets.',
    tags: ['software', 'ai', 'maintenance'],
    languages: ['en', 'es'],
    country: 'US',
    staff: [
      {
        name: 'Michael Brooks',
        email: 'michael.brooks@example.com',
        title: 'Solutions architect',
        timeZone: 'America/New_York',
        country: 'US',
        language: 'en',
      },
    ],
  },
  {
    hall: 1,
    organisation: 'Kyoto Precision Tools',
    description: 'Cutting tools and CNC tooling systems.',
    tags: ['machining', 'tools'],
    languages: ['ja', 'en'],
    country: 'JP',
    staff: [{ name: 'Sato Yuki', email: 'sato.yuki@example.com', title: 'Export manager', timeZone: 'Asia/Tokyo', country: 'JP', language: 'ja' }],
  },
  {
    hall: 1,
    organisation: 'Bengaluru Smart Logistics',
    description: 'Warehouse IoT trackers and fleet dashboards.',
    tags: ['logistics', 'iot', 'software'],
    languages: ['en', 'hi'],
    country: 'IN',
    staff: [
      { name: 'Priya Nair', email: 'priya.nair@example.com', title: 'Business development', timeZone: 'Asia/Kolkata', country: 'IN', language: 'en' },
    ],
  },
  {
    hall: 1,
    organisation: 'São Paulo Green Packaging',
    description: 'Compostable packaging for food and retail.',
    tags: ['packaging', 'sustainability'],
    languages: ['pt', 'en', 'es'],
    country: 'BR',
    staff: [
      {
        name: 'Lucas Almeida',
        email: 'lucas.almeida@example.com',
        title: 'Sales director',
        timeZone: 'America/Sao_Paulo',
        country: 'BR',
        language: 'pt',
      },
    ],
  },
];

/** Every demo staff member gets this password (the exhibitor account's). */
const STAFF_PASSWORD = DEMO_ACCOUNTS.exhibitor.password;

/** The settings row whose lock serialises seeding between nodes that start together. */
export const SEED_LOCK_KEY = 'demo-seed';

const isEmpty = async (store: Store) => (await store.users.count()) === 0 && (await store.expo.eventCount()) === 0;

/**
 * Fills an empty database with a demo expo that runs from today for two weeks (in the
 * event's zone), so it can be booked right away. Never runs over real data: it does
 * nothing when any account or event exists. Several nodes starting together on one empty
 * PostgreSQL database seed it once: each writes the `demo-seed` settings row first, in the
 * seeding transaction, so the others wait on that row's lock until the first has committed
 * and then find the database filled. True when this call seeded.
 */
export async function seedDemo(deps: { store: Store; clock: Clock; log: Logger }): Promise<boolean> {
  const { store, clock, log } = deps;
  if (!(await isEmpty(store))) return false;
  return store.transaction(async (tx) => {
    await tx.settings.set(SEED_LOCK_KEY, iso(clock.now()));
    if (!(await isEmpty(tx))) return false;
    // Seeding only creates accounts: no sign-in, so no device cookie is ever signed with this throwaway key.
    const auth = new AuthService(tx, clock, randomUUID());
    // Seeding runs before any slot was asked for: a cache of its own, thrown away, has nothing to forget.
    const organizer = new OrganizerService(tx, auth, clock, new SlotCache({ clock, bus: localSlotBus }));
    await fill({ auth, organizer, clock, log });
    return true;
  });
}

async function fill({ auth, organizer, clock, log }: { auth: AuthService; organizer: OrganizerService; clock: Clock; log: Logger }) {
  const zone = 'Europe/Berlin';
  const today = DateTime.fromMillis(clock.now(), { zone }).startOf('day');
  const eventId = await organizer.createEvent({
    name: 'Global Industry Expo',
    description: 'Meet manufacturers and technology suppliers from around the world, online.',
    startsOn: today.toISODate()!,
    endsOn: today.plus({ days: 13 }).toISODate()!,
    timeZone: zone,
  });
  const halls = [
    await organizer.createHall(eventId, 'Hall A · Automation & Software'),
    await organizer.createHall(eventId, 'Hall B · Manufacturing & Logistics'),
  ];
  for (const booth of BOOTHS) {
    const boothId = await organizer.createBooth(eventId, {
      hallId: halls[booth.hall]!,
      organisation: booth.organisation,
      description: booth.description,
      tags: booth.tags,
      languages: booth.languages,
      country: booth.country,
      logoUrl: null,
    });
    for (const member of booth.staff) {
      await organizer.createStaff(boothId, { ...member, password: STAFF_PASSWORD });
    }
  }
  await auth.createAccount({ ...DEMO_ACCOUNTS.organizer, country: 'DE', language: 'en', timeZone: zone, role: 'organizer' });
  await auth.createAccount({ ...DEMO_ACCOUNTS.guest, country: 'US', language: 'en', timeZone: 'America/Los_Angeles' });
  const at = (day: number, hour: number) => today.plus({ days: day }).set({ hour }).toUTC().toISO()!;
  await organizer.createTalk(eventId, {
    hallId: halls[0]!,
    title: 'Opening keynote: factories without borders',
    kind: 'keynote',
    speakers: ['Olivia Organizer'],
    start: at(0, 10),
    end: at(0, 11),
    capacity: 5000,
  });
  await organizer.createTalk(eventId, {
    hallId: halls[1]!,
    title: 'Panel: sustainable packaging at scale',
    kind: 'panel',
    speakers: ['Lucas Almeida', 'Priya Nair'],
    start: at(1, 15),
    end: at(1, 16),
    capacity: 1000,
  });
  log.info({ eventId, booths: BOOTHS.length }, 'demo expo created');
}
