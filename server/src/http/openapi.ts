import { Router } from 'express';
import { z } from 'zod';
import {
  agendaResponseSchema,
  appointmentSchema,
  availabilitySchema,
  boothQuerySchema,
  boothSchema,
  createAppointmentSchema,
  createBoothSchema,
  createEventSchema,
  createHallSchema,
  createOrganizerSchema,
  createSessionSchema,
  createStaffSchema,
  errorBodySchema,
  eventSchema,
  joinResponseSchema,
  loginRequestSchema,
  notificationsResponseSchema,
  staffSelfResponseSchema,
  registerRequestSchema,
  sessionResponseSchema,
  slotsQuerySchema,
  slotsResponseSchema,
  compactSlotsResponseSchema,
  updateAppointmentSchema,
  updateMeRequestSchema,
  changePasswordRequestSchema,
  emailSentResponseSchema,
  passwordResetRequestSchema,
  resetPasswordRequestSchema,
} from '@ca/signaling';

type Op = { summary: string; body?: z.ZodType; query?: z.ZodObject; response?: z.ZodType; status?: number };

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } });

const operations: Record<string, Record<string, Op>> = {
  '/api/auth/register': { post: { summary: 'Register a guest account', body: registerRequestSchema, response: sessionResponseSchema, status: 201 } },
  '/api/auth/login': { post: { summary: 'Sign in (sets the httpOnly session cookie)', body: loginRequestSchema, response: sessionResponseSchema } },
  '/api/auth/logout': { post: { summary: 'Sign out', status: 204 } },
  '/api/auth/password-reset/request': {
    post: { summary: 'E-mail a password-reset link (the same 202 whether or not the address has an account)', body: passwordResetRequestSchema, response: emailSentResponseSchema, status: 202 },
  },
  '/api/auth/password-reset': { post: { summary: 'Set a new password with the e-mailed token (single use; ends every session)', body: resetPasswordRequestSchema, status: 204 } },
  '/api/me/password': { post: { summary: 'Change the password (current one required; ends the other sessions)', body: changePasswordRequestSchema, status: 204 } },
  '/api/me': {
    get: { summary: 'The signed-in user and the CSRF token for writes', response: sessionResponseSchema },
    patch: { summary: 'Update name, language, zone, country', body: updateMeRequestSchema, response: sessionResponseSchema },
  },
  '/api/events': {
    get: { summary: 'Events', response: z.object({ events: z.array(eventSchema) }) },
    post: { summary: 'Create an event (organizer)', body: createEventSchema, response: eventSchema, status: 201 },
  },
  '/api/events/{eventId}': { get: { summary: 'One event with its halls', response: eventSchema } },
  '/api/events/{eventId}/halls': { post: { summary: 'Add a hall (organizer)', body: createHallSchema, response: eventSchema, status: 201 } },
  '/api/events/{eventId}/booths': {
    get: { summary: 'Booths, filtered', query: boothQuerySchema, response: z.object({ booths: z.array(boothSchema) }) },
    post: { summary: 'Add a booth (organizer)', body: createBoothSchema, response: boothSchema, status: 201 },
  },
  '/api/events/{eventId}/sessions': {
    get: { summary: 'The agenda with conflict warnings', response: agendaResponseSchema },
    post: { summary: 'Add a session (organizer); the response lists its conflict warnings', body: createSessionSchema, status: 201 },
  },
  '/api/organizers': { post: { summary: 'Create an organizer account (organizer)', body: createOrganizerSchema, status: 201 } },
  '/api/sessions/{sessionId}': { delete: { summary: 'Remove a session (organizer); answers the agenda with its warnings', response: agendaResponseSchema } },
  '/api/booths/{boothId}': { get: { summary: 'One booth with its staff', response: boothSchema } },
  '/api/booths/{boothId}/staff': { post: { summary: 'Add a staff member (organizer)', body: createStaffSchema, response: boothSchema, status: 201 } },
  '/api/booths/{boothId}/slots': {
    get: {
      summary:
        'Bookable slots in [from, to); `view=compact` leaves out the local-time strings. Sent with a strong ETag: `If-None-Match` with it answers 304 until the slots change',
      query: slotsQuerySchema,
      response: z.union([slotsResponseSchema, compactSlotsResponseSchema]),
    },
  },
  '/api/staff/{staffId}/availability': {
    get: { summary: 'A staff member\'s availability (that staff member)', response: availabilitySchema },
    put: { summary: 'Replace the availability', body: availabilitySchema, response: availabilitySchema },
  },
  '/api/appointments': {
    get: { summary: 'My appointments (as guest and as staff)', response: z.object({ appointments: z.array(appointmentSchema) }) },
    post: { summary: 'Book a slot; 409 when it was just taken', body: createAppointmentSchema, response: appointmentSchema, status: 201 },
  },
  '/api/appointments/{id}': {
    get: { summary: 'One appointment', response: appointmentSchema },
    patch: { summary: 'Confirm, decline, cancel, reschedule, complete, no-show', body: updateAppointmentSchema, response: appointmentSchema },
  },
  '/api/appointments/{id}/ics': { get: { summary: 'Calendar file (text/calendar with TZID and VTIMEZONE)' } },
  '/api/notifications': { get: { summary: 'My in-app notifications (reminders)', response: notificationsResponseSchema } },
  '/api/notifications/{id}/read': { post: { summary: 'Mark a notification read', status: 204 } },
  '/api/staff/me': { get: { summary: 'The booths I staff (staff)', response: staffSelfResponseSchema } },
  '/api/appointments/{id}/join': { post: { summary: 'A meeting token for the appointment\'s room', response: joinResponseSchema } },
  '/api/booths/{boothId}/meeting': {
    post: { summary: 'Walk in to a booth: staff get a host token, visitors a guest token (they knock)', response: joinResponseSchema },
  },
  '/api/sessions/{sessionId}/meeting': {
    post: { summary: 'An agenda session\'s stage: organizers moderate, everyone else watches', response: joinResponseSchema },
  },
};

/** Query parameters with the schema and required flag of each field (as the server validates them). */
function queryParameters(query: z.ZodObject): unknown[] {
  const schema = z.toJSONSchema(query, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, field]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: field,
  }));
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(operations)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
      const query = op.query ? queryParameters(op.query) : [];
      paths[path][method] = {
        summary: op.summary,
        parameters: [...params, ...query],
        ...(op.body && { requestBody: { required: true, content: json(op.body) } }),
        responses: {
          [String(op.status ?? 200)]: { description: 'success', ...(op.response && { content: json(op.response) }) },
          default: { description: 'error', content: json(z.object({ error: errorBodySchema })) },
        },
      };
    }
  }
  return { openapi: '3.1.0', info: { title: 'Cloud Appointment API', version: '0.1.0' }, paths };
}

export function openApiRoutes(): Router {
  const router = Router();
  const document = openApiDocument();
  router.get('/openapi.json', (_req, res) => void res.json(document));
  return router;
}
