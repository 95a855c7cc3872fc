/**
 * The rules for room ids and display names without zod, for the pre-join screen (which should not
 * wait for the schema library); `roomIdSchema` and `displayNameSchema` are built on the same rules.
 */

/** A room id as it appears in a meeting link `/meet/<roomId>`: 1-64 letters, digits, "-" or "_". */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const DISPLAY_NAME_MAX_LENGTH = 64;

/** Control characters, refused in names. */
export const CONTROL_CHARACTER = /\p{Cc}/u;

export function isRoomId(value: string): boolean {
  return ROOM_ID_PATTERN.test(value);
}

/** Whether a name shown on a tile is acceptable once trimmed (what displayNameSchema accepts). */
export function isDisplayName(value: string): boolean {
  const name = value.trim();
  return name.length >= 1 && name.length <= DISPLAY_NAME_MAX_LENGTH && !CONTROL_CHARACTER.test(name);
}
