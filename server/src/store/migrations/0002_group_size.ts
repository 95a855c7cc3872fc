import type { Kysely, Migration } from 'kysely';

/** Staff members may take small groups: up to `group_size` guests in one meeting (1 = one-to-one). */
export const groupSize: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('staff')
      .addColumn('group_size', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('staff').dropColumn('group_size').execute();
  },
};
