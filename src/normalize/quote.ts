// Bounded quotes in messages: a message names what it is about, but a cell may be megabytes long, and a
// message is printed, stored in the registry and served; 200 characters tell which cell it is.

/** The most characters of a value a message quotes. */
export const QUOTE_MAX = 200;
/** A message longer than this (when its quotes are bounded) is cut, saying how long it was. */
export const MESSAGE_MAX = 1000;

/** `"value"`, or its first QUOTE_MAX characters, an ellipsis, and how long it is: `"abc…" (200000 characters)`. */
export function quoted(value: string, max = QUOTE_MAX): string {
  if (value.length <= max) return `"${value}"`;
  const chars = [...value];
  if (chars.length <= max) return `"${value}"`;
  return `"${chars.slice(0, max).join('')}…" (${chars.length} characters)`;
}

/**
 * A message with every double-quoted part longer than QUOTE_MAX characters bounded as `quoted` does, then cut
 * to MESSAGE_MAX characters if it is still longer (for messages that quote in other ways).
 */
export function boundReason(reason: string): string {
  if (reason.length <= QUOTE_MAX) return reason;
  // (201 leaves alone what quoted() made: 200 characters and its ellipsis)
  const out = reason.replace(/"([^"]{202,})"/g, (_, inner: string) => quoted(inner));
  if (out.length <= MESSAGE_MAX) return out;
  const chars = [...out];
  return chars.length <= MESSAGE_MAX ? out : `${chars.slice(0, MESSAGE_MAX - 100).join('')}… (a message of ${chars.length} characters)`;
}
