import type { Handler } from '../types.js';
import { recordingsOf } from './startRecording.js';

/** A participant's yes or no to being recorded; CONFLICT when nothing is being recorded. */
export const recordingConsent: Handler<'recordingConsent'> = async (ctx, request) => {
  const { room, peer } = ctx.connection.membership();
  await recordingsOf(ctx).consent(room, peer, request.consent);
  return {};
};
