/** An error a user can act on: the command line prints its message without a stack. */
export class UserError extends Error {}
