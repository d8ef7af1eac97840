// Office files and web pages: tell by their bytes which layout reads them, and read them with it.
//
//   %PDF-                                    → pdf
//   PK\x03\x04 with word/… or xl/… entries  → docx or xlsx (by the names in the zip's central directory)
//   OLE2 (D0 CF 11 E0 A1 B1 1A E1)           → legacy .doc / .xls (refused: save as .docx / .xlsx), or a
//                                              password-protected .docx / .xlsx (refused by its layout)
//   .html / .htm, or `<!doctype html` / `<html` first → html (decoded by its BOM or <meta charset>, else UTF-8,
//                                              else GB18030)
import type { Layout } from './blocks.js';
import { docxLayout } from './docx.js';
import { htmlLayout } from './html.js';
import { pdfLayout } from './pdf.js';
import { LayoutRefusal } from './refusal.js';
import { isOle2, isZip, ole2HasStream, xlsxLayout, zipEntries } from './xlsx.js';

export type OfficeKind = 'xlsx' | 'docx' | 'pdf' | 'html' | 'xls-legacy' | 'doc-legacy';

function extension(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** What the file is, by its first bytes (and its zip directory), else its name; null when none of these. */
export function sniffOffice(bytes: Uint8Array, fileName: string): OfficeKind | null {
  const ext = extension(fileName);
  // %PDF- first; or after a little junk (readers allow it within the first 1024 bytes) when the file also ends
  // as a PDF does (a web page that merely mentions %PDF- is not one).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  const at = head.indexOf('%PDF-');
  if (at === 0) return 'pdf';
  if (at > 0) {
    const tail = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, bytes.byteLength - 1024), Math.min(bytes.byteLength, 1024));
    if (tail.indexOf('%%EOF') >= 0) return 'pdf';
  }
  if (isZip(bytes)) {
    try {
      const names = zipEntries(bytes).map((e) => e.name);
      if (names.some((n) => n.startsWith('word/'))) return 'docx';
      if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
      return null;
    } catch {
      // A damaged zip: its name says what it was meant to be, and that layout says what is wrong with it.
      if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
      if (ext === 'docx' || ext === 'docm') return 'docx';
      return null;
    }
  }
  if (isOle2(bytes)) {
    if (ole2HasStream(bytes, 'EncryptedPackage')) return ext === 'docx' ? 'docx' : ext === 'xlsx' ? 'xlsx' : ext === 'doc' ? 'docx' : 'xlsx';
    if (ole2HasStream(bytes, 'WordDocument')) return 'doc-legacy';
    if (ole2HasStream(bytes, 'Workbook') || ole2HasStream(bytes, 'Book')) return 'xls-legacy';
    return ext === 'doc' ? 'doc-legacy' : ext === 'xls' ? 'xls-legacy' : null;
  }
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml' || ext === 'shtml') return 'html';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && i < 4096 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x0c)) i++;
  const start = Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(16, bytes.byteLength - i)).toString('latin1').toLowerCase();
  if (start.startsWith('<!doctype html') || /^<html[\s>]/.test(start)) return 'html';
  return null;
}

/** The encoding a page names in its first 4 KB (`<meta charset=…>`, `<meta http-equiv … charset=…>`, `<?xml encoding=…?>`). */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const m = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})/i.exec(head) ?? /<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** A web page's bytes as text: by its BOM, else its declared charset, else UTF-8, else GB18030. */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let label = declaredCharset(bytes);
  // GB2312 and GBK pages often hold characters only GB18030 (their superset) has.
  if (label === 'gb2312' || label === 'gbk' || label === 'x-gbk' || label === 'cp936') label = 'gb18030';
  if (label && label !== 'utf-8' && label !== 'utf8') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An encoding this runtime does not know: fall through to UTF-8.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder(label && label !== 'utf-8' && label !== 'utf8' ? 'utf-8' : 'gb18030').decode(bytes);
  }
}

/** Lay out an office file or web page with the layout its bytes call for. */
export async function officeLayout(bytes: Uint8Array, fileName: string): Promise<Layout> {
  const kind = sniffOffice(bytes, fileName);
  switch (kind) {
    case 'pdf':
      return pdfLayout(bytes);
    case 'xlsx':
      return xlsxLayout(bytes);
    case 'docx':
      return docxLayout(bytes);
    case 'html':
      return { ...htmlLayout(decodeHtml(bytes), fileName) };
    case 'xls-legacy':
      throw new LayoutRefusal('legacy-format', `${fileName} is an old Excel 97–2003 workbook (.xls), which is not read: open it in Excel or LibreOffice and save it as .xlsx`);
    case 'doc-legacy':
      throw new LayoutRefusal('legacy-format', `${fileName} is an old Word 97–2003 document (.doc), which is not read: open it in Word or LibreOffice and save it as .docx`);
    case null:
      throw new LayoutRefusal('unknown-format', `${fileName} is not a PDF, Word (.docx), Excel (.xlsx) or HTML file`);
  }
}
