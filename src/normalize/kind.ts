// Kind of a tie, from the section a row stands under and the row's own marker. ONE table.
import type { Kind } from '../model.js';
import { fold } from './script.js';
import { memoize } from './memo.js';

/**
 * Markers and section phrases, in simplified script (traditional forms match through fold()).
 * A text matches an entry when its folded form contains the entry's folded form; the table is tried
 * top to bottom, so the more specific phrases come first.
 */
export const KIND_MARKERS: ReadonlyArray<{ text: string; kind: Kind }> = [
  // Agreements short of a sister-city tie (as markers: 布魯塞爾（友好協約書）).
  { text: '友好协约书', kind: 'other' },
  { text: '友好协议', kind: 'other' },
  { text: '文化备忘录', kind: 'other' },
  { text: '备忘录', kind: 'other' },
  { text: '意向书', kind: 'other' },
  // Friendly-cooperation cities.
  { text: '友好合作关系城市', kind: 'cooperation' },
  { text: '友好合作交流城市', kind: 'cooperation' },
  { text: '友好交流城市', kind: 'cooperation' },
  { text: '友好合作城市', kind: 'cooperation' },
  // Sister cities.
  { text: '国际友好城市', kind: 'sister' },
  { text: '友好城市关系', kind: 'sister' },
  { text: '友好城市', kind: 'sister' },
  { text: '姐妹城市', kind: 'sister' },
  { text: 'sister city', kind: 'sister' },
  { text: 'twin town', kind: 'sister' },
];

const FOLDED = KIND_MARKERS.map((e) => ({ key: fold(e.text), kind: e.kind }));

function match(s: string | null): Kind | null {
  if (!s) return null;
  return s.length <= 64 ? matchMemo(s) : matchText(s);
}

const matchMemo = memoize((s: string) => matchText(s));

function matchText(s: string): Kind | null {
  const k = fold(s);
  if (!k) return null;
  for (const e of FOLDED) if (k.includes(e.key)) return e.kind;
  return null;
}

/** The kind a text names by itself (a marker such as 友好協約書, a heading), or null when it names none. */
export function markerKind(s: string | null): Kind | null {
  return match(s);
}

/** sister | cooperation | other. The marker wins over the section; unknown or absent → sister. */
export function kindOf(section: string | null, marker: string | null): Kind {
  return match(marker) ?? match(section) ?? 'sister';
}
