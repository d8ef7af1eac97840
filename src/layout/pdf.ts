// The PDF layout: the text layer of a PDF → one line block per printed line, in reading order.
//
// Each page's text items are grouped into lines by their baseline (items within half a font height of a line's
// baseline are on it), sorted left to right, and joined: a small gap is nothing or one space, a gap wider than
// about two characters is a run of three or more spaces, as many as keep the columns of a table where they are
// printed (one space ≈ half an em), so a table row comes out as a plain-text table with space-run columns.
// `line` counts printed lines from the start of the document: page 1's first line is 1, and page 2 goes on from
// where page 1 stopped.
//
// Read with pdfjs-dist (legacy build, for Node) without a worker thread, without eval, without fonts: nothing is
// fetched; the character maps some CJK PDFs need are read from pdfjs-dist's own folder.
// A PDF without any text (a scan) is refused, as are encrypted, damaged and overlong ones.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message } from '../model.js';
import type { Block, Layout } from './blocks.js';
import { LayoutRefusal } from './refusal.js';

/** The most pages of a PDF read. */
export const PDF_MAX_PAGES = 2000;

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;
let assets: { cMapUrl: string; standardFontDataUrl: string; workerSrc: string } | null = null;

async function loadPdfJs(): Promise<PdfJs> {
  if (!pdfjsPromise) {
    pdfjsPromise = (async () => {
      const require = createRequire(import.meta.url);
      const root = dirname(require.resolve('pdfjs-dist/package.json'));
      // In Node, pdfjs reads these folders from the file system (paths, not URLs); the worker runs in this thread.
      assets = {
        cMapUrl: join(root, 'cmaps') + '/',
        standardFontDataUrl: join(root, 'standard_fonts') + '/',
        workerSrc: pathToFileURL(join(root, 'legacy', 'build', 'pdf.worker.mjs')).href,
      };
      const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
      lib.GlobalWorkerOptions.workerSrc = assets.workerSrc;
      return lib;
    })();
  }
  return pdfjsPromise;
}

const isBlank = (s: string) => !/[^\s\u00a0]/.test(s);

/** Columns a text takes in a plain-text view: two for East Asian wide and full-width characters, else one. */
function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) w++;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A character outside the BMP (CJK extensions B and on): wide.
      w += 2;
      i++;
    } else if (
      c <= 0x115f ||
      (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
    )
      w += 2;
    else w++;
  }
  return w;
}

/** The lines of a page: items grouped by baseline, top to bottom, each line's items left to right. */
function pageLines(items: Item[], em: number): string[] {
  items.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  let cur: Item[] = [];
  let curY = 0;
  let curH = 0;
  for (const it of items) {
    if (cur.length > 0 && Math.abs(it.y - curY) <= 0.5 * Math.max(it.h, curH, 1)) {
      cur.push(it);
      curH = Math.max(curH, it.h);
      continue;
    }
    if (cur.length > 0) lines.push(cur);
    cur = [it];
    curY = it.y;
    curH = it.h;
  }
  if (cur.length > 0) lines.push(cur);
  const left = Math.min(...items.map((i) => i.x));
  return lines.map((l) => joinLine(l, left, em));
}

/** One line's items joined, the gaps between them as spaces (a wide gap: a run that keeps the printed columns). */
function joinLine(items: Item[], left: number, em: number): string {
  items.sort((a, b) => a.x - b.x);
  const unit = em / 2;
  let out = '';
  let width = 0;
  let prev: Item | null = null;
  for (const it of items) {
    const s = it.str.replace(/\u00a0/g, ' ');
    if (prev) {
      const gap = it.x - (prev.x + prev.w);
      const h = Math.max(1, Math.min(prev.h, it.h) || prev.h || it.h);
      let sep = '';
      // Wider than half an em (a Latin letter, about; a word space is a quarter): a column gap.
      if (gap > 0.5 * h) {
        const col = Math.round((it.x - left) / unit);
        sep = ' '.repeat(Math.max(3, col - width));
      } else if (gap > 0.25 * h && !out.endsWith(' ') && !s.startsWith(' ')) sep = ' ';
      out += sep;
      width += sep.length;
    } else {
      const col = Math.round((it.x - left) / unit);
      // Indentation is not kept (lines are trimmed), but is counted, so the columns of indented rows still align.
      width = col;
    }
    out += s;
    width += displayWidth(s);
    prev = it;
  }
  return out.trim();
}

function refusalOf(err: unknown): LayoutRefusal {
  if (err instanceof LayoutRefusal) return err;
  const name = (err as { name?: string }).name ?? '';
  const msg = (err as { message?: string }).message ?? String(err);
  if (name === 'PasswordException') {
    return new LayoutRefusal('encrypted', 'the PDF is protected by a password: open it, save a copy without the password and try again', { cause: err });
  }
  return new LayoutRefusal('corrupt', `the PDF is damaged or not a PDF (${msg}): open it in a PDF viewer, print it to a new PDF and try again`, { cause: err });
}

/** Lay out a PDF's text layer. */
export async function pdfLayout(bytes: Uint8Array): Promise<Layout> {
  const pdfjs = await loadPdfJs();
  // pdfjs takes the buffer over (transfers it): give it a copy.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: assets!.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: assets!.standardFontDataUrl,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    throw refusalOf(err);
  }
  try {
    const pages = doc.numPages;
    if (pages > PDF_MAX_PAGES) {
      throw new LayoutRefusal('too-large', `the PDF has ${pages.toLocaleString('en')} pages; at most ${PDF_MAX_PAGES.toLocaleString('en')} are read: split it and read the parts`);
    }
    const blocks: Block[] = [];
    const messages: Message[] = [];
    const empty: number[] = [];
    let line = 0;
    for (let p = 1; p <= pages; p++) {
      let items: Item[];
      try {
        const page = await doc.getPage(p);
        const tc = await page.getTextContent();
        items = [];
        for (const raw of tc.items) {
          if (!('str' in raw)) continue;
          const t = raw.transform as number[];
          const h = Math.hypot(t[2], t[3]) || raw.height || 0;
          items.push({ str: raw.str, x: t[4], y: t[5], w: raw.width, h });
        }
        page.cleanup();
      } catch (err) {
        if (err instanceof LayoutRefusal) throw err;
        messages.push({ line: line + 1, severity: 'warning', code: 'page-unreadable', reason: `page ${p} of the PDF cannot be read (${(err as Error).message}); it was left out` });
        continue;
      }
      const text = items.filter((i) => !isBlank(i.str));
      if (text.length === 0) {
        empty.push(p);
        continue;
      }
      const heights = text.map((i) => i.h).filter((h) => h > 0).sort((a, b) => a - b);
      const em = heights.length > 0 ? heights[heights.length >> 1] : 10;
      for (const s of pageLines(text, em)) {
        line++;
        if (s) blocks.push({ type: 'line', text: s, line });
      }
    }
    if (blocks.length === 0) {
      throw new LayoutRefusal(
        'no-text-layer',
        `the PDF has no text layer (${pages} ${pages === 1 ? 'page' : 'pages'}, ${pages === 1 ? 'an image' : 'all images'}): it may be a scan; run OCR on it first`,
      );
    }
    if (empty.length > 0) {
      const list = empty.length > 10 ? `${empty.slice(0, 10).join(', ')} …` : empty.join(', ');
      messages.push({
        line: 1,
        severity: 'warning',
        code: 'page-without-text',
        reason: `${empty.length} of the PDF's ${pages} pages have no text (page${empty.length === 1 ? '' : 's'} ${list}): scanned pages are not read; run OCR on them`,
      });
    }
    let title: string | null = null;
    try {
      const info = (await doc.getMetadata()).info as { Title?: unknown } | undefined;
      if (info && typeof info.Title === 'string' && info.Title.trim()) title = info.Title.trim();
    } catch {
      // No info dictionary: no title.
    }
    return { name: 'pdf', blocks, meta: title ? { title } : {}, messages };
  } finally {
    await doc.destroy().catch(() => {});
  }
}
