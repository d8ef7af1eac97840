// The Word layout: a .docx document → mammoth's HTML → the HTML layout.
//
// Line numbers: mammoth's HTML has no source lines, so before the HTML layout reads it, every block element mammoth
// writes (<p>, <h1>–<h6>, <ul>, <ol>, <li>, <table>, <tr>) is put on a line of its own. `line` is then the number
// of the block in the document, counted from 1: a paragraph's number, where (as in Word) the paragraphs inside
// table cells count too, and a table, a table row and a list each count as one more.
//
// The zip is checked for bombs as the spreadsheet's is, before mammoth opens it; images are dropped, and files the
// document links to are never read. meta.title is the document's core property dc:title (docProps/core.xml).
import mammoth from 'mammoth';
import type { Message } from '../model.js';
import type { Layout } from './blocks.js';
import { htmlLayout } from './html.js';
import { LayoutRefusal } from './refusal.js';
import { checkZipSizes, isOle2, isZip, ole2HasStream, verifyZip, zipEntries, zipRead } from './xlsx.js';

/** mammoth's HTML with each block element starting a line of its own. */
export function oneBlockPerLine(html: string): string {
  const out = html.replace(/<(?:p|h[1-6]|ul|ol|li|table|tr)(?=[\s>])/g, '\n$&');
  return out.startsWith('\n') ? out.slice(1) : out;
}

function decodeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-f]{1,6});/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d{1,7});/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] as string);
}

/** Lay out a .docx document. */
export async function docxLayout(bytes: Uint8Array): Promise<Layout> {
  const what = 'the Word document';
  if (isOle2(bytes)) {
    if (ole2HasStream(bytes, 'EncryptedPackage')) {
      throw new LayoutRefusal('encrypted', 'the Word document is protected by a password: open it, remove the password (File › Info › Protect Document), save it and try again');
    }
    throw new LayoutRefusal('legacy-format', 'the file is an old Word 97–2003 document (.doc): open it in Word or LibreOffice and save it as .docx');
  }
  if (!isZip(bytes)) throw new LayoutRefusal('corrupt', 'the file is not a .docx document (it is not a zip file)');
  const entries = zipEntries(bytes, what);
  checkZipSizes(entries, what);
  const byName = new Map(entries.map((e) => [e.name, e]));
  if (!byName.has('word/document.xml')) {
    if (byName.has('xl/workbook.xml')) throw new LayoutRefusal('unknown-format', 'the file is an Excel workbook (.xlsx), not a Word document');
    throw new LayoutRefusal('corrupt', `${what} is damaged or not a .docx document: it has no word/document.xml`);
  }
  verifyZip(bytes, entries, what);
  let html: string;
  const messages: Message[] = [];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
    for (const m of result.messages) {
      if (m.type === 'error') messages.push({ line: 1, severity: 'warning', code: 'docx-part-unreadable', reason: `part of ${what} could not be read: ${m.message}` });
    }
  } catch (err) {
    throw new LayoutRefusal('corrupt', `${what} is damaged: ${(err as Error).message}`, { cause: err });
  }
  const layout = htmlLayout(oneBlockPerLine(html));
  const core = byName.get('docProps/core.xml');
  if (core) {
    const xml = zipRead(bytes, core, what).toString('utf8');
    const t = /<dc:title(?:\s[^>]*)?>([^<]*)<\/dc:title>/.exec(xml);
    const title = t ? decodeXml(t[1]).trim() : '';
    if (title) layout.meta.title = title;
  }
  // The HTML layout takes a first heading for a title; a document's own title comes first (above), else that stays.
  return { name: 'docx', blocks: layout.blocks, meta: layout.meta, messages: [...messages, ...layout.messages] };
}
