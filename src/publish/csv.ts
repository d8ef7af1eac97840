// One rule for every CSV cell youcheng writes: the streamed exports (`youcheng export … --format csv`,
// GET /api/export/…?format=csv) and the API's tables (?format=csv, Accept: text/csv, .csv).
//
// Place names, countries and notes come from documents on the open web. A spreadsheet runs a cell that starts
// with =, +, -, @, a tab or a carriage return as a formula (CSV injection: `=HYPERLINK("http://x")`,
// `-cmd|' /C calc'!A0`, `@SUM(A1)`), so such text gets a leading apostrophe, the neutralization OWASP
// recommends: the spreadsheet shows it as text. All of = + - @ are neutralized, `-` followed by a letter too
// (`-Lisbon`): a spreadsheet reads `-A1` as a reference and `-abc` as a formula that fails, and the classic
// DDE payloads start with `-`. Numbers stay numbers (a western longitude, -74, is not text). JSON Lines,
// JSON, GeoJSON, GraphML and GEXF keep the exact text.
import { stringify } from 'csv-stringify/sync';

/** The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula, with a leading apostrophe; any other text as it is. */
export function neutralizeFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/**
 * A value as a CSV cell: null as an empty cell, lists and objects as JSON text (CSV has no nesting), numbers
 * and booleans as written, text neutralized by `neutralizeFormula`.
 */
export function csvCell(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string') return neutralizeFormula(v);
  return String(v);
}

/** One CSV line (quoted where RFC 4180 needs it, ending in a newline) of values as `csvCell` makes them. */
export function csvRow(values: readonly unknown[]): string {
  return stringify([values.map(csvCell)]);
}

/** A header line: column names are the program's own, written as they are. */
export function csvHeader(columns: readonly string[]): string {
  return stringify([columns]);
}
