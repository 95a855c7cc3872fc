import { WebhookReceiver } from 'livekit-server-sdk';
import type { Config } from '../config.js';
import type { AttendancePort } from '../domain/index.js';
import type { LiveKitWebhookOptions } from '../http/livekitWebhook.js';
import { apiUrlOf, LiveKitStages } from '../livekit/LiveKitStages.js';
import { StageAttendance } from '../livekit/StageAttendance.js';
import type { Logger } from '../logger.js';
import type { PresenceTracker } from '../realtime/presence.js';
import type { Clock } from '../services/clock.js';

export type LiveKitParts = { stages: LiveKitStages; attendance: StageAttendance };

/**
 * Stages on LiveKit (STAGE_MEDIA=livekit): host controls mirrored there, and live counts and
 * attendance from its webhooks. Their joins and leaves go to the same attendance records our
 * rooms feed, through `records.port` (set once the services exist; webhooks come later).
 */
export function liveKitParts(options: {
  config: Config['stageMedia'];
  log: Logger;
  clock: Clock;
  presence: PresenceTracker;
  records: { port?: AttendancePort };
}): LiveKitParts | undefined {
  const { config, log, clock, presence, records } = options;
  if (!config) return undefined;
  return {
    stages: new LiveKitStages({ config, log: log.child({ mod: 'livekit' }), now: () => clock.now() }),
    attendance: new StageAttendance({
      presence,
      now: () => clock.now(),
      attendance: {
        joined: (event) => records.port?.joined({ ...event, role: 'participant' }),
        left: (event) => records.port?.left(event),
      },
    }),
  };
}

/** What the HTTP app needs for LiveKit stages: its origins (for the CSP) and the verified webhook. */
export function liveKitHttp(
  config: Config['stageMedia'],
  parts: LiveKitParts | undefined,
  log: Logger,
): { mediaOrigins?: string[]; liveKitWebhook?: LiveKitWebhookOptions } {
  if (!config || !parts) return {};
  return {
    // Browsers open LiveKit's WebSocket (and, when it fails, its HTTP validation endpoint).
    mediaOrigins: [new URL(config.url).origin, new URL(apiUrlOf(config.url)).origin],
    liveKitWebhook: {
      receiver: new WebhookReceiver(config.apiKey, config.apiSecret),
      onEvent: (event) => {
        parts.attendance.apply(event);
        parts.stages.reconcile(event);
      },
      log: log.child({ mod: 'livekit:webhook' }),
    },
  };
}
