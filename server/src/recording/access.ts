import path from 'node:path';
import { ErrorCode, type Recording } from '@ca/signaling';
import { AppError } from '../errors.js';
import { appointmentRoomId, roomKind } from '../meeting/roomKinds.js';
import type { AuthenticatedUser } from '../services/auth.js';
import type { BookingService } from '../services/booking.js';
import type { Store } from '../store/index.js';
import type { RecordingRow } from '../store/schema.js';

/**
 * Who may see and download which recording: an appointment's participants (guest and its booth's
 * staff) the recordings of its meeting room; organizers those of stages (and any, for storage).
 * Anyone else gets NOT_FOUND, as for the appointment itself.
 */
export class RecordingAccess {
  constructor(
    private readonly store: Store,
    private readonly booking: BookingService,
    private readonly dir: string,
  ) {}

  /** The recordings of an appointment's meeting (a group meeting's room is its first booking's). */
  async forAppointment(user: AuthenticatedUser, appointmentId: string): Promise<Recording[]> {
    const { row } = await this.booking.forParticipant(user, appointmentId);
    const [first] = await this.store.appointments.sameMeeting(row);
    const rows = await this.store.recordings.forRoom(appointmentRoomId(first?.id ?? row.id));
    return Promise.all(rows.map((r) => this.#view(r)));
  }

  /** The composed file of a recording the user may see; NOT_FOUND otherwise or while it is not ready. */
  async file(user: AuthenticatedUser, recordingId: string): Promise<{ path: string; name: string }> {
    const row = await this.store.recordings.get(recordingId);
    if (!row || !(await this.#mayView(user, row))) throw new AppError(ErrorCode.NotFound, 'no such recording');
    const composed = (await this.store.recordings.files(row.id)).find((f) => f.kind === 'composed');
    if (row.status !== 'ready' || !composed) throw new AppError(ErrorCode.NotFound, 'this recording is not ready', { status: row.status });
    return { path: path.join(this.dir, row.id, composed.file_name), name: `recording-${row.started_at.slice(0, 10)}-${row.id.slice(0, 8)}.mp4` };
  }

  /** Organizers: disk the kept recordings take. */
  async storage(): Promise<{ bytes: number; recordings: number }> {
    const bytes = await this.store.recordings.totalBytes();
    const rows = await this.store.db
      .selectFrom('recordings')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '!=', 'deleted')
      .executeTakeFirst();
    return { bytes, recordings: Number(rows?.n ?? 0) };
  }

  async #mayView(user: AuthenticatedUser, row: RecordingRow): Promise<boolean> {
    if (roomKind(row.room_id) === 'appointment' && row.appointment_id) {
      const own = await this.booking.forParticipant(user, row.appointment_id).then(
        () => true,
        () => false,
      );
      if (own) return true;
      // A group meeting: the other guests' bookings share the room.
      const mine = await this.store.appointments.byId(row.appointment_id);
      if (mine) for (const other of await this.store.appointments.sameMeeting(mine)) if (other.guest_id === user.id) return true;
      return false;
    }
    return user.role === 'organizer';
  }

  async #view(row: RecordingRow): Promise<Recording> {
    const [files, consents] = await Promise.all([this.store.recordings.files(row.id), this.store.recordings.consents(row.id)]);
    const composed = files.find((f) => f.kind === 'composed');
    return {
      id: row.id,
      roomId: row.room_id,
      status: row.status,
      progress: row.progress,
      startedAt: row.started_at,
      stoppedAt: row.stopped_at,
      expiresAt: row.expires_at,
      bytes: composed?.bytes ?? 0,
      consents: consents.map((c) => ({ displayName: c.display_name, consent: c.consent === 1, decidedAt: c.decided_at })),
      fileUrl: row.status === 'ready' && composed ? `/api/recordings/${row.id}/file` : null,
    };
  }
}
