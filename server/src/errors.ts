// One error catalogue: a stable `code`, its HTTP status and title. The error handler turns
// an AppError into RFC 9457 application/problem+json; the catalogue is also published in
// the OpenAPI document so integrators can rely on the codes.
export const ERROR_CATALOGUE = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  unauthenticated: { status: 401, title: 'Sign in or send a valid API token' },
  'invalid-credentials': { status: 401, title: 'Email or password is wrong' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  'csrf-failed': { status: 403, title: 'Missing or wrong CSRF token' },
  'not-found': { status: 404, title: 'Not found' },
  'case-changed': { status: 409, title: 'The case was changed by someone else' },
  conflict: { status: 409, title: 'This conflicts with existing data' },
  'token-expired': { status: 410, title: 'This link has expired or was already used' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'This content type is not accepted' },
  unprocessable: { status: 422, title: 'The request cannot be carried out' },
  'commitment-required': { status: 422, title: 'The reply must tell the customer what happens next' },
  'reply-check-blocked': { status: 422, title: 'The reply contains phrases that must not be sent' },
  'pack-invalid': { status: 422, title: 'The rule pack does not pass its own examples' },
  'rate-limited': { status: 429, title: 'Too many requests; try again later' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'The service is not ready' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  /** Field-level problems for validation errors: JSON pointer of the field and what is wrong. */
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? ERROR_CATALOGUE[code].title);
    this.status = ERROR_CATALOGUE[code].status;
  }

  toProblem(): ProblemDetails {
    const entry = ERROR_CATALOGUE[this.code];
    return {
      type: `https://heard.dev/problems/${this.code}`,
      title: entry.title,
      status: entry.status,
      code: this.code,
      detail: this.message,
      ...this.extensions,
    };
  }
}

export const notFound = (what: string): AppError => new AppError('not-found', `${what} not found`);
export const forbidden = (detail?: string): AppError => new AppError('forbidden', detail);
export const invalid = (field: string, message: string): AppError =>
  new AppError('validation-failed', `${field}: ${message}`, { errors: [{ field, message }] });
