import { stringify } from 'csv-stringify/sync';
import {
  ErrorCode,
  boothQuestionsSchema,
  contactCardSchema,
  type BoothQuestions,
  type ContactCard,
  type Lead,
  type LeadNotes,
  type LeadsResponse,
} from '@ca/signaling';
import { AppError } from '../errors.js';
import { LEAD_COLUMNS, leadTexts } from '../i18n/leadTexts.js';
import type { Store } from '../store/index.js';
import type { LeadCardRow } from '../store/schema.js';
import type { AuthenticatedUser } from './auth.js';
import type { BookingService } from './booking.js';
import { iso, type Clock } from './clock.js';

/** A JSON column read back through its schema: a stored value that no longer parses is treated as empty. */
function parsedCard(row: LeadCardRow | undefined): ContactCard | null {
  if (!row || row.revoked_at) return null;
  const parsed = contactCardSchema.safeParse(JSON.parse(row.card));
  return parsed.success ? parsed.data : null;
}

/**
 * Leads with consent: a guest shares a contact card with a booth for one of their appointments
 * (each field as they choose; recorded with the time; withdrawable, after which the booth sees no
 * personal data of theirs), and the booth's staff keep notes, a rating, tags and answers to the
 * booth's own questions. Only that booth's staff read its leads; without a card a lead is the
 * appointment alone.
 */
export class LeadService {
  constructor(
    private readonly store: Store,
    private readonly booking: BookingService,
    private readonly clock: Clock,
  ) {}

  async shareCard(user: AuthenticatedUser, appointmentId: string, card: ContactCard) {
    const { row, role } = await this.booking.forParticipant(user, appointmentId);
    if (role !== 'guest') throw new AppError(ErrorCode.Forbidden, 'only the guest shares their own contact card');
    if (Object.keys(card).length === 0) throw new AppError(ErrorCode.BadRequest, 'choose at least one thing to share');
    const consentedAt = iso(this.clock.now());
    await this.store.leads.shareCard({
      appointment_id: row.id,
      booth_id: row.booth_id,
      guest_id: user.id,
      card: JSON.stringify(card),
      consented_at: consentedAt,
    });
    return { card, consentedAt, revokedAt: null };
  }

  async revokeCard(user: AuthenticatedUser, appointmentId: string) {
    const { row, role } = await this.booking.forParticipant(user, appointmentId);
    if (role !== 'guest') throw new AppError(ErrorCode.Forbidden, 'only the guest withdraws their own contact card');
    const at = iso(this.clock.now());
    if (!(await this.store.leads.revokeCard(row.id, at))) throw new AppError(ErrorCode.NotFound, 'nothing shared to withdraw');
    const stored = await this.store.leads.cardOf(row.id);
    return { card: null, consentedAt: stored?.consented_at ?? null, revokedAt: stored?.revoked_at ?? at };
  }

  async sharedCard(user: AuthenticatedUser, appointmentId: string) {
    const { row, role } = await this.booking.forParticipant(user, appointmentId);
    if (role !== 'guest') throw new AppError(ErrorCode.Forbidden, 'only the guest sees what they shared');
    const stored = await this.store.leads.cardOf(row.id);
    return { card: parsedCard(stored), consentedAt: stored?.consented_at ?? null, revokedAt: stored?.revoked_at ?? null };
  }

  /** The booth's leads, newest meeting first; FORBIDDEN for anyone but its staff. */
  async leads(user: AuthenticatedUser, boothId: string): Promise<LeadsResponse> {
    await this.#assertStaff(user, boothId);
    const [appointments, cards, notes, questions] = await Promise.all([
      this.store.appointments.forBooths([boothId]),
      this.store.leads.cardsOfBooth(boothId),
      this.store.leads.notesOfBooth(boothId),
      this.questions(user, boothId),
    ]);
    const leads = appointments
      .sort((a, b) => b.start_at.localeCompare(a.start_at))
      .map((a): Lead => {
        const card = cards.find((c) => c.appointment_id === a.id);
        const note = notes.find((n) => n.appointment_id === a.id);
        return {
          appointmentId: a.id,
          start: a.start_at,
          status: a.status,
          card: parsedCard(card),
          consentedAt: card?.consented_at ?? null,
          revokedAt: card?.revoked_at ?? null,
          rating: note?.rating ?? null,
          tags: note ? (JSON.parse(note.tags) as string[]) : [],
          note: note?.note ?? '',
          answers: note ? (JSON.parse(note.answers) as Record<string, string>) : {},
        };
      });
    return { leads, questions: questions.questions };
  }

  async saveNotes(user: AuthenticatedUser, boothId: string, appointmentId: string, notes: LeadNotes): Promise<Lead> {
    await this.#assertStaff(user, boothId);
    const appointment = await this.store.appointments.byId(appointmentId);
    if (!appointment || appointment.booth_id !== boothId) throw new AppError(ErrorCode.NotFound, 'no such lead at this booth');
    const { questions } = await this.questions(user, boothId);
    const unknown = Object.keys(notes.answers).filter((id) => !questions.some((q) => q.id === id));
    if (unknown.length > 0) throw new AppError(ErrorCode.BadRequest, 'answers to questions this booth does not ask', { questions: unknown });
    await this.store.leads.saveNote({
      appointment_id: appointmentId,
      booth_id: boothId,
      rating: notes.rating,
      tags: JSON.stringify([...new Set(notes.tags)]),
      note: notes.note,
      answers: JSON.stringify(notes.answers),
      updated_at: iso(this.clock.now()),
      updated_by: user.id,
    });
    const { leads } = await this.leads(user, boothId);
    return leads.find((l) => l.appointmentId === appointmentId)!;
  }

  async questions(user: AuthenticatedUser, boothId: string): Promise<BoothQuestions> {
    await this.#assertStaff(user, boothId);
    const stored = await this.store.leads.questions(boothId);
    const parsed = boothQuestionsSchema.safeParse({ questions: stored ? JSON.parse(stored) : [] });
    return parsed.success ? parsed.data : { questions: [] };
  }

  async setQuestions(user: AuthenticatedUser, boothId: string, questions: BoothQuestions): Promise<BoothQuestions> {
    await this.#assertStaff(user, boothId);
    const ids = questions.questions.map((q) => q.id);
    if (new Set(ids).size !== ids.length) throw new AppError(ErrorCode.BadRequest, 'two questions share an id');
    await this.store.leads.setQuestions(boothId, JSON.stringify(questions.questions));
    return questions;
  }

  /**
   * The leads as CSV (RFC 4180 through csv-stringify), UTF-8 with a byte-order mark so spreadsheet
   * programs read Chinese and Arabic names right; headers in the downloading staff member's language.
   * Personal columns are empty where there is no standing consent.
   */
  async csv(user: AuthenticatedUser, boothId: string): Promise<string> {
    const { leads } = await this.leads(user, boothId);
    const texts = leadTexts(user.language);
    const rows = leads.map((l) => [
      l.start,
      l.status,
      l.card?.name ?? '',
      l.card?.email ?? '',
      l.card?.company ?? '',
      l.card?.jobTitle ?? '',
      l.card?.phone ?? '',
      l.card?.country ?? '',
      l.card ? (l.consentedAt ?? '') : '',
      l.rating ? texts.ratings[l.rating] : '',
      l.tags.join(', '),
      l.note,
    ]);
    return stringify([LEAD_COLUMNS.map((c) => texts.columns[c]), ...rows], { bom: true, record_delimiter: 'windows' });
  }

  #assertStaff(user: AuthenticatedUser, boothId: string): Promise<void> {
    // Another booth's staff, a guest, an organizer, or no such booth: the same answer (no existence leak).
    if (!user.boothIds.includes(boothId)) return Promise.reject(new AppError(ErrorCode.Forbidden, "only this booth's staff see its leads"));
    return Promise.resolve();
  }
}
