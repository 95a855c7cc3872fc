import type { Kysely, Migration } from 'kysely';

/** Interpreters an organizer assigned to a stage session, per language (several per language: they hand over). */
export const sessionInterpreters: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('session_interpreters')
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('session_interpreters_pk', ['session_id', 'language', 'user_id'])
      .execute();
    await db.schema.createIndex('session_interpreters_user').on('session_interpreters').columns(['user_id', 'session_id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('session_interpreters').execute();
  },
};
