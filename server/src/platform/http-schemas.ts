// Schemas shared by every domain's routes: the problem document, list envelope, ids.
import { type TSchema, Type } from '@fastify/type-provider-typebox';

/** A string enum as a union of literals (typed, and an `enum` in the OpenAPI document). */
export const literals = <const T extends readonly string[]>(values: T) => Type.Enum([...values] as T[number][]);

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({ field: Type.Optional(Type.String()), message: Type.String() }, { additionalProperties: true }),
      ),
    ),
  },
  { additionalProperties: true, $id: 'Problem' },
);

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** The error responses every authenticated route may give, referenced by the OpenAPI document. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, Type.Ref('Problem')]));

export const STANDARD_ERRORS = problemResponses(400, 401, 403, 404);
