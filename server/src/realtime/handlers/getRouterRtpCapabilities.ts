import type { RtpCapabilitiesWire } from '@ca/signaling';
import type { Handler } from '../types.js';

/** The joined room's router capabilities (also returned by join). */
export const getRouterRtpCapabilities: Handler<'getRouterRtpCapabilities'> = (ctx) => ({
  rtpCapabilities: ctx.connection.membership().room.rtpCapabilities as RtpCapabilitiesWire,
});
