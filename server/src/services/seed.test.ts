import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, migrate, type Store } from '../store/index.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../test-support/database.js';
import { silentLog } from '../test-support/media.js';
import { systemClock } from './clock.js';
import { DEMO_ACCOUNTS, seedDemo } from './seed.js';

const NODES = 4;
/** The demo's accounts: the organizer, the guest and seven booth staff. */
const DEMO_USERS = 9;

describe(`seedDemo on ${testEngine()}`, () => {
  let database: TestDatabase;
  let stores: Store[];

  beforeAll(async () => {
    database = await createTestDatabase();
    // On PostgreSQL each "node" has a pool of its own; a SQLite file is one node's alone.
    stores = Array.from({ length: testEngine() === 'postgres' ? NODES : 1 }, () => createStore(database.open()));
    await migrate(stores[0]!.db);
  });
  afterAll(async () => {
    for (const store of stores ?? []) await store.close();
    await database?.drop();
  });

  it('fills an empty database once and without error when several nodes start on it at the same moment', async () => {
    const seeded = await Promise.all(
      Array.from({ length: NODES }, (_, i) => seedDemo({ store: stores[i % stores.length]!, clock: systemClock, log: silentLog })),
    );
    expect(seeded.filter(Boolean)).toHaveLength(1);
    const [store] = stores;
    expect(await store!.expo.eventCount()).toBe(1);
    expect(await store!.users.count()).toBe(DEMO_USERS);
    expect(await store!.users.byEmail(DEMO_ACCOUNTS.organizer.email)).toMatchObject({ role: 'organizer' });
  });

  it('does nothing on a database that holds data', async () => {
    expect(await seedDemo({ store: stores.at(-1)!, clock: systemClock, log: silentLog })).toBe(false);
    expect(await stores[0]!.expo.eventCount()).toBe(1);
  });
});
