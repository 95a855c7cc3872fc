import { z } from 'zod';
import { boothQuestionsSchema, leadNotesSchema, leadSchema, leadsResponseSchema, sharedCardSchema, shareCardRequestSchema } from '@ca/signaling';
import type { Services } from '../services/index.js';
import { DocumentedRouter } from './apiRegistry.js';
import { param, parse, requireUser, route } from './context.js';

const leadsQuerySchema = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

/** Contact cards (the guest's, with consent) and a booth's leads (its staff's): list, CSV, notes, questions. */
export function leadRoutes(services: Services): DocumentedRouter {
  const api = new DocumentedRouter();
  const { leads } = services;

  api.get(
    '/appointments/:id/contact-card',
    { summary: 'What the guest shared with the booth for this appointment (the guest only)', response: sharedCardSchema },
    route(async (req, res) => void res.json(await leads.sharedCard(requireUser(res), param(req, 'id')))),
  );
  api.put(
    '/appointments/:id/contact-card',
    {
      summary: 'Share a contact card with the booth (the guest only; `consent: true` is the recorded consent)',
      body: shareCardRequestSchema,
      response: sharedCardSchema,
    },
    route(async (req, res) => {
      const { card } = parse(shareCardRequestSchema, req.body);
      res.json(await leads.shareCard(requireUser(res), param(req, 'id'), card));
    }),
  );
  api.delete(
    '/appointments/:id/contact-card',
    { summary: 'Withdraw the shared card: the booth no longer sees its fields (the consent record keeps the times)', response: sharedCardSchema },
    route(async (req, res) => void res.json(await leads.revokeCard(requireUser(res), param(req, 'id')))),
  );
  api.get(
    '/booths/:boothId/leads',
    {
      summary: "The booth's leads (its staff only); `?format=csv` or `Accept: text/csv` for a CSV (UTF-8 with BOM, headers in your language)",
      query: leadsQuerySchema,
      response: leadsResponseSchema,
      alsoProduces: 'text/csv',
    },
    route(async (req, res) => {
      const user = requireUser(res);
      const { format } = parse(leadsQuerySchema, req.query);
      const boothId = param(req, 'boothId');
      if (format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv')) {
        const csv = await leads.csv(user, boothId);
        res.type('text/csv; charset=utf-8').attachment(`leads-${boothId}.csv`).send(csv);
        return;
      }
      res.json(await leads.leads(user, boothId));
    }),
  );
  api.put(
    '/booths/:boothId/leads/:appointmentId',
    { summary: 'Notes, rating, tags and answers on a lead (booth staff)', body: leadNotesSchema, response: leadSchema },
    route(async (req, res) => {
      const notes = parse(leadNotesSchema, req.body);
      res.json(await leads.saveNotes(requireUser(res), param(req, 'boothId'), param(req, 'appointmentId'), notes));
    }),
  );
  api.get(
    '/booths/:boothId/questions',
    { summary: "The booth's qualification questions (booth staff)", response: boothQuestionsSchema },
    route(async (req, res) => void res.json(await leads.questions(requireUser(res), param(req, 'boothId')))),
  );
  api.put(
    '/booths/:boothId/questions',
    { summary: "Replace the booth's qualification questions (booth staff)", body: boothQuestionsSchema, response: boothQuestionsSchema },
    route(
      async (req, res) => void res.json(await leads.setQuestions(requireUser(res), param(req, 'boothId'), parse(boothQuestionsSchema, req.body))),
    ),
  );
  return api;
}
