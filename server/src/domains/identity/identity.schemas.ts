import { Type } from '@fastify/type-provider-typebox';
import { literals } from '../../platform/http-schemas.ts';
import { USER_ROLES } from '../../platform/principal.ts';
import { LANGUAGES } from '../../platform/templates.ts';

export const RoleSchema = literals(USER_ROLES);
export const LanguageSchema = literals(LANGUAGES);
const Email = Type.String({ format: 'email', maxLength: 254 });

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  teamId: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  active: Type.Boolean(),
  notifyByEmail: Type.Boolean(),
});

export const SessionSchema = Type.Object({ user: UserSchema, csrfToken: Type.String() });
export const LoginBody = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 1024 }) });
export const ResetBody = Type.Object({ email: Email });
export const SetPasswordBody = Type.Object({
  token: Type.String({ minLength: 10, maxLength: 200 }),
  password: Type.String({ minLength: 10, maxLength: 1024 }),
});

export const NewUserBody = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    teamId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    locale: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false },
);
export const UserPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    teamId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    locale: Type.Optional(LanguageSchema),
    active: Type.Optional(Type.Boolean()),
    notifyByEmail: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TeamSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  defaultLanguage: Type.String(),
  isDefault: Type.Boolean(),
});
export const TeamBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), defaultLanguage: Type.Optional(LanguageSchema) },
  { additionalProperties: false },
);

export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
export const TokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: literals(['admin', 'supervisor', 'agent', 'lawyer', 'staff'] as const),
  },
  { additionalProperties: false },
);

export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  text: Type.String(),
  caseId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});
