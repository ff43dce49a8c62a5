/** One field's validation failure, as the contract's `errors` list carries it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error type of the service: an operational failure with an HTTP status and a stable
 * machine `code` from the contract. Anything else reaching the error handler is a bug (500).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string = title,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    /** The request field a refusal is about when it has no `errors` list (a form shows it there); never sent. */
    readonly field?: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'AppError';
  }

  static validation(errors: FieldError[], detail = 'Dane w żądaniu są niepoprawne.'): AppError {
    return new AppError(400, 'validation_failed', 'Niepoprawne dane', detail, errors);
  }

  /** `field`: the request field that named what is missing (an official's login, a unit's symbol). */
  static notFound(detail = 'Nie znaleziono zasobu.', options: { field?: string } = {}): AppError {
    return new AppError(404, 'not_found', 'Nie znaleziono', detail, undefined, {}, options.field);
  }

  static unauthorized(detail = 'Zaloguj się, aby skorzystać z tej usługi.'): AppError {
    return new AppError(401, 'unauthorized', 'Brak uwierzytelnienia', detail);
  }

  static forbidden(detail = 'Nie masz uprawnień do tej operacji.'): AppError {
    return new AppError(403, 'forbidden', 'Brak uprawnień', detail);
  }

  static tooManyRequests(retryAfterSeconds: number, detail = 'Zbyt wiele prób. Spróbuj ponownie później.'): AppError {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return new AppError(429, 'too_many_requests', 'Zbyt wiele żądań', detail, undefined, {
      'Retry-After': String(seconds),
    });
  }

  static conflict(code: string, detail: string): AppError {
    return new AppError(409, code, 'Konflikt', detail);
  }
}
