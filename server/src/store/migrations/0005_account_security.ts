import type { Kysely, Migration } from 'kysely';

/**
 * Hardening of accounts, meetings and mail:
 * - `account_tokens`: single-use, expiring tokens sent by e-mail (password reset, confirming a
 *   registration), stored only as their SHA-256; a registration's details wait in `payload`.
 * - `appointments.token_version`: bumped when an appointment is cancelled, rescheduled or moved,
 *   so meeting tokens issued before stop opening its room.
 * - `outbox.attempts`, `next_attempt_at`, `failed_at`, `last_error`: retries with exponential
 *   backoff and a dead-letter state, so an address that always fails blocks nobody else's mail.
 */
export const accountSecurity: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('account_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('payload', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('account_tokens_email').on('account_tokens').columns(['email', 'purpose']).execute();
    // One column per statement: SQLite alters one thing at a time.
    await db.schema
      .alterTable('appointments')
      .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text').execute();
    await db.schema.alterTable('outbox').addColumn('failed_at', 'text').execute();
    await db.schema.alterTable('outbox').addColumn('last_error', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const column of ['last_error', 'failed_at', 'next_attempt_at', 'attempts']) {
      await db.schema.alterTable('outbox').dropColumn(column).execute();
    }
    await db.schema.alterTable('appointments').dropColumn('token_version').execute();
    await db.schema.dropTable('account_tokens').ifExists().execute();
  },
};
