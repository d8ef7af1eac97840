// Office files and PDFs are laid out before they are read: their libraries read asynchronously, while
// storing a document is one synchronous transaction. This step turns such a file into its layout (or a
// refusal with its code); text documents pass through untouched.
import { closeSync, openSync, readSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Layout } from '../layout/blocks.js';
import { isLayoutRefusal } from '../layout/refusal.js';
import { textLayout } from '../layout/text.js';

export type Prepared = { layout: Layout; bytes: Uint8Array } | { refuse: string; code: string } | null;

/** The office formats by their first bytes and name; null for a text document (HTML included). */
async function sniff(path: string): Promise<string | null> {
  const fd = openSync(path, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const isPdf = head.subarray(0, 5).toString('latin1') === '%PDF-';
  const isOle = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if (!isZip && !isPdf && !isOle) return null;
  return 'office';
}

/** Lays out an office file or PDF at `path`; null when it is a text document for the text readers. */
export async function prepareDocument(path: string, maxBytes: number): Promise<Prepared> {
  let st;
  try {
    st = statSync(path);
  } catch {
    return null; // ingest reports the missing file
  }
  if (!st.isFile() || st.size === 0 || st.size > maxBytes) return null;
  if (!(await sniff(path))) return null;
  const bytes = readFileSync(path);
  const { sniffOffice, officeLayout } = await import('../layout/office.js');
  const kind = sniffOffice(bytes, basename(path));
  if (kind === null || kind === 'html') return null;
  try {
    const layout = await officeLayout(bytes, basename(path));
    return { layout: layout.name === 'pdf' ? relayoutPdf(layout) : layout, bytes };
  } catch (e) {
    if (isLayoutRefusal(e)) return { refuse: e.message, code: e.code };
    return { refuse: `the file could not be read as ${kind}: ${(e as Error).message}`, code: 'corrupt' };
  }
}

/**
 * A PDF's text comes as lines whose columns are runs of spaces: the plain-text layout finds its tables,
 * headings and items, each line keeping its number.
 */
export function relayoutPdf(layout: Layout): Layout {
  const lines: string[] = [];
  for (const b of layout.blocks) {
    if (b.type === 'table') return layout; // already structured
    const text = b.type === 'line' || b.type === 'item' || b.type === 'heading' ? b.text : '';
    while (lines.length < b.line - 1) lines.push('');
    lines[b.line - 1] = text;
  }
  const again = textLayout(lines.join('\n'), 'pdf');
  return { ...again, meta: layout.meta, messages: [...layout.messages, ...again.messages] };
}
