import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../platform/auth.ts';
import { literals, problemResponses, STANDARD_ERRORS, Uuid } from '../../platform/http-schemas.ts';
import { isManager } from '../../platform/principal.ts';
import { PRIORITIES } from '../cases/cases.service.ts';
import { canIdentity } from '../identity/identity.policy.ts';
import { listCalendars, putTeamCalendar, replaceSlaSettings, resetTeamCalendar, slaSettings } from './sla.service.ts';
import { CUSTOMER_TIERS } from './sla.ts';

const Minutes = Type.Integer({ minimum: 1, maximum: 365 * 24 * 60 });
const PolicyFields = {
  priority: Type.Union([literals(PRIORITIES), Type.Null()]),
  category: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]),
  tier: Type.Union([literals(CUSTOMER_TIERS), Type.Null()]),
  firstResponseMinutes: Minutes,
  resolutionMinutes: Minutes,
};
const Timing = {
  dueSoonMinutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }),
  reasonGraceMinutes: Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 }),
};
const Selector = Type.Union([Type.String(), Type.Null()]);
const SlaSettingsSchema = Type.Object({
  policies: Type.Array(
    Type.Object({
      id: Selector,
      priority: Selector,
      category: Selector,
      tier: Selector,
      firstResponseMinutes: Type.Integer(),
      resolutionMinutes: Type.Integer(),
    }),
  ),
  ...Timing,
});
const SlaSettingsBody = Type.Object(
  {
    policies: Type.Array(Type.Object(PolicyFields, { additionalProperties: false }), { maxItems: 500 }),
    dueSoonMinutes: Type.Optional(Timing.dueSoonMinutes),
    reasonGraceMinutes: Type.Optional(Timing.reasonGraceMinutes),
  },
  { additionalProperties: false },
);

const Interval = Type.Object({ start: Type.String(), end: Type.String() });
const CalendarSchema = Type.Object({
  timeZone: Type.String(),
  weekly: Type.Record(Type.String(), Type.Array(Interval)),
  holidays: Type.Array(Type.String()),
});
const TeamCalendarSchema = Type.Object({
  teamId: Type.String(),
  teamName: Type.String(),
  /** False: the team has no calendar of its own and the default applies. */
  custom: Type.Boolean(),
  calendar: CalendarSchema,
});
const TeamParams = Type.Object({ teamId: Uuid });

export const slaRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['settings'];
  const reader = (request: FastifyRequest) =>
    authorize(request, isManager, undefined, 'SLA settings are for supervisors and admins');
  const admin = (request: FastifyRequest) => authorize(request, canIdentity, 'manage-settings');

  app.get(
    '/settings/sla-policies',
    {
      schema: {
        tags,
        summary: 'SLA policies and the sweep timing',
        response: { 200: SlaSettingsSchema, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      reader(request);
      return slaSettings(ctx);
    },
  );

  app.put(
    '/settings/sla-policies',
    {
      schema: {
        tags,
        summary: 'Replace the SLA policies (the most specific match wins) and the sweep timing',
        body: SlaSettingsBody,
        response: { 200: SlaSettingsSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => replaceSlaSettings(ctx, admin(request), request.body),
  );

  app.get(
    '/settings/calendars',
    {
      schema: {
        tags,
        summary: 'Business hours of every team',
        response: { 200: Type.Object({ items: Type.Array(TeamCalendarSchema) }), ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      reader(request);
      return { items: await listCalendars(ctx) };
    },
  );

  app.put(
    '/settings/calendars/:teamId',
    {
      schema: {
        tags,
        summary: 'Set a team’s business hours: time zone, weekly intervals (split shifts), holidays',
        params: TeamParams,
        body: Type.Object({}, { additionalProperties: true }),
        response: { 200: TeamCalendarSchema, ...STANDARD_ERRORS },
      },
    },
    async (request) => putTeamCalendar(ctx, admin(request), request.params.teamId, request.body),
  );

  app.delete(
    '/settings/calendars/:teamId',
    {
      schema: {
        tags,
        summary: 'Return a team to the default calendar',
        params: TeamParams,
        response: { 200: TeamCalendarSchema, ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      admin(request);
      return resetTeamCalendar(ctx, request.params.teamId);
    },
  );
};
