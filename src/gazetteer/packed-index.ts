// The gazetteer's name keys and stems as one packed file (data/gazetteer/name-index.bin, written by pack.ts
// beside gazetteer.db): the keys sorted, as one UTF-16 string with the offset of each key, and the place row
// (rid) of each. A caller that looks up many names (the reconciliation of a large document asks for ~130,000
// distinct ones) searches it in memory instead of querying the file for each name, and opening it costs one
// read of ~10 MB: reading the same half a million keys out of gazetteer.db into a Map took ~0.7 s and ~60 MB.
//
// The file names the gazetteer.db it was written with (an id in both, meta key `name_index`): a file left
// from another build is not used, and lookups go to gazetteer.db as before.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

export const NAME_INDEX_FILE = 'name-index.bin';
const MAGIC = 'youcheng-name-index/1';

/** One sorted table: key i is keys.slice(offsets[i], offsets[i + 1]), its place row rids[i]. */
export interface PackedKeys {
  readonly size: number;
  /** The rids of this key, ascending (none: an empty array). */
  rids(key: string): number[];
}

export interface PackedIndex {
  id: string;
  names: PackedKeys;
  stems: PackedKeys;
}

/** Pairs sorted by key in JavaScript's order (UTF-16 code units), then rid; each pair once. */
function sorted(pairs: Iterable<[string, number]>): Array<[string, number]> {
  const xs = [...pairs];
  xs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return xs.filter((p, i) => i === 0 || p[0] !== xs[i - 1]![0] || p[1] !== xs[i - 1]![1]);
}

function table(pairs: Array<[string, number]>): { offsets: Int32Array; rids: Int32Array; keys: Buffer } {
  const offsets = new Int32Array(pairs.length + 1);
  const rids = new Int32Array(pairs.length);
  let units = 0;
  pairs.forEach(([k, rid], i) => {
    offsets[i] = units;
    rids[i] = rid;
    units += k.length;
  });
  offsets[pairs.length] = units;
  return { offsets, rids, keys: Buffer.from(pairs.map((p) => p[0]).join(''), 'utf16le') };
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;

/** Writes the file: a JSON header line, then per table its offsets, rids and keys, each at a multiple of 4 bytes. */
export function writePackedIndex(path: string, id: string, names: Iterable<[string, number]>, stems: Iterable<[string, number]>): void {
  const tables = [table(sorted(names)), table(sorted(stems))];
  const header = Buffer.from(JSON.stringify({ format: MAGIC, id, tables: tables.map((t) => ({ n: t.rids.length, bytes: t.keys.length })) }) + '\n');
  const fd = openSync(path, 'w');
  try {
    const zeros = Buffer.alloc(4);
    let at = 0;
    const put = (b: Uint8Array) => {
      writeSync(fd, b);
      at += b.length;
      const p = pad4(at);
      if (p) {
        writeSync(fd, zeros.subarray(0, p));
        at += p;
      }
    };
    put(header);
    for (const t of tables) {
      put(new Uint8Array(t.offsets.buffer));
      put(new Uint8Array(t.rids.buffer));
      put(t.keys);
    }
  } finally {
    closeSync(fd);
  }
}

function keysOf(offsets: Int32Array, rids: Int32Array, keys: string): PackedKeys {
  const n = rids.length;
  /** key against entry i: <0, 0, >0, by UTF-16 code units as JavaScript compares strings. */
  const cmp = (key: string, i: number): number => {
    const s = offsets[i]!;
    const len = offsets[i + 1]! - s;
    const m = Math.min(key.length, len);
    for (let j = 0; j < m; j++) {
      const d = key.charCodeAt(j) - keys.charCodeAt(s + j);
      if (d) return d;
    }
    return key.length - len;
  };
  return {
    size: n,
    rids(key) {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cmp(key, mid) > 0) lo = mid + 1;
        else hi = mid;
      }
      const out: number[] = [];
      for (let i = lo; i < n && cmp(key, i) === 0; i++) out.push(rids[i]!);
      return out;
    },
  };
}

/** The file at `path`, or null when it is missing, unreadable or not in this format. */
export function readPackedIndex(path: string): PackedIndex | null {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return null;
  }
  const nl = buf.indexOf(10);
  if (nl < 0) return null;
  let header: { format?: string; id?: string; tables?: Array<{ n: number; bytes: number }> };
  try {
    header = JSON.parse(buf.toString('utf8', 0, nl)) as typeof header;
  } catch {
    return null;
  }
  if (header.format !== MAGIC || typeof header.id !== 'string' || header.tables?.length !== 2) return null;
  // Typed arrays over the file's bytes need 4-byte alignment: a copy when the buffer lies elsewhere.
  const bytes = buf.byteOffset % 4 ? new Uint8Array(buf) : buf;
  let at = nl + 1;
  at += pad4(at);
  const ints = (count: number): Int32Array => {
    const a = new Int32Array(bytes.buffer, bytes.byteOffset + at, count);
    at += count * 4;
    return a;
  };
  const out: PackedKeys[] = [];
  for (const t of header.tables) {
    if (at + (2 * t.n + 1) * 4 + t.bytes > bytes.length) return null;
    const offsets = ints(t.n + 1);
    const rids = ints(t.n);
    const keys = Buffer.from(bytes.buffer, bytes.byteOffset + at, t.bytes).toString('utf16le');
    at += t.bytes + pad4(t.bytes);
    if (offsets[t.n] !== keys.length) return null;
    out.push(keysOf(offsets, rids, keys));
  }
  return { id: header.id, names: out[0]!, stems: out[1]! };
}
