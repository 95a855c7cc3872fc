import { AgendaStore } from './agenda.js';
import { AppointmentStore } from './appointments.js';
import { AttendanceStore } from './attendance.js';
import type { Db } from './database.js';
import { ExpoStore } from './expo.js';
import { NotificationStore } from './notifications.js';
import { SettingsStore } from './settings.js';
import { UserStore } from './users.js';

export type { Db, DatabaseHooks, DatabaseOptions } from './database.js';
export { describeDatabase, migrate, openDatabase, openPostgres, openSqlite } from './database.js';

/**
 * The store port: every query the services make, over one Kysely instance. The queries
 * are dialect-neutral, so SQLite (default) and PostgreSQL can both stand behind it.
 */
export type Store = {
  db: Db;
  users: UserStore;
  expo: ExpoStore;
  appointments: AppointmentStore;
  attendance: AttendanceStore;
  agenda: AgendaStore;
  notifications: NotificationStore;
  settings: SettingsStore;
  close: () => Promise<void>;
};

export function createStore(db: Db): Store {
  return {
    db,
    users: new UserStore(db),
    expo: new ExpoStore(db),
    appointments: new AppointmentStore(db),
    attendance: new AttendanceStore(db),
    agenda: new AgendaStore(db),
    notifications: new NotificationStore(db),
    settings: new SettingsStore(db),
    close: () => db.destroy(),
  };
}
