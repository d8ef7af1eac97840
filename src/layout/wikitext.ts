// Wikitext → blocks: `== headings ==`, `*`/`#` items (depth from the marks), `;term` lines, simple `{| |}`
// tables, and the lines in between. Inline markup is reduced to its text: links to their label, flag
// templates to their country word, date templates to ISO dates, references and other templates dropped.
// Commented-out lines (`<!-- * … -->`) are kept as hidden blocks. Line-oriented and linear in the text.
import type { Block, Layout, TableRow } from './blocks.js';
import { equalsHeading } from './heading-marks.js';

/** Templates whose first argument is a country (or its code) written as a flag: kept as that word. */
const FLAG_TEMPLATES = /^(flagicon|flag|flagcountry|flagu|flagdeco|flag icon|flagcountry2|country flag|flagicon image)$/i;
/** Templates whose arguments are a date: year, month, day. */
const DATE_TEMPLATES = /^(dts|date|start date|start-date|start date and age|birth date|end date|date and age)$/i;
/** Templates that keep their last argument as text ({{lang|fr|Lyon}}, {{nowrap|…}}). */
const TEXT_TEMPLATES = /^(lang|lang-[a-z]+|nowrap|nobr|small|big|transl|ill|sortname|nihongo|korean|zh|zh-t|zh-s|visible anchor|anchor)$/i;

/** Replaces one template's source (without braces) by its text. */
function templateText(inner: string): string {
  const parts = inner.split('|').map((p) => p.trim());
  const name = parts[0].replace(/_/g, ' ').trim();
  const args = parts.slice(1).filter((p) => !/^[a-z_ ]+=/i.test(p));
  if (FLAG_TEMPLATES.test(name)) return args[0] ? `${args[0]} ` : '';
  // {{JPN}}, {{FRA}}: IOC-code flag templates.
  if (/^[A-Z]{3}$/.test(name) && args.length === 0) return `${name} `;
  if (DATE_TEMPLATES.test(name)) {
    const [y, m, d] = args.filter((a) => /^\d{1,4}$/.test(a));
    if (!y) return '';
    return [y, m?.padStart(2, '0'), d?.padStart(2, '0')].filter(Boolean).join('-');
  }
  if (/^sortname$/i.test(name)) return args.slice(0, 2).join(' ');
  if (/^nihongo$/i.test(name)) return args[0] ?? '';
  if (/^ill$/i.test(name)) return args[0] ?? '';
  if (TEXT_TEMPLATES.test(name)) return args[args.length - 1] ?? '';
  return '';
}

/** Expands `{{…}}` (nested) in one pass with a stack; unbalanced braces are left as text. */
function expandTemplates(s: string): string {
  if (!s.includes('{{')) return s;
  const stack: string[] = [''];
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('{{', i)) {
      stack.push('');
      i += 2;
    } else if (s.startsWith('}}', i) && stack.length > 1) {
      const inner = stack.pop()!;
      stack[stack.length - 1] += templateText(inner);
      i += 2;
    } else {
      stack[stack.length - 1] += s[i];
      i++;
    }
  }
  // Unclosed templates: keep their text as written.
  let out = stack[0];
  for (let k = 1; k < stack.length; k++) out += '{{' + stack[k];
  return out;
}

/** Inline wikitext → plain text. */
export function wikiInline(s: string): string {
  let t = s;
  t = t.replace(/<ref[^>/]*\/>/gi, '');
  t = stripRefs(t);
  t = expandTemplates(t);
  t = t.replace(/\[\[(?:File|Image|文件|檔案|图像|ファイル|画像):[^\]]*\]\]/gi, '');
  t = t.replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2').replace(/\[\[([^\]]*)\]\]/g, (_m, a: string) => a.replace(/^:/, '').replace(/#.*$/, ''));
  t = t.replace(/\[(?:https?:)?\/\/[^\s\]]+\s+([^\]]*)\]/g, '$1').replace(/\[(?:https?:)?\/\/[^\s\]]+\]/g, '');
  t = t.replace(/'{2,}/g, '');
  t = t.replace(/<br\s*\/?>/gi, '; ').replace(/<\/?[a-z][^>]*>/gi, '');
  t = t.replace(/&nbsp;|&#160;/g, ' ').replace(/&amp;/g, '&').replace(/&ndash;/g, '–').replace(/&mdash;/g, '—');
  return t.replace(/\s+/g, ' ').trim();
}

function stripRefs(s: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const a = s.toLowerCase().indexOf('<ref', i);
    if (a === -1) return out + s.slice(i);
    const close = s.toLowerCase().indexOf('</ref>', a);
    if (close === -1) return out + s.slice(i);
    out += s.slice(i, a);
    i = close + 6;
  }
}


export function wikitextLayout(text: string): Layout {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: Array<Block & { hidden?: boolean }> = [];
  let title: string | null = null;
  let inComment = false;
  let table: { line: number; rows: TableRow[]; cur: TableRow | null; hidden: boolean } | null = null;
  const closeRow = () => {
    if (table?.cur && table.cur.cells.length) table.rows.push(table.cur);
    if (table) table.cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    let raw = lines[i];
    let hidden = inComment;
    // Comments: a line inside `<!-- … -->` is hidden; a comment on part of a line is removed from it.
    if (inComment) {
      const end = raw.indexOf('-->');
      if (end === -1) {
        /* the whole line is inside the comment */
      } else {
        inComment = false;
        raw = raw.slice(0, end) + ' ' + raw.slice(end + 3);
      }
    }
    for (;;) {
      const a = raw.indexOf('<!--');
      if (a === -1) break;
      const b = raw.indexOf('-->', a + 4);
      if (b === -1) {
        const before = raw.slice(0, a);
        const after = raw.slice(a + 4);
        inComment = true;
        // Only the commented part is hidden; what stands before it is an ordinary line.
        if (before.trim()) pushLine(before, n, false);
        raw = after;
        hidden = true;
        break;
      }
      const inner = raw.slice(a + 4, b);
      // A whole line commented out holds a hidden row.
      if (raw.slice(0, a).trim() === '' && raw.slice(b + 3).trim() === '') {
        raw = inner;
        hidden = true;
        break;
      }
      raw = raw.slice(0, a) + raw.slice(b + 3);
    }
    pushLine(raw, n, hidden);
  }
  closeRow();
  const open = table as { line: number; rows: TableRow[]; hidden: boolean } | null;
  if (open) blocks.push({ type: 'table', line: open.line, rows: open.rows, ...(open.hidden ? { hidden: true } : {}) });
  return { name: 'wikitext', blocks, meta: title ? { title } : {}, messages: [] };

  function pushLine(raw: string, n: number, hidden: boolean): void {
    const t = raw.trim();
    if (!t) return;
    const h = hidden ? {hidden: true as const} : {};
    if (table) {
      if (t.startsWith('|}')) {
        closeRow();
        blocks.push({ type: 'table', line: table.line, rows: table.rows, ...(table.hidden ? { hidden: true } : {}) });
        table = null;
        return;
      }
      if (t.startsWith('|-')) {
        closeRow();
        return;
      }
      if (t.startsWith('|+')) return;
      if (t.startsWith('|') || t.startsWith('!')) {
        const header = t.startsWith('!');
        const cells = t.slice(1).split(header ? /!!|\|\|/ : /\|\|/).map((c) => {
          // `style="…" | text`: the attributes stand before a single pipe.
          const bar = c.indexOf('|');
          const cell = bar !== -1 && !c.slice(0, bar).includes('[[') && !c.slice(0, bar).includes('{{') ? c.slice(bar + 1) : c;
          return wikiInline(cell);
        });
        if (!table.cur) table.cur = { line: n, cells: [], ...(header ? { header: true } : {}) };
        table.cur.cells.push(...cells);
        return;
      }
      // A continuation of the previous cell.
      if (table.cur && table.cur.cells.length) table.cur.cells[table.cur.cells.length - 1] += ' ' + wikiInline(t);
      return;
    }
    if (t.startsWith('{|')) {
      table = { line: n, rows: [], cur: null, hidden };
      return;
    }
    const hm = equalsHeading(t);
    if (hm) {
      const text = wikiInline(hm.text);
      blocks.push({ type: 'heading', level: hm.level, text, line: n, ...h });
      return;
    }
    const im = /^([*#:;]+)\s*(.*)$/.exec(t);
    if (im) {
      const marks = im[1];
      const body = im[2];
      if (marks.endsWith(';')) {
        // `;Term : definition` — the term is a sub-heading in disguise.
        const [term, def] = splitOnce(body, ' : ');
        blocks.push({ type: 'line', text: wikiInline(term), line: n, emphasis: true, ...h });
        if (def) blocks.push({ type: 'item', depth: marks.length - 1, text: wikiInline(def), line: n, ...h });
        return;
      }
      const text = wikiInline(body);
      if (text) blocks.push({ type: 'item', depth: marks.length - 1, text, line: n, ...(marks.endsWith('#') ? { ordinal: '#' } : {}), ...h });
      return;
    }
    if (/^__[A-Z]+__$/.test(t) || /^\[\[(Category|分类|分類|カテゴリ):/i.test(t)) return;
    const emphasis = /^'''[^']+'''[:：]?$/.test(t);
    const text = wikiInline(t);
    if (!text) return;
    if (title === null && /^'''/.test(t)) title = null;
    blocks.push({ type: 'line', text, line: n, ...(emphasis ? { emphasis: true } : {}), ...h });
  }
}

function splitOnce(s: string, sep: string): [string, string | null] {
  const k = s.indexOf(sep);
  return k === -1 ? [s, null] : [s.slice(0, k), s.slice(k + sep.length)];
}
