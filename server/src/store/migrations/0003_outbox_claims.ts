import type { Kysely, Migration } from 'kysely';

/**
 * A node claims an outbox e-mail before sending it (who and when), so two nodes never send
 * the same one; a claim left by a node that died mid-send goes stale and is taken over.
 */
export const outboxClaims: Migration = {
  async up(db: Kysely<unknown>) {
    // One column per statement: SQLite alters one thing at a time.
    await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
    await db.schema.alterTable('outbox').addColumn('claimed_at', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('outbox').dropColumn('claimed_at').execute();
    await db.schema.alterTable('outbox').dropColumn('claimed_by').execute();
  },
};
