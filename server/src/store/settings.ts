import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

/** Small key/value settings the server keeps for itself (for example its signing secret). */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  /** Writes `value` under `key`, replacing what was there (on PostgreSQL, inside a transaction, this locks the row until it ends). */
  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /** The value under `key`, created once with `make()` if missing (first writer wins). */
  async getOrCreate(key: string, make: () => string = () => randomBytes(32).toString('base64url')): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ key, value: make() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const value = await this.get(key);
    if (value === undefined) throw new Error(`setting ${key} could not be created`);
    return value;
  }
}
