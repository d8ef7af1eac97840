// The spreadsheet layout: an .xlsx workbook → for each worksheet a heading (level 2, the sheet's name) and a table
// whose rows keep their row numbers (TableRow.line = the sheet's 1-based row).
//
// Cells as text: dates as ISO yyyy-mm-dd, rich text joined, formulas as their cached result, hyperlinks as their
// text; a merged range carries its master cell's value into every cell of it (a country written once beside its
// cities). Hidden sheets give hidden blocks; hidden rows are given as a hidden table after the sheet's table.
//
// Bounds, checked before the workbook is read (from the zip's central directory, then the workbook's list of sheets
// and each sheet's declared dimension), and again after it is read (a dimension may be missing or wrong):
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Message } from '../model.js';
import type { Block, Layout, TableRow } from './blocks.js';
import { LayoutRefusal } from './refusal.js';

/** The most rows of a worksheet read. */
export const XLSX_MAX_ROWS = 200_000;
/** The most columns of a worksheet read. */
export const XLSX_MAX_COLUMNS = 200;
/** The most worksheets of a workbook read. */
export const XLSX_MAX_SHEETS = 50;
/** The most bytes a zip's entries may hold once uncompressed (all of them together). */
export const ZIP_MAX_UNCOMPRESSED = 500 * 1024 * 1024;
/** The highest compression ratio of an entry (above it the zip is taken for a bomb), for entries above 1 MiB. */
export const ZIP_MAX_RATIO = 200;
/** The most entries of a zip. */
export const ZIP_MAX_ENTRIES = 20_000;

// ---------------------------------------------------------------------------------------------------------------
// A bounded reader of a zip's central directory: names and declared sizes only (PKWARE APPNOTE 4.3.12, 4.3.16).

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

/** True when the bytes start as a zip does (a local file header). */
export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** True for an OLE2 compound file (legacy .xls/.doc, and password-protected .xlsx/.docx). */
export function isOle2(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1;
}

/** Whether an OLE2 file holds a stream of that name (names are stored in UTF-16LE in its directory). */
export function ole2HasStream(b: Uint8Array, name: string): boolean {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(Buffer.from(name, 'utf16le')) >= 0;
}

/** The entries of a zip, from its central directory; throws LayoutRefusal 'corrupt' when there is none. */
export function zipEntries(b: Uint8Array, what = 'the file'): ZipEntry[] {
  const corrupt = (why: string) => new LayoutRefusal('corrupt', `${what} is damaged: ${why} (was it cut short while downloading?)`);
  // The End Of Central Directory record: 22 bytes and a comment of at most 65,535, at the very end.
  let eocd = -1;
  for (let o = b.length - 22; o >= Math.max(0, b.length - 22 - 0xffff); o--) {
    if (b[o] === 0x50 && b[o + 1] === 0x4b && b[o + 2] === 0x05 && b[o + 3] === 0x06) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw corrupt('its zip directory is missing');
  let count = u16(b, eocd + 10);
  let size = u32(b, eocd + 12);
  let start = u32(b, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    // Zip64: the locator right before the record points to the Zip64 End Of Central Directory.
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) throw corrupt('its zip64 directory is missing');
    const z = u64(b, loc + 8);
    if (z + 56 > b.length || u32(b, z) !== 0x06064b50) throw corrupt('its zip64 directory is out of place');
    count = u64(b, z + 32);
    size = u64(b, z + 40);
    start = u64(b, z + 48);
  }
  if (count > ZIP_MAX_ENTRIES) throw new LayoutRefusal('too-large', `${what} holds ${count.toLocaleString('en')} files; at most ${ZIP_MAX_ENTRIES.toLocaleString('en')} are read`);
  if (start + size > b.length) throw corrupt('its zip directory points past the end of the file');
  const out: ZipEntry[] = [];
  let o = start;
  const dec = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (o + 46 > b.length || u32(b, o) !== 0x02014b50) throw corrupt('its zip directory is broken');
    const flags = u16(b, o + 8);
    const method = u16(b, o + 10);
    let csize = u32(b, o + 20);
    let usize = u32(b, o + 24);
    const nameLen = u16(b, o + 28);
    const extraLen = u16(b, o + 30);
    const commentLen = u16(b, o + 32);
    let offset = u32(b, o + 42);
    if (o + 46 + nameLen + extraLen > b.length) throw corrupt('its zip directory is broken');
    const name = dec.decode(b.subarray(o + 46, o + 46 + nameLen));
    // Zip64 extended information: the sizes and offset that do not fit in 32 bits, in this order.
    let e = o + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        if (usize === 0xffffffff && p + 8 <= e + 4 + len) (usize = u64(b, p)), (p += 8);
        if (csize === 0xffffffff && p + 8 <= e + 4 + len) (csize = u64(b, p)), (p += 8);
        if (offset === 0xffffffff && p + 8 <= e + 4 + len) offset = u64(b, p);
      }
      e += 4 + len;
    }
    out.push({ name, method, flags, compressedSize: csize, uncompressedSize: usize, offset });
    o += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const mb = (n: number) => `${(n / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 0 })} MB`;

/**
 * Refuse a zip bomb by the sizes its directory declares: more than ZIP_MAX_UNCOMPRESSED in all, or an entry above
 * 1 MiB compressed more than ZIP_MAX_RATIO times. Also refuses entries encrypted at the zip level.
 */
export function checkZipSizes(entries: ZipEntry[], what = 'the file'): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.flags & 1) throw new LayoutRefusal('encrypted', `${what} is encrypted (its part ${e.name} needs a password): save it again without a password and try again`);
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > ZIP_MAX_RATIO * Math.max(1, e.compressedSize)) {
      throw new LayoutRefusal(
        'zip-bomb',
        `${what} looks like a zip bomb: its part ${e.name} would grow from ${e.compressedSize.toLocaleString('en')} bytes to ${mb(e.uncompressedSize)} (more than ${ZIP_MAX_RATIO} times); it was not opened`,
      );
    }
  }
  if (total > ZIP_MAX_UNCOMPRESSED) {
    throw new LayoutRefusal('zip-bomb', `${what} would unpack to ${mb(total)}, more than the ${mb(ZIP_MAX_UNCOMPRESSED)} read; it was not opened`);
  }
}

/**
 * An entry's content, uncompressed, never more than it declares (a zip that lies about its sizes is refused).
 * `limit` reads only the first bytes of it (enough for a sheet's <dimension>).
 */
export function zipRead(b: Uint8Array, e: ZipEntry, what = 'the file', limit?: number): Buffer {
  const lo = e.offset;
  if (lo + 30 > b.length || u32(b, lo) !== 0x04034b50) throw new LayoutRefusal('corrupt', `${what} is damaged: its part ${e.name} is missing`);
  const dataStart = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
  if (dataStart + e.compressedSize > b.length) throw new LayoutRefusal('corrupt', `${what} is damaged: its part ${e.name} is cut short`);
  const data = Buffer.from(b.buffer, b.byteOffset + dataStart, e.compressedSize);
  if (e.method === 0) return limit !== undefined ? data.subarray(0, limit) : data;
  if (e.method !== 8) throw new LayoutRefusal('corrupt', `${what} uses a compression this program does not read (method ${e.method} in ${e.name})`);
  try {
    if (limit !== undefined) {
      // A prefix: inflate what comes of the first compressed bytes, without requiring the end of the stream.
      const part = data.subarray(0, Math.min(data.length, Math.max(4096, limit)));
      return inflateRawSync(part, { finishFlush: 2 /* Z_SYNC_FLUSH */, maxOutputLength: Math.max(1, Math.min(limit * 64, e.uncompressedSize || 1)) }).subarray(0, limit);
    }
    return inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      if (limit !== undefined) return Buffer.alloc(0);
      throw new LayoutRefusal('zip-bomb', `${what} looks like a zip bomb: its part ${e.name} unpacks to more than the ${e.uncompressedSize.toLocaleString('en')} bytes it declares; it was not opened`);
    }
    throw new LayoutRefusal('corrupt', `${what} is damaged: its part ${e.name} cannot be unpacked`, { cause: err });
  }
}

/**
 * Every entry inflated once, within its declared size: after this the declared sizes (checked by checkZipSizes)
 * are the real ones, so the library that reads the file next cannot be made to unpack more.
 */
export function verifyZip(b: Uint8Array, entries: ZipEntry[], what = 'the file'): void {
  for (const e of entries) if (!e.name.endsWith('/')) zipRead(b, e, what);
}

// ---------------------------------------------------------------------------------------------------------------

/** Column letters (A, Z, AA …) → 1-based number. */
function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The rows and columns a sheet's `<dimension ref="A1:G41"/>` declares, when it has one. */
function declaredDimension(xmlStart: string): { rows: number; cols: number; ref: string } | null {
  const m = /<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"/.exec(xmlStart);
  if (!m) return null;
  const c1 = colNumber(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? colNumber(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1, ref: m[0].slice(m[0].indexOf('"') + 1, -1) };
}

/** Resolve a relationship target against the workbook's folder (`worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`). */
function partName(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p && p !== '.') parts.push(p);
  }
  return parts.join('/');
}

function attrOf(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
}

/** Check the bounds before exceljs reads the workbook. */
function precheck(bytes: Uint8Array): void {
  const what = 'the spreadsheet';
  const entries = zipEntries(bytes, what);
  checkZipSizes(entries, what);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const wbEntry = byName.get('xl/workbook.xml');
  if (!wbEntry) {
    if (byName.has('word/document.xml')) throw new LayoutRefusal('unknown-format', 'the file is a Word document (.docx), not a spreadsheet');
    throw new LayoutRefusal('corrupt', `${what} is damaged or not an .xlsx workbook: it has no xl/workbook.xml`);
  }
  verifyZip(bytes, entries, what);
  const wb = zipRead(bytes, wbEntry, what).toString('utf8');
  const sheets = wb.match(/<(?:\w+:)?sheet\s[^>]*>/g) ?? [];
  if (sheets.length > XLSX_MAX_SHEETS) {
    throw new LayoutRefusal('too-large', `${what} has ${sheets.length} sheets; at most ${XLSX_MAX_SHEETS} are read: split it into several workbooks`);
  }
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  const rels = relsEntry ? zipRead(bytes, relsEntry, what).toString('utf8') : '';
  const targets = new Map<string, string>();
  for (const r of rels.match(/<(?:\w+:)?Relationship\s[^>]*>/g) ?? []) {
    const id = attrOf(r, 'Id');
    const target = attrOf(r, 'Target');
    if (id && target) targets.set(id, partName(target));
  }
  for (const s of sheets) {
    const name = decodeXml(attrOf(s, 'name') ?? '?');
    const rid = attrOf(s, 'r:id') ?? /\s\w+:id="([^"]*)"/.exec(s)?.[1] ?? null;
    const part = rid ? targets.get(rid) : undefined;
    const entry = part ? byName.get(part) : undefined;
    if (!entry) continue;
    const head = zipRead(bytes, entry, what, 8192).toString('utf8');
    const dim = declaredDimension(head);
    if (dim) checkSheetSize(name, dim.rows, dim.cols, ` (its dimension is ${dim.ref})`);
  }
}

function checkSheetSize(name: string, rows: number, cols: number, how = ''): void {
  if (rows > XLSX_MAX_ROWS) {
    throw new LayoutRefusal(
      'too-large',
      `sheet "${name}" has ${rows.toLocaleString('en')} rows${how}; at most ${XLSX_MAX_ROWS.toLocaleString('en')} rows a sheet are read: delete the empty rows below the list or split the sheet`,
    );
  }
  if (cols > XLSX_MAX_COLUMNS) {
    throw new LayoutRefusal(
      'too-large',
      `sheet "${name}" has ${cols.toLocaleString('en')} columns${how}; at most ${XLSX_MAX_COLUMNS} columns a sheet are read: delete the empty columns right of the list`,
    );
  }
}

function decodeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] as string);
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const y = d.getUTCFullYear();
  // A time of day alone (Excel's day 0 is 1899-12-30).
  if (y === 1899 && d.getUTCMonth() === 11 && (d.getUTCDate() === 30 || d.getUTCDate() === 31)) return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${String(y).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // 35.45 stays 35.45; float noise (0.30000000000000004) is rounded away.
  return String(Number.isInteger(n) ? n : Number(n.toPrecision(15)));
}

/** A cell's value as text. */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? cellText(o.result as ExcelJS.CellValue) : '';
    if ('text' in o) return cellText(o.text as ExcelJS.CellValue);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

const collapse = (s: string) => s.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();

/** Lay out an .xlsx workbook. */
export async function xlsxLayout(bytes: Uint8Array): Promise<Layout> {
  if (isOle2(bytes)) {
    if (ole2HasStream(bytes, 'EncryptedPackage')) {
      throw new LayoutRefusal('encrypted', 'the spreadsheet is protected by a password: open it, remove the password (File › Info › Protect Workbook), save it and try again');
    }
    throw new LayoutRefusal('legacy-format', 'the file is an old Excel 97–2003 workbook (.xls): open it in Excel or LibreOffice and save it as .xlsx');
  }
  if (!isZip(bytes)) throw new LayoutRefusal('corrupt', 'the file is not an .xlsx workbook (it is not a zip file)');
  precheck(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'legacyDrawing', 'picture', 'tableParts', 'headerFooter', 'pageSetup', 'printOptions', 'pageMargins'],
    });
  } catch (err) {
    if (err instanceof LayoutRefusal) throw err;
    throw new LayoutRefusal('corrupt', `the spreadsheet is damaged or not an .xlsx workbook: ${(err as Error).message}`, { cause: err });
  }
  const blocks: Array<Block & { hidden?: boolean }> = [];
  const messages: Message[] = [];
  const worksheets = wb.worksheets;
  if (worksheets.length > XLSX_MAX_SHEETS) {
    throw new LayoutRefusal('too-large', `the spreadsheet has ${worksheets.length} sheets; at most ${XLSX_MAX_SHEETS} are read: split it into several workbooks`);
  }
  for (const ws of worksheets) {
    checkSheetSize(ws.name, ws.rowCount, ws.columnCount);
    const sheetHidden = ws.state === 'hidden' || ws.state === 'veryHidden';
    const frozen = ws.views?.find((v) => v.state === 'frozen') as { ySplit?: number } | undefined;
    const headerRows = frozen?.ySplit ?? 0;
    const rows: TableRow[] = [];
    const hiddenRows: TableRow[] = [];
    let first = true;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      let allBold = true;
      let any = false;
      const n = Math.min(row.cellCount, XLSX_MAX_COLUMNS);
      for (let c = 1; c <= n; c++) {
        const cell = row.getCell(c);
        const src = cell.isMerged ? cell.master : cell;
        const text = collapse(cellText(src.value));
        cells.push(text);
        if (text) {
          any = true;
          if (!src.font?.bold) allBold = false;
        }
      }
      if (!any) return;
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      const r: TableRow = { line: rowNumber, cells };
      if (rowNumber <= headerRows || (first && allBold)) r.header = true;
      first = false;
      if (row.hidden) hiddenRows.push(r);
      else rows.push(r);
    });
    if (rows.length === 0 && hiddenRows.length === 0) {
      messages.push({ line: 1, severity: 'info', code: 'empty-sheet', reason: `sheet "${ws.name}" is empty` });
      continue;
    }
    const line = (rows[0] ?? hiddenRows[0]).line;
    const mark = <B extends Block>(b: B): B & { hidden?: boolean } => (sheetHidden ? { ...b, hidden: true } : b);
    blocks.push(mark({ type: 'heading', level: 2, text: ws.name, line }));
    if (rows.length > 0) blocks.push(mark({ type: 'table', line: rows[0].line, rows }));
    if (hiddenRows.length > 0) blocks.push({ type: 'table', line: hiddenRows[0].line, rows: hiddenRows, hidden: true });
  }
  const title = wb.title || null;
  return { name: 'xlsx', blocks, meta: title ? { title } : {}, messages };
}
