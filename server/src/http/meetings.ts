import { Router } from 'express';
import type { Services } from '../services/index.js';
import { param, requireUser, route } from './context.js';

/**
 * Meeting tickets besides appointments (`POST /api/appointments/:id/join`):
 * `POST /api/booths/:boothId/meeting` — walk in to a booth (staff host; visitors knock),
 * `POST /api/sessions/:sessionId/meeting` — an agenda session's stage (organizers moderate; others watch).
 */
export function meetingRoutes(services: Services): Router {
  const router = Router();
  const { meetings } = services;
  router.post(
    '/booths/:boothId/meeting',
    route(async (req, res) => void res.json(await meetings.boothMeeting(requireUser(res), param(req, 'boothId')))),
  );
  router.post(
    '/sessions/:sessionId/meeting',
    route(async (req, res) => void res.json(await meetings.stageMeeting(requireUser(res), param(req, 'sessionId')))),
  );
  return router;
}
