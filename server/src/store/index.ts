import { AnalyticsStore } from './analytics.js';
import { LeadStore } from './leads.js';
import { AccountTokenStore } from './accountTokens.js';
import { AgendaStore } from './agenda.js';
import { AppointmentStore } from './appointments.js';
import { AttendanceStore } from './attendance.js';
import type { Db } from './database.js';
import { ExpoStore } from './expo.js';
import { NotificationStore } from './notifications.js';
import { RecordingStore } from './recordings.js';
import { SettingsStore } from './settings.js';
import { UserStore } from './users.js';
import { WaitlistStore } from './waitlist.js';

export type { Db, DatabaseHooks, DatabaseOptions } from './database.js';
export { describeDatabase, migrate, openDatabase, openPostgres, openSqlite } from './database.js';

/**
 * The store port: every query the services make, over one Kysely instance. The queries
 * are dialect-neutral, so SQLite (default) and PostgreSQL can both stand behind it.
 */
export type Store = {
  /** The raw database handle, for migrations and tests; services use the stores and `transaction`. */
  db: Db;
  /**
   * Runs `work` inside one database transaction, over a store whose every query is part of it:
   * commits when `work` resolves, rolls everything back when it throws. Called on a store that
   * is already inside a transaction, `work` joins that transaction (no nesting, no savepoint).
   */
  transaction: <T>(work: (tx: Store) => Promise<T>) => Promise<T>;
  users: UserStore;
  expo: ExpoStore;
  appointments: AppointmentStore;
  attendance: AttendanceStore;
  agenda: AgendaStore;
  notifications: NotificationStore;
  settings: SettingsStore;
  accountTokens: AccountTokenStore;
  leads: LeadStore;
  recordings: RecordingStore;
  /** Dashboard reads and the anonymous booth visit counter. */
  analytics: AnalyticsStore;
  /** Guests waiting for a booth day with no free time, and their offers. */
  waitlist: WaitlistStore;
  close: () => Promise<void>;
};

export function createStore(db: Db): Store {
  const store: Store = {
    db,
    transaction: (work) => (db.isTransaction ? work(store) : db.transaction().execute((trx) => work(createStore(trx)))),
    users: new UserStore(db),
    expo: new ExpoStore(db),
    appointments: new AppointmentStore(db),
    attendance: new AttendanceStore(db),
    agenda: new AgendaStore(db),
    notifications: new NotificationStore(db),
    settings: new SettingsStore(db),
    accountTokens: new AccountTokenStore(db),
    leads: new LeadStore(db),
    recordings: new RecordingStore(db),
    analytics: new AnalyticsStore(db),
    waitlist: new WaitlistStore(db),
    close: () => db.destroy(),
  };
  return store;
}
