// Linear-time stand-ins for the few regular expressions of the readers that backtrack on long runs.
//
// V8's regex engine backtracks: `/\[\[[^\]]+\]\]/` tries every `[[` and scans to the next `]` from each,
// so a line of 2 MB of `[` takes hours. Each function here answers the same question as the regex it
// names, in one pass.

/**
 * Whether the text holds `open open X close close` with X one or more characters, none of them in
 * `forbidden` (which holds `close`), e.g. `/\[\[[^\]]+\]\]/` is hasWrapped(s, '[', ']', ']') and
 * `/\{\{[^}\n]+\}\}/` is hasWrapped(s, '{', '}', '}\n').
 */
export function hasWrapped(s: string, open: string, close: string, forbidden: string): boolean {
  const o = open.charCodeAt(0);
  const c = close.charCodeAt(0);
  const pair = open + open;
  const openForbidden = forbidden.includes(open);
  // Up to three forbidden characters (close, open, a line end): compared directly.
  const f0 = forbidden.charCodeAt(0);
  const f1 = forbidden.length > 1 ? forbidden.charCodeAt(1) : f0;
  const f2 = forbidden.length > 2 ? forbidden.charCodeAt(2) : f0;
  // start: where the content after the current opening begins (-1: no opening is in reach).
  // With `open` allowed in the content, the earliest opening gives the longest content, so keep it;
  // with `open` forbidden, only the latest opening can reach the content.
  let start = -1;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (start === -1) {
      // Nothing counts before the next opening: jump to it.
      i = s.indexOf(pair, i);
      if (i === -1) return false;
    }
    const ch = s.charCodeAt(i);
    if (start !== -1 && i >= start) {
      if (ch === c) {
        if (i > start && s.charCodeAt(i + 1) === c) return true;
        start = -1;
      } else if (ch === f0 || ch === f1 || ch === f2) start = -1;
    }
    if (ch === o && s.charCodeAt(i + 1) === o && (start === -1 || openForbidden)) start = i + 2;
  }
  return false;
}

/**
 * `/^\s*X/m.test(s)` for a marker X that holds no whitespace: the same as `/^[^\S\n]*X/m` (a match that
 * runs over line ends also matches from the marker's own line), which cannot run over lines.
 */
export function lineStartsWith(s: string, marker: string): boolean {
  for (let p = s.indexOf(marker); p !== -1; p = s.indexOf(marker, p + 1)) {
    let i = p - 1;
    for (;;) {
      if (i < 0) return true;
      const ch = s.charCodeAt(i);
      if (ch === 0x0a || ch === 0x0d || ch === 0x2028 || ch === 0x2029) return true;
      if (!isSpace(ch)) break;
      i--;
    }
  }
  return false;
}

/** JavaScript's `\s`. */
export function isSpace(ch: number): boolean {
  return (
    ch === 0x20 ||
    (ch >= 0x09 && ch <= 0x0d) ||
    ch === 0xa0 ||
    ch === 0x1680 ||
    (ch >= 0x2000 && ch <= 0x200a) ||
    ch === 0x2028 ||
    ch === 0x2029 ||
    ch === 0x202f ||
    ch === 0x205f ||
    ch === 0x3000 ||
    ch === 0xfeff
  );
}

function isLineEnd(ch: number): boolean {
  return ch === 0x0a || ch === 0x0d || ch === 0x2028 || ch === 0x2029;
}

/**
 * `/^\s*\|?\s*:?-{3,}:?\s*\|\s*:?-{0,}/m.test(s)`: a run of 3+ dashes (with an optional `:` either side)
 * that has a `|` after it past blanks, and before it, past blanks and an optional `|`, a line start.
 * (The blanks may hold line ends, as `\s` does.)
 */
export function hasRuleRow(s: string): boolean {
  const n = s.length;
  for (let a = s.indexOf('---'); a !== -1; ) {
    let b = a;
    while (b < n && s.charCodeAt(b) === 0x2d) b++;
    const isRunStart = a === 0 || s.charCodeAt(a - 1) !== 0x2d;
    if (isRunStart && b - a >= 3 && ruleAround(s, a, b)) return true;
    a = s.indexOf('---', b);
  }
  return false;
}

function ruleAround(s: string, a: number, b: number): boolean {
  // Right: `:?\s*\|`.
  let j = b;
  if (s.charCodeAt(j) === 0x3a) j++;
  while (j < s.length && isSpace(s.charCodeAt(j))) j++;
  if (s.charCodeAt(j) !== 0x7c) return false;
  // Left: `^\s*\|?\s*:?` read backwards.
  let i = a - 1;
  if (i >= 0 && s.charCodeAt(i) === 0x3a) i--;
  const blanksToLineStart = (): boolean => {
    for (;;) {
      if (i < 0) return true;
      const ch = s.charCodeAt(i);
      if (isLineEnd(ch)) return true;
      if (!isSpace(ch)) return false;
      i--;
    }
  };
  if (blanksToLineStart()) return true;
  if (s.charCodeAt(i) !== 0x7c) return false;
  i--;
  return blanksToLineStart();
}

/**
 * `/\[[^\]\n]+\]\([^)\s]+(?:\s+"[^"\n]*")?\)/.test(s)`: a Markdown link `[label](target "title")`; with
 * `titled` false, `/\[[^\]\n]+\]\([^)\s]+\)/.test(s)`, a link without a title. In one pass: the expressions try
 * every `[` of a run of them to the end of its line.
 */
export function hasMarkdownLink(s: string, titled = true): boolean {
  const n = s.length;
  let open = -1; // the earliest `[` since the last `]` or line end
  let runFrom = -1; // memo: the first `)` or blank at or after runFrom is runEnd
  let runEnd = -1;
  let quoteFrom = -1; // memo: the first `"` or `\n` at or after quoteFrom is quoteEnd
  let quoteEnd = -1;
  for (let j = 0; j < n; j++) {
    const ch = s.charCodeAt(j);
    if (ch === 0x5b) {
      if (open === -1) open = j;
      continue;
    }
    if (ch === 0x0a) {
      open = -1;
      continue;
    }
    if (ch !== 0x5d) continue;
    const label = open !== -1 && j - open >= 2;
    open = -1;
    if (!label || s.charCodeAt(j + 1) !== 0x28) continue;
    // `[^)\s]+`: the whole run of such characters (a shorter one leaves a character that fits nothing next).
    const x = j + 2;
    if (!(runFrom !== -1 && runFrom <= x && x <= runEnd)) {
      runFrom = x;
      runEnd = x;
      while (runEnd < n) {
        const c = s.charCodeAt(runEnd);
        if (c === 0x29 || isSpace(c)) break;
        runEnd++;
      }
    }
    const r = runEnd;
    if (r === x) continue;
    if (s.charCodeAt(r) === 0x29) return true;
    if (r >= n || !titled) continue;
    // `\s+"[^"\n]*"\)`
    let w = r;
    while (w < n && isSpace(s.charCodeAt(w))) w++;
    if (s.charCodeAt(w) !== 0x22) continue;
    const y = w + 1;
    if (!(quoteFrom !== -1 && quoteFrom <= y && y <= quoteEnd)) {
      quoteFrom = y;
      quoteEnd = y;
      while (quoteEnd < n) {
        const c = s.charCodeAt(quoteEnd);
        if (c === 0x22 || c === 0x0a) break;
        quoteEnd++;
      }
    }
    if (s.charCodeAt(quoteEnd) === 0x22 && s.charCodeAt(quoteEnd + 1) === 0x29) return true;
  }
  return false;
}
