import { Type } from '@fastify/type-provider-typebox';
import { literals } from '../../platform/http-schemas.ts';
import { CHANNELS, PRIORITIES, STATUSES } from './cases.service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 });
const Category = Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z0-9-]+$' });

export const CaseSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  subject: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  category: Type.String(),
  channel: Type.String(),
  tags: Type.Array(Type.String()),
  language: Type.String(),
  customer: Type.Object({ id: Type.String(), name: Nullable(Type.String()), email: Type.String() }),
  owner: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  team: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  followUpOf: Nullable(Type.String()),
  commitment: Nullable(
    Type.Object({
      kind: Type.String(),
      nextStep: Type.String(),
      dueAt: Type.String(),
      owner: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
      waitingOn: Type.String(),
      basis: Type.Record(Type.String(), Type.Unknown()),
      ladder: Type.Object({
        current: Nullable(Type.Object({ title: Type.String(), name: Nullable(Type.String()) })),
        next: Nullable(
          Type.Object({ title: Type.String(), name: Nullable(Type.String()), contact: Nullable(Type.String()) }),
        ),
      }),
    }),
  ),
  escalationLevel: Type.Integer(),
  /** SLA targets (null until the sweep has computed the case's clock, within a minute of a change). */
  sla: Nullable(
    Type.Object({
      firstResponse: Type.Object({ dueAt: Type.String(), state: Type.String() }),
      resolution: Type.Object({ dueAt: Type.String(), state: Type.String() }),
      paused: Type.Boolean(),
    }),
  ),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const CustomerRef = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    locale: Type.Optional(literals(['en', 'ru', 'pl', 'ro'] as const)),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
/** What happens next, by when (omitted → the honest proposal), with whom, and whom we wait on. */
export const CommitmentBody = Type.Object(
  {
    nextStep: Type.String({ minLength: 1, maxLength: 2000 }),
    dueAt: Type.Optional(Type.String({ format: 'date-time' })),
    ownerId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    waitingOn: literals(['us', 'customer', 'third-party'] as const),
    /** Why the date is earlier than the honest proposal, or why the plan changed (told to the customer). */
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const Subject = Type.String({ minLength: 1, maxLength: 500 });
const Body = Type.String({ minLength: 1, maxLength: 200_000 });

export const NewCaseBody = Type.Object(
  {
    subject: Subject,
    customer: CustomerRef,
    message: Type.Object({ body: Body }, { additionalProperties: false }),
    channel: Type.Optional(literals(CHANNELS)),
    priority: Type.Optional(literals(PRIORITIES)),
    category: Type.Optional(Category),
    tags: Type.Optional(Tags),
    ownerId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  },
  { additionalProperties: false },
);

export const PhoneCallBody = Type.Object(
  {
    subject: Subject,
    customer: CustomerRef,
    summary: Body,
    priority: Type.Optional(literals(PRIORITIES)),
    category: Type.Optional(Category),
    tags: Type.Optional(Tags),
  },
  { additionalProperties: false },
);

export const CaseListQuery = Type.Object(
  {
    view: Type.Optional(literals(['mine', 'team', 'all'] as const)),
    // `open` is the open group (any status but resolved/closed), `any` everything.
    status: Type.Optional(literals([...STATUSES, 'any'] as const)),
    owner: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none'), Type.String({ format: 'uuid' })])),
    category: Type.Optional(Category),
    priority: Type.Optional(literals(PRIORITIES)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    customerEmail: Type.Optional(Type.String({ maxLength: 254 })),
    sort: Type.Optional(literals(['activity', 'due'] as const)),
    overdue: Type.Optional(Type.Boolean()),
    sla: Type.Optional(literals(['breached', 'warning'] as const)),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const CasePatchBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    status: Type.Optional(literals(STATUSES)),
    priority: Type.Optional(literals(PRIORITIES)),
    category: Type.Optional(Category),
    tags: Type.Optional(Tags),
    ownerId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  },
  { additionalProperties: false },
);

export const MessageSchema = Type.Object({
  id: Type.String(),
  direction: Type.String(),
  visibility: Type.String(),
  channel: Type.String(),
  author: Type.Object({ type: Type.String(), id: Nullable(Type.String()), name: Type.String() }),
  text: Type.String(),
  html: Nullable(Type.String()),
  /** The commitment footer the customer received with this message (public outbound messages). */
  footer: Nullable(Type.String()),
  language: Type.String(),
  attachments: Type.Array(
    Type.Object({
      id: Type.String(),
      filename: Type.String(),
      contentType: Type.String(),
      size: Type.Integer(),
      url: Type.String(),
    }),
  ),
  /** Email delivery of an outbound message: queued | sent | failed | bounced; null when not emailed. */
  delivery: Nullable(Type.Object({ state: Type.String(), error: Nullable(Type.String()) })),
  /** A `third-party` message: the party it went to (outbound) or came from (inbound); null otherwise. */
  thirdParty: Nullable(Type.Object({ email: Type.String(), name: Nullable(Type.String()) })),
  createdAt: Type.String(),
});

const VISIBILITIES = ['public', 'internal', 'third-party'] as const;

export const NewMessageBody = Type.Object(
  {
    body: Body,
    /** `public`: to the customer; `internal`: a note; `third-party`: an email to `recipient`, never shown to the customer. */
    visibility: literals(VISIBILITIES),
    /** Who a `third-party` message goes to (a supplier, a service centre, a partner). */
    recipient: Type.Optional(
      Type.Object(
        {
          email: Type.String({ format: 'email', maxLength: 254 }),
          name: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
    status: Type.Optional(literals(STATUSES)),
    attachments: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20 })),
    /** A public reply by email goes to the case's CC participants too. */
    replyAll: Type.Optional(Type.Boolean()),
    override: Type.Optional(
      Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false }),
    ),
    commitment: Type.Optional(Type.Union([Type.Literal('keep'), CommitmentBody])),
  },
  { additionalProperties: false },
);

export const EventSchema = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()), name: Type.String() }),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
});

export const HandoverBody = Type.Object(
  {
    toUserId: Type.String({ format: 'uuid' }),
    note: Type.String({ minLength: 1, maxLength: 10_000 }),
    /** A new plan told to the customer in the same single message as the hand-over. */
    commitment: Type.Optional(CommitmentBody),
  },
  { additionalProperties: false },
);

export const EscalateBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 2000 }) },
  { additionalProperties: false },
);

/** A third party's address as typed so far: a draft keeps it unchecked, sending checks it. */
const DraftRecipient = Type.Object(
  { email: Type.String({ maxLength: 320 }), name: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export const DraftBody = Type.Object(
  {
    body: Type.String({ maxLength: 200_000 }),
    visibility: literals(VISIBILITIES),
    recipient: Type.Optional(Nullable(DraftRecipient)),
  },
  { additionalProperties: false },
);
export const DraftSchema = Type.Object({
  body: Type.String(),
  visibility: Type.String(),
  recipient: Nullable(DraftRecipient),
  updatedAt: Type.String(),
});

export const ReplyContextSchema = Type.Object({
  language: Type.String(),
  customerName: Nullable(Type.String()),
  agentName: Type.String(),
  isFirstReply: Type.Boolean(),
  isOpenCase: Type.Boolean(),
});
