// XML text for the graph exports (GraphML, GEXF): escaping that keeps every document well-formed, whatever
// a place name holds.

/** Characters XML 1.0 does not allow at all (controls other than tab, newline, return; lone surrogates; U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text safe for element content and for attribute values in double or single quotes: the five markup
 * characters become entities, characters XML cannot carry are dropped, and tab/newline/return become
 * character references so an attribute value keeps them (attribute normalization would turn them to spaces).
 */
export function xmlEscape(value: unknown): string {
  return String(value)
    .replace(INVALID_XML, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!)
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** `name="value"` pairs for the values that are present (null and undefined leave the attribute out). */
export function xmlAttrs(attrs: Record<string, unknown>): string {
  let s = '';
  for (const [k, v] of Object.entries(attrs)) if (v != null && v !== '') s += ` ${k}="${xmlEscape(v)}"`;
  return s;
}
