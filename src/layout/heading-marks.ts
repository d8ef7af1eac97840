// Headings marked in the line itself: `== Title ==` (wikitext, and plain-text copies of it) and `## Title ##`
// (Markdown's ATX form). Read by scanning the line's two ends once. The regular expressions these replace
// (`^(={1,6})\s*(.+?)\s*\1\s*$` and its `#` twin) backtracked over every run of white space inside the line, once
// per character of the lazy title: a line of 200,000 ideographic spaces around `==` took minutes (the fuzz run's
// input 13657 of seed 20261208). The answers are the same, for every line, as those expressions'.

export interface MarkedHeading {
  /** 1–6: the number of marks that open (and, for `=`, close) the heading. */
  level: number;
  /** The title as the marks enclose it (not trimmed: the callers trim or parse it). */
  text: string;
}

const isSpace = (s: string, i: number): boolean => /\s/.test(s[i]!);
/** What `.` refuses in a JavaScript expression: a title never spans one. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * `== Title ==` as `/^(={1,6})\s*(.+?)\s*\1\s*$/` reads it: as many marks as open it, up to six, and as many
 * close it; fewer when the line has fewer at its end, or too few characters to leave a title between. The line
 * must begin with its first mark (call it on a trimmed line to allow white space before).
 */
export function equalsHeading(line: string): MarkedHeading | null {
  if (line.charCodeAt(0) !== 0x3d) return null;
  let end = line.length;
  while (end > 0 && isSpace(line, end - 1)) end--;
  let lead = 0;
  while (lead < 6 && line.charCodeAt(lead) === 0x3d) lead++;
  let trail = 0;
  while (trail < end && line.charCodeAt(end - 1 - trail) === 0x3d) trail++;
  const level = Math.min(lead, trail, Math.floor((end - 1) / 2));
  if (level < 1) return null;
  // The marks that open are followed by white space the title does not hold, and the title ends before the
  // white space ahead of the closing marks; at least one character stays a title.
  let from = level;
  while (from < end - level - 1 && isSpace(line, from)) from++;
  let to = end - level;
  while (to > from + 1 && isSpace(line, to - 1)) to--;
  const text = line.slice(from, to);
  return LINE_BREAK.test(text) ? null : { level, text };
}

/**
 * `## Title ##` as `/^(#{1,6})\s+(.+?)\s*#*\s*$/` reads it: one to six marks, white space, the title, and at its
 * end at most one run of closing marks with white space around.
 */
export function hashHeading(line: string): MarkedHeading | null {
  let level = 0;
  while (level < line.length && line.charCodeAt(level) === 0x23) level++;
  if (level < 1 || level > 6 || level >= line.length || !isSpace(line, level)) return null;
  let from = level;
  while (from < line.length && isSpace(line, from)) from++;
  // `\s+` may give its last character back to the title when nothing else is left to be one.
  if (from === line.length) from = line.length - 1;
  let to = line.length;
  while (to > from + 1 && isSpace(line, to - 1)) to--;
  while (to > from + 1 && line.charCodeAt(to - 1) === 0x23) to--;
  while (to > from + 1 && isSpace(line, to - 1)) to--;
  const text = line.slice(from, to);
  return LINE_BREAK.test(text) ? null : { level, text };
}

/** Either form, on a line white space may surround (the plain-text layout's headings). */
export function markedHeading(line: string): MarkedHeading | null {
  const t = line.trim();
  return equalsHeading(t) ?? hashHeading(t);
}
