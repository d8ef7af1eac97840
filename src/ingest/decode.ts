// Bytes → text. Documents arrive as UTF-8 (with or without BOM) or, from older Chinese
// government sites, GB18030/GBK; anything else that is mostly control bytes is refused.

export type Decoded = { ok: true; text: string; encoding: string; note?: string } | { ok: false; reason: string };

/** Bytes looked at to tell text from binary and UTF-16 from the rest. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * What the first bytes of a document (up to SNIFF_BYTES of them) say before it is decoded: binary (refused,
 * with the reason), UTF-16 (by its BOM), or text in a byte encoding (UTF-8, else GB18030).
 */
export function sniff(sample: Uint8Array): { refuse: string } | 'utf-16' | 'bytes' {
  let control = 0;
  let nul = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (nul > 0 && !looksUtf16(sample)) return { refuse: 'the file is binary (it holds NUL bytes), not a text document' };
  if (looksUtf16(sample)) return 'utf-16';
  if (control / sample.length > 0.05) return { refuse: 'the file is binary (too many control bytes), not a text document' };
  return 'bytes';
}

export function decodeDocument(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  const sample = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES));
  const kind = sniff(sample);
  if (typeof kind === 'object') return { ok: false, reason: kind.refuse };
  if (kind === 'utf-16') {
    const le = sample[0] === 0xff && sample[1] === 0xfe;
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes);
    return { ok: true, text: stripBom(text), encoding: le ? 'utf-16le' : 'utf-16be' };
  }
  try {
    return { ok: true, text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: GB18030 is a superset of GBK and GB2312, the usual legacy encodings here.
    const text = new TextDecoder('gb18030').decode(bytes);
    const replaced = (text.match(/\uFFFD/g) ?? []).length;
    if (replaced / Math.max(1, text.length) < 0.01) {
      return { ok: true, text: stripBom(text), encoding: 'gb18030', note: 'the file is not UTF-8; it was read as GB18030 (GBK)' };
    }
    const lossy = new TextDecoder('utf-8').decode(bytes);
    return {
      ok: true,
      text: stripBom(lossy),
      encoding: 'utf-8',
      note: `the file is not valid UTF-8; ${(lossy.match(/\uFFFD/g) ?? []).length} unreadable byte sequences were replaced by �`,
    };
  }
}

function looksUtf16(b: Uint8Array): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
