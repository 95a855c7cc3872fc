import type { Migration } from 'kysely';
import { initial } from './0001_initial.js';
import { groupSize } from './0002_group_size.js';
import { outboxClaims } from './0003_outbox_claims.js';
import { accountSecurity } from './0005_account_security.js';
import { attendance } from './0006_attendance.js';
import { recordings } from './0010_recordings.js';
import { leads } from './0012_leads.js';
import { boothVisits } from './0013_booth_visits.js';
import { handover } from './0016_handover.js';
import { interpreterRequests } from './0017_interpreter_requests.js';
import { waitlist } from './0018_waitlist.js';
import { recordingLanguages } from './0019_recording_languages.js';
import { sessionInterpreters } from './0020_session_interpreters.js';

/** Every migration, by name; names sort in the order they run. Never edit one that has shipped: add another. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_group_size': groupSize,
  '0003_outbox_claims': outboxClaims,
  '0005_account_security': accountSecurity,
  '0006_attendance': attendance,
  '0010_recordings': recordings,
  '0012_leads': leads,
  '0013_booth_visits': boothVisits,
  '0016_handover': handover,
  '0017_interpreter_requests': interpreterRequests,
  '0018_waitlist': waitlist,
  '0019_recording_languages': recordingLanguages,
  '0020_session_interpreters': sessionInterpreters,
};
