// world-small.json: the GeoNames cities500 places that world.json leaves out (no CJK name, fewer than 15000
// inhabitants), findable by their Latin names. About 150 000 places: building an object and index entries for
// each at load time would double the load time, so the file is kept as two strings (see smallFile in
// build.ts) and searched in place: a binary search over a name index sorted by folded name, which folds the
// names it compares with on the fly. A place object is built only when a lookup returns it.
// The index order is that of foldLatin at build time; the files are built on the machine that uses them
// (npm run build), so query and index fold alike (test/gazetteer.test.ts checks a sample of names).
import { foldLatin } from './fold.js';

export interface SmallFile {
  format: string;
  columns: string[];
  count: number;
  /** One line per place, sorted by GeoNames id; fields '|'-separated in `columns` order. */
  rows: string;
  /** 4 base-64 digits per (row, name) pair: row * 8 + slot, sorted by the folded name. */
  index: string;
}

/** The fields of one row, in SMALL_COLUMNS order (build.ts). */
export interface SmallRow {
  geonamesId: number;
  name: string;
  ascii: string | null;
  country: string;
  admin1: string | null;
  featureCode: string;
  lat: number;
  lon: number;
  population: number | null;
  alts: string[];
}

const EXPECTED = [
  'geonamesId', 'nameEn', 'asciiName', 'country', 'admin1', 'featureCode', 'lat', 'lon', 'population', 'names',
];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export class SmallStore<P> {
  readonly count: number;
  private readonly rows: string;
  /** Start of each line in `rows`; offsets[count] = rows.length + 1. */
  private readonly offsets: Int32Array;
  private readonly index: Int32Array;
  private readonly cache: (P | undefined)[];

  constructor(
    f: SmallFile,
    private readonly make: (r: SmallRow) => P,
  ) {
    if (f.columns.join() !== EXPECTED.join()) throw new Error('world-small.json: unexpected columns, rebuild the gazetteer');
    this.rows = f.rows;
    this.count = f.count;
    const offsets = new Int32Array(f.count + 1);
    let n = 0;
    if (f.rows.length > 0) {
      let p = 0;
      while (n < f.count) {
        offsets[n++] = p;
        const nl = f.rows.indexOf('\n', p);
        if (nl < 0) break;
        p = nl + 1;
      }
    }
    if (n !== f.count) throw new Error(`world-small.json: ${n} rows, expected ${f.count}`);
    offsets[f.count] = f.rows.length + 1;
    this.offsets = offsets;
    const dec = new Int8Array(128).fill(-1);
    for (let i = 0; i < 64; i++) dec[B64.charCodeAt(i)] = i;
    const idx = new Int32Array(f.index.length >> 2);
    const s = f.index;
    for (let i = 0, j = 0; i < idx.length; i++, j += 4) {
      idx[i] =
        (dec[s.charCodeAt(j)]! << 18) | (dec[s.charCodeAt(j + 1)]! << 12) | (dec[s.charCodeAt(j + 2)]! << 6) |
        dec[s.charCodeAt(j + 3)]!;
    }
    this.index = idx;
    this.cache = new Array<P | undefined>(f.count);
  }

  private line(row: number): string {
    return this.rows.slice(this.offsets[row]!, this.offsets[row + 1]! - 1);
  }

  /** The folded name of index entry j. */
  private keyAt(j: number): string {
    const v = this.index[j]!;
    const f = this.line(v >>> 3).split('|');
    const slot = v & 7;
    const name = slot === 0 ? f[1] : slot === 1 ? f[2] : (f[9] ?? '').split(';')[slot - 2];
    return foldLatin(name ?? '');
  }

  /** Rows with a name whose foldLatin() equals key. */
  findRows(key: string): number[] {
    const n = this.index.length;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyAt(mid) < key) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let j = lo; j < n && this.keyAt(j) === key; j++) out.push(this.index[j]! >>> 3);
    return out;
  }

  find(key: string): P[] {
    return this.findRows(key).map((r) => this.place(r));
  }

  /** The row of a GeoNames id, or -1. */
  rowOf(geonamesId: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = this.offsets[mid]!;
      const id = Number(this.rows.slice(start, this.rows.indexOf('|', start)));
      if (id === geonamesId) return mid;
      if (id < geonamesId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  place(row: number): P {
    const hit = this.cache[row];
    if (hit) return hit;
    const f = this.line(row).split('|');
    const p = this.make({
      geonamesId: Number(f[0]),
      name: f[1]!,
      ascii: f[2] || null,
      country: f[3]!,
      admin1: f[4] || null,
      featureCode: f[5]!,
      lat: Number(f[6]),
      lon: Number(f[7]),
      population: f[8] ? Number(f[8]) : null,
      alts: f[9] ? f[9].split(';') : [],
    });
    this.cache[row] = p;
    return p;
  }

  /** Every (row, folded name) pair of the index, in index order (pack.ts copies them into gazetteer.db). */
  *entries(): Generator<[number, string]> {
    for (let j = 0; j < this.index.length; j++) yield [this.index[j]! >>> 3, this.keyAt(j)];
  }

  /** Every place (builds them all: ~0.2 s the first time). */
  all(): P[] {
    const out: P[] = new Array<P>(this.count);
    for (let r = 0; r < this.count; r++) out[r] = this.place(r);
    return out;
  }
}
