import type { Reader } from '../model.js';
import { wikitextReader } from './wikitext.js';
import { markdownReader } from './markdown.js';
import { delimitedReader } from './delimited.js';
import { listsReader } from './lists.js';
import { READER_NAMES } from './names.js';
import { networkReader } from './network.js';
import { pairsReader } from './pairs.js';

/**
 * Every format youcheng reads. The datasets' formats first (they know their headers exactly), then the table
 * readers; `lists` (the general reader of the kit) stays last: it reads any text layout and is chosen when no
 * other reader is sure, or when the one chosen finds no rows.
 */
export const readers: Reader[] = [networkReader, pairsReader, wikitextReader, markdownReader, delimitedReader, listsReader];
if (readers.map((r) => r.name).join() !== READER_NAMES.join()) {
  throw new Error(`readers/names.ts lists ${READER_NAMES.join(', ')}; readers/index.ts has ${readers.map((r) => r.name).join(', ')}`);
}

/** Below this, no reader is sure enough and the document is refused as of unknown format. */
export const MIN_CONFIDENCE = 0.3;

export function readerByName(name: string): Reader | undefined {
  return readers.find((r) => r.name === name);
}

export type Choice = { reader: Reader; confidence: number } | { reader: null; scores: Array<{ name: string; confidence: number }> };

/** Picks the reader most sure of the text; ties go to the earlier, more specific reader. */
export function chooseReader(text: string, fileName: string): Choice {
  const scores = readers.map((r) => ({ reader: r, confidence: safeDetect(r, text, fileName) }));
  let best = scores[0];
  for (const s of scores) if (s.confidence > best.confidence) best = s;
  if (best.confidence < MIN_CONFIDENCE) {
    return { reader: null, scores: scores.map((s) => ({ name: s.reader.name, confidence: s.confidence })) };
  }
  return best;
}

function safeDetect(r: Reader, text: string, fileName: string): number {
  try {
    const c = r.detect(text, fileName);
    return Number.isFinite(c) ? c : 0;
  } catch {
    return 0;
  }
}
