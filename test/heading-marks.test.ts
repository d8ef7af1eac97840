// Headings marked in the line (`== Title ==`, `## Title ##`) are read by scanning the line's ends instead of by
// the regular expressions the readers used before, which backtracked over long runs of white space. The answers
// must be those expressions' for every line: here they are compared on every line of up to seven characters
// made of marks, white space of three kinds and a letter, and on a few long ones.
import { describe, it, expect } from 'vitest';
import { equalsHeading, hashHeading, markedHeading } from '../src/layout/heading-marks.js';

/** The expressions the readers used (src/layout/wikitext.ts, src/readers/wikitext.ts, src/layout/text.ts). */
const EQUALS = /^(={1,6})\s*(.+?)\s*\1\s*$/;
const MARKED = /^\s*(?:(={1,6})\s*(.+?)\s*\1|(#{1,6})\s+(.+?)\s*#*)\s*$/;

function* lines(alphabet: string[], len: number, pre = ''): Generator<string> {
  if (len === 0) yield pre;
  else for (const c of alphabet) yield* lines(alphabet, len - 1, pre + c);
}

describe('headings marked in the line', () => {
  it('read as the old expressions read them, on every short line of marks, spaces and a letter', () => {
    const alphabet = ['=', '#', ' ', '\t', '\u3000', 'a'];
    const differ: string[] = [];
    let n = 0;
    for (let len = 0; len <= 7; len++) {
      for (const s of lines(alphabet, len)) {
        n++;
        const r = EQUALS.exec(s);
        const e = equalsHeading(s);
        if ((r ? `${r[1]!.length}|${r[2]}` : null) !== (e ? `${e.level}|${e.text}` : null)) differ.push(`equals ${JSON.stringify(s)}`);
        const t = s.trim(); // the plain-text layout asks on trimmed lines, and trims the title
        const m = MARKED.exec(t);
        const k = markedHeading(t);
        if ((m ? `${(m[1] ?? m[3])!.length}|${(m[2] ?? m[4])!.trim()}` : null) !== (k ? `${k.level}|${k.text.trim()}` : null)) differ.push(`marked ${JSON.stringify(s)}`);
      }
    }
    expect(n).toBe(335_923);
    expect(differ.slice(0, 10)).toEqual([]);
  });

  it('reads real headings and refuses what is not one', () => {
    expect(equalsHeading('== 友好城市 ==')).toEqual({ level: 2, text: '友好城市' });
    expect(equalsHeading('=== Sister cities ==')).toEqual({ level: 2, text: '= Sister cities' });
    expect(equalsHeading('==')).toBeNull();
    expect(equalsHeading(' == a ==')).toBeNull(); // the line must start with its mark
    expect(hashHeading('## Partner cities ##')).toEqual({ level: 2, text: 'Partner cities' });
    expect(hashHeading('####### seven')).toBeNull();
    expect(hashHeading('#hashtag')).toBeNull();
    expect(markedHeading('  # 姉妹都市  ')).toEqual({ level: 1, text: '姉妹都市' });
  });

  it('a line of 400,000 white-space characters around its marks is read in one pass', () => {
    const pad = '\u3000'.repeat(200_000);
    expect(equalsHeading(`=${pad}x${pad}=`)).toEqual({ level: 1, text: 'x' });
    expect(equalsHeading(`${pad}==${pad}as built`.trim())).toBeNull();
    expect(markedHeading(`#${pad}x${pad}#`)).toEqual({ level: 1, text: 'x' });
  });
});
