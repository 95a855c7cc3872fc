/**
 * What kind of room an id names; the prefix decides who may enter and how.
 * - `appt-<appointmentId>`: a booked booth meeting; host and guests from the appointment.
 * - `booth-<boothId>`: a booth's walk-in room; staff host it, visitors knock in the lobby.
 * - `stage-<sessionId>`: an agenda session; the moderator and speakers send, the audience watches.
 * - anything else: an instant demo room (`/meet/<id>`), open only in demo mode.
 */
export type RoomKind = 'appointment' | 'booth' | 'stage' | 'instant';

export const APPOINTMENT_ROOM_PREFIX = 'appt-';
export const BOOTH_ROOM_PREFIX = 'booth-';
export const STAGE_ROOM_PREFIX = 'stage-';

export const appointmentRoomId = (appointmentId: string): string => `${APPOINTMENT_ROOM_PREFIX}${appointmentId}`;
export const boothRoomId = (boothId: string): string => `${BOOTH_ROOM_PREFIX}${boothId}`;
export const stageRoomId = (sessionId: string): string => `${STAGE_ROOM_PREFIX}${sessionId}`;

export function roomKind(roomId: string): RoomKind {
  if (roomId.startsWith(APPOINTMENT_ROOM_PREFIX)) return 'appointment';
  if (roomId.startsWith(BOOTH_ROOM_PREFIX)) return 'booth';
  if (roomId.startsWith(STAGE_ROOM_PREFIX)) return 'stage';
  return 'instant';
}
