/** Every error kestrel-ts reports is a KestrelError with a stable code (docs/errors.md lists them). */
export interface ErrorDetails {
  file?: string;
  line?: number;
  column?: number;
  excerpt?: string;
  expected?: string[];
  hint?: string;
}

// Declaration merging gives the class the optional detail fields without repeating them.
export interface KestrelError extends ErrorDetails {}

export class KestrelError extends Error {
  readonly code: string;

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'KestrelError';
    this.code = code;
    Object.assign(this, details);
  }
}

export function isKestrelError(e: unknown): e is KestrelError {
  return e instanceof KestrelError;
}
