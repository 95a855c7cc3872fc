import { joinResponseSchema } from '@ca/signaling';
import type { Services } from '../services/index.js';
import { param, requireUser, route } from './context.js';
import { DocumentedRouter } from './apiRegistry.js';

/**
 * Meeting tickets besides appointments (`POST /api/appointments/:id/join`):
 * `POST /api/booths/:boothId/meeting` — walk in to a booth (staff host; visitors knock),
 * `POST /api/sessions/:sessionId/meeting` — an agenda session's stage (organizers moderate; others watch).
 */
export function meetingRoutes(services: Services): DocumentedRouter {
  const api = new DocumentedRouter();
  const { meetings } = services;
  api.post(
    '/booths/:boothId/meeting',
    { summary: 'Walk in to a booth: staff get a host token, visitors a guest token (they knock)', response: joinResponseSchema },
    route(async (req, res) => void res.json(await meetings.boothMeeting(requireUser(res), param(req, 'boothId')))),
  );
  api.post(
    '/sessions/:sessionId/meeting',
    { summary: "An agenda session's stage: organizers moderate, everyone else watches", response: joinResponseSchema },
    route(async (req, res) => void res.json(await meetings.stageMeeting(requireUser(res), param(req, 'sessionId')))),
  );
  return api;
}
