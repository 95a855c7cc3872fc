import type { Handler } from '../types.js';
import { requireHost } from './admission.js';
import { recordingsOf } from './startRecording.js';

/** Stops the room's recording; the composed video follows in the background. Host only. */
export const stopRecording: Handler<'stopRecording'> = async (ctx) => {
  const { room } = requireHost(ctx);
  await recordingsOf(ctx).stop(room.id);
  return {};
};
