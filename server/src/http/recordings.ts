import { recordingListSchema, recordingStorageSchema } from '@ca/signaling';
import type { RecordingAccess } from '../recording/access.js';
import { param, requireUser, route } from './context.js';
import { DocumentedRouter } from './apiRegistry.js';

/** Meeting recordings: the appointment's participants list and download them; organizers see storage use. */
export function recordingRoutes(access: RecordingAccess): DocumentedRouter {
  const api = new DocumentedRouter();

  api.get(
    '/appointments/:id/recordings',
    { summary: "The recordings of an appointment's meeting (participants only), with consents and progress", response: recordingListSchema },
    route(async (req, res) => void res.json({ recordings: await access.forAppointment(requireUser(res), param(req, 'id')) })),
  );

  api.get(
    '/recordings/:id/file',
    { summary: 'The composed video (MP4; range requests for playing); participants only', produces: 'video/mp4' },
    route(async (req, res) => {
      const file = await access.file(requireUser(res), param(req, 'id'));
      res.attachment(file.name);
      await new Promise<void>((resolve, reject) =>
        res.sendFile(file.path, { headers: { 'Cache-Control': 'private, no-store' } }, (err) => (err ? reject(err) : resolve())),
      );
    }),
  );

  api.get(
    '/organizer/recordings/storage',
    { summary: 'Organizers: disk the kept recordings take', response: recordingStorageSchema },
    route(async (_req, res) => {
      requireUser(res, 'organizer');
      res.json(await access.storage());
    }),
  );
  return api;
}
