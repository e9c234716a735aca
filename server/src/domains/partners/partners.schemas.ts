import { Type } from '@fastify/type-provider-typebox';
import { literals } from '../../platform/http-schemas.ts';
import { REFUSAL_CAUSES, REFUSAL_REASONS } from './partners.refusals.ts';
import { PARTNER_STATUSES } from './partners.service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Word = Type.String({ minLength: 1, maxLength: 80 });
const CountryCode = Type.String({ minLength: 2, maxLength: 2, description: 'ISO 3166-1 alpha-2 code, e.g. PL' });

const PartnerFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  specializations: Type.Array(Word, { minItems: 1, maxItems: 30 }),
  regions: Type.Array(CountryCode, { maxItems: 250, description: 'Countries served; empty = everywhere' }),
  terms: Type.String({ maxLength: 2000 }),
  contact: Type.Object(
    {
      email: Type.String({ format: 'email', maxLength: 254 }),
      phone: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    },
    { additionalProperties: false },
  ),
  status: Type.Optional(literals(PARTNER_STATUSES)),
  notes: Type.Optional(Type.String({ maxLength: 10_000 })),
};

export const NewPartnerBody = Type.Object(PartnerFields, { additionalProperties: false });
export const PartnerPatchBody = Type.Partial(Type.Object(PartnerFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const PartnerSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  specializations: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  terms: Type.String(),
  contact: Type.Object({ email: Type.String(), phone: Nullable(Type.String()) }),
  status: Type.String(),
  notes: Type.String(),
  outcomes: Type.Object({
    referred: Type.Integer(),
    answered: Type.Integer(),
    served: Type.Integer(),
    satisfied: Type.Integer(),
    incoming: Type.Integer(),
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const PartnerListQuery = Type.Object(
  {
    specialization: Type.Optional(Type.String({ maxLength: 80 })),
    region: Type.Optional(Type.String({ maxLength: 2 })),
    status: Type.Optional(literals(PARTNER_STATUSES)),
    cursor: Type.Optional(Type.String({ maxLength: 400 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const RefusalBody = Type.Object(
  {
    reason: literals(REFUSAL_REASONS),
    cause: literals(REFUSAL_CAUSES),
    partnerId: Type.Optional(Type.String({ format: 'uuid' })),
    alternative: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    waitUntil: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const RefusalResult = Type.Object({
  refusal: Type.Object({
    id: Type.String(),
    reason: Type.String(),
    cause: Type.String(),
    partnerId: Nullable(Type.String()),
    partner: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    referralId: Nullable(Type.String()),
    waitUntil: Nullable(Type.String()),
    alternative: Nullable(Type.String()),
    createdAt: Type.String(),
  }),
  draft: Type.Object({ body: Type.String(), language: Type.String() }),
});

export const ReferralSchema = Type.Object({
  id: Type.String(),
  partner: Type.Object({ id: Type.String(), name: Type.String() }),
  direction: Type.String(),
  case: Nullable(Type.Object({ id: Type.String(), number: Nullable(Type.Integer()) })),
  customer: Nullable(Type.Object({ id: Type.String(), email: Nullable(Type.String()), name: Nullable(Type.String()) })),
  refusalId: Nullable(Type.String()),
  language: Type.String(),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  outcome: Type.Object({
    followUpSentAt: Nullable(Type.String()),
    served: Nullable(Type.Boolean()),
    satisfied: Nullable(Type.Boolean()),
    answeredAt: Nullable(Type.String()),
  }),
});

export const ReferralListQuery = Type.Object(
  {
    partnerId: Type.Optional(Type.String({ format: 'uuid' })),
    cursor: Type.Optional(Type.String({ maxLength: 400 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const IncomingReferralBody = Type.Object(
  {
    partnerId: Type.String({ format: 'uuid' }),
    customer: Type.Optional(
      Type.Object(
        {
          email: Type.String({ format: 'email', maxLength: 254 }),
          name: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
    caseId: Type.Optional(Type.String({ format: 'uuid' })),
    note: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);

export const ReferralSettingsSchema = Type.Object(
  { followUpDays: Type.Integer({ minimum: 1, maximum: 90 }) },
  { additionalProperties: false },
);
