/**
 * The one error family the domain throws; the server maps each to an RFC 9457 problem
 * (see apps/server/src/problem.ts). Services never import HTTP types.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly extensions: Record<string, unknown>;
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

/** 422: values that are well-formed but wrong (a bad check digit, an unknown region). */
export class ValidationError extends DomainError {
  readonly errors: FieldError[];
  constructor(message: string, errors: FieldError[] = [], extensions: Record<string, unknown> = {}) {
    super(message, extensions);
    this.errors = errors;
  }
}
/** 400: the request itself is malformed (not JSON, not a spreadsheet). */
export class BadRequestError extends DomainError {}
/** 401 */
export class UnauthenticatedError extends DomainError {}
/** 403: signed in, but the role lacks the permission. */
export class ForbiddenError extends DomainError {}
/** 404: absent, or outside the actor's region (existence is not disclosed). */
export class NotFoundError extends DomainError {}
/** 409: a duplicate. */
export class ConflictError extends DomainError {}
/** 409: the record's state does not allow this (read-only, stale version). */
export class InvalidStateError extends DomainError {}
/** 413 */
export class TooLargeError extends DomainError {}
/** 429 / 423-like: locked or throttled. */
export class ThrottledError extends DomainError {}
/** 503: a service the change depends on (an external broker) did not answer; nothing was changed, try again. */
export class ServiceUnavailableError extends DomainError {}
