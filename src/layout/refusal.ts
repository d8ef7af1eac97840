// A document a layout will not read: what is wrong, as a stable code and as a sentence a user understands.
//
// Layouts throw a LayoutRefusal (and nothing else on purpose) when the whole document cannot be laid out:
// a zip bomb, a password, a broken file, a scan without text, a file over the bounds. The caller turns it into
// an error message with `code` (the same ids as Message.code) and `message` as the reason.

export type RefusalCode = 'zip-bomb' | 'encrypted' | 'corrupt' | 'no-text-layer' | 'too-large' | 'legacy-format' | 'unknown-format';

export class LayoutRefusal extends Error {
  readonly code: RefusalCode;

  constructor(code: RefusalCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LayoutRefusal';
    this.code = code;
  }
}

/** True when `e` is a LayoutRefusal (also across module copies, by name and code). */
export function isLayoutRefusal(e: unknown): e is LayoutRefusal {
  return e instanceof LayoutRefusal || (e instanceof Error && e.name === 'LayoutRefusal' && typeof (e as { code?: unknown }).code === 'string');
}
