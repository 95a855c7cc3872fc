import { describe, expect, it } from 'vitest';
import { isDisplayName, isRoomId } from './names.js';
import { displayNameSchema, roomIdSchema } from './peers.js';

describe('room id and display name rules without zod', () => {
  it('agree with the schemas the server validates with', () => {
    const names = [
      'Ann',
      '  Ann  ',
      '',
      '   ',
      'a'.repeat(64),
      'a'.repeat(65),
      ` ${'b'.repeat(64)} `,
      'Ann\u0007',
      '王小明',
      'محمد',
      'Ann\nBen',
      '😀',
    ];
    for (const name of names) expect(isDisplayName(name), JSON.stringify(name)).toBe(displayNameSchema.safeParse(name).success);
    const rooms = ['booth-1', 'a', 'A_b-c', '-lead', '_lead', 'a'.repeat(64), 'a'.repeat(65), 'has space', 'ünï', '', 'x/y'];
    for (const room of rooms) expect(isRoomId(room), room).toBe(roomIdSchema.safeParse(room).success);
  });
});
