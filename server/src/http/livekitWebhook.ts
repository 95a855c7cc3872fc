import { ErrorCode } from '@ca/signaling';
import express from 'express';
import type { WebhookEvent, WebhookReceiver } from 'livekit-server-sdk';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { route } from './context.js';
import { DocumentedRouter } from './apiRegistry.js';

export type LiveKitWebhookOptions = {
  /** Verifies the Authorization header (a JWT signed with our LiveKit API secret, carrying the body's SHA-256). */
  receiver: WebhookReceiver;
  /** Gets each verified event. */
  onEvent: (event: WebhookEvent) => void;
  log: Logger;
};

/** LiveKit's webhook bodies are small JSON documents. */
const MAX_BODY = '64kb';

/**
 * `POST /api/livekit/webhook` — LiveKit's room and participant events (for live counts and
 * attendance). The signature covers the raw bytes, so this route reads the body raw and must be
 * mounted before any body parser; unsigned or wrongly signed calls get 401.
 */
export function liveKitWebhookRoutes(options: LiveKitWebhookOptions): DocumentedRouter {
  const api = new DocumentedRouter();
  api.post(
    '/livekit/webhook',
    { summary: 'LiveKit webhook (signed by LiveKit: Authorization over the raw body); 401 when unsigned or forged' },
    express.raw({ type: () => true, limit: MAX_BODY }),
    route(async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const authorization = req.get('authorization');
      if (!authorization) throw new AppError(ErrorCode.Unauthorized, 'the webhook is not signed');
      let event: WebhookEvent;
      try {
        event = await options.receiver.receive(body, authorization);
      } catch (err) {
        options.log.warn({ err: String(err) }, 'livekit webhook refused');
        throw new AppError(ErrorCode.Unauthorized, 'the webhook signature does not match');
      }
      options.onEvent(event);
      res.status(204).end();
    }),
  );
  return api;
}
