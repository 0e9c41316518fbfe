// Errors a handler may throw to end a request with a Chinese page: the app's
// error handler renders them. NotFound is also what any out-of-scope access
// gets, so ids cannot be probed.
export class NotFound extends Error {
  constructor(what = "not found") {
    super(what);
  }
}
/** The user must sign in first; carries where to come back to. */
export class LoginRequired extends Error {
  constructor(public readonly next: string) {
    super("login required");
  }
}
/** A request the app refuses with a message shown on an error page (400 by default). */
export class Refused extends Error {
  constructor(public readonly userMessage: string, public readonly status: 400 | 403 | 409 | 413 | 415 | 422 | 429 = 400) {
    super(userMessage);
  }
}
