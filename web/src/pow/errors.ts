// Why solving a challenge failed; kept apart from the solver so that the page can tell the
// reasons without loading the solver (which normally runs in the worker).
export class PowError extends Error {
  constructor(
    readonly code: 'unsupported' | 'unsolvable' | 'aborted',
    message: string,
  ) {
    super(message);
    this.name = 'PowError';
  }
}
