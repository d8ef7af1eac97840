// Markdown (CommonMark + GFM tables) → blocks, with markdown-it: linear in the document, and every block
// token carries its lines (`token.map`), which become the blocks' lines. Raw HTML blocks (tables pasted as
// HTML, `<ul>` lists) go to the HTML layout, their lines shifted to where they stand.
import markdownIt, { type MarkdownIt, type Token } from 'markdown-it';
import type { Block, Layout, TableRow } from './blocks.js';
import { htmlLayout } from './html.js';

let md: MarkdownIt | null = null;
const parser = () => (md ??= markdownIt('default', { html: true, linkify: false }));

/** The plain text of an inline token: text, code and link texts, line breaks as spaces, images by alt text. */
function inlineText(t: Token | undefined): string {
  if (!t) return '';
  if (!t.children) return t.content;
  let s = '';
  for (const c of t.children) {
    if (c.type === 'text' || c.type === 'code_inline') s += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') s += ' ';
    else if (c.type === 'image') s += c.content;
    else if (c.type === 'html_inline' && /^<br\b/i.test(c.content)) s += ' ';
  }
  return s.replace(/\s+/g, ' ').trim();
}

const isEmphasisOnly = (t: Token | undefined): boolean => {
  const ch = t?.children?.filter((c) => !(c.type === 'text' && c.content.trim() === '')) ?? [];
  return ch.length >= 3 && (ch[0].type === 'strong_open' || ch[0].type === 'em_open') && (ch[ch.length - 1].type === 'strong_close' || ch[ch.length - 1].type === 'em_close');
};

export function markdownLayout(text: string): Layout {
  const tokens = parser().parse(text, {});
  const blocks: Array<Block & { hidden?: boolean }> = [];
  const messages: Layout['messages'] = [];
  let title: string | null = null;
  let listDepth = -1;
  /** Inside a list item: its first paragraph is the item's text; later paragraphs are lines. */
  const itemOpen: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const line = (t.map?.[0] ?? 0) + 1;
    switch (t.type) {
      case 'heading_open': {
        const text = inlineText(tokens[i + 1]);
        const level = Number(t.tag.slice(1));
        if (level === 1 && title === null) title = text;
        blocks.push({ type: 'heading', level, text, line });
        i += 2;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'list_item_open':
        itemOpen.push(true);
        break;
      case 'list_item_close':
        itemOpen.pop();
        break;
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        if (itemOpen.length && itemOpen[itemOpen.length - 1]) {
          itemOpen[itemOpen.length - 1] = false;
          const ordinal = findOrdinal(tokens, i);
          blocks.push({ type: 'item', depth: Math.max(0, listDepth), text: inlineText(inline), line, ...(ordinal ? { ordinal } : {}) });
        } else {
          // A paragraph's source lines are its lines: a text copy keeps one record a line.
          const emphasis = isEmphasisOnly(inline);
          const pieces = splitSoftBreaks(inline);
          pieces.forEach((p, k) => {
            if (p) blocks.push({ type: 'line', text: p, line: line + k, ...(emphasis ? { emphasis: true } : {}) });
          });
        }
        i += 2;
        break;
      }
      case 'table_open': {
        const rows: TableRow[] = [];
        let cells: string[] | null = null;
        let rowLine = line;
        let inHead = false;
        for (i++; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
          const u = tokens[i];
          if (u.type === 'thead_open') inHead = true;
          else if (u.type === 'thead_close') inHead = false;
          else if (u.type === 'tr_open') {
            cells = [];
            rowLine = (u.map?.[0] ?? rowLine - 1) + 1;
          } else if (u.type === 'inline' && cells) cells.push(inlineText(u));
          else if (u.type === 'tr_close' && cells) {
            rows.push({ line: rowLine, cells, ...(inHead ? { header: true } : {}) });
            cells = null;
          }
        }
        blocks.push({ type: 'table', line, rows });
        break;
      }
      case 'html_block': {
        const inner = htmlLayout(t.content);
        const comment = /^\s*<!--/.test(t.content);
        for (const b of inner.blocks) {
          const shifted = shift(b, line - 1);
          blocks.push(comment ? { ...shifted, hidden: true } : shifted);
        }
        break;
      }
      case 'fence':
      case 'code_block':
        t.content.split('\n').forEach((p: string, k: number) => {
          if (p.trim()) blocks.push({ type: 'line', text: p.trim(), line: line + k + (t.type === 'fence' ? 1 : 0) });
        });
        break;
    }
  }
  return { name: 'markdown', blocks, meta: title ? { title } : {}, messages };
}

function splitSoftBreaks(inline: Token | undefined): string[] {
  if (!inline?.children) return [inlineText(inline)];
  const out: string[] = [];
  let cur: Token[] = [];
  const flush = () => {
    out.push(inlineText({ children: cur, content: '' } as unknown as Token));
    cur = [];
  };
  for (const c of inline.children) {
    if (c.type === 'softbreak' || c.type === 'hardbreak') flush();
    else cur.push(c);
  }
  flush();
  return out;
}

/** The number written before an ordered list item (markdown-it keeps it as the item token's `info`). */
function findOrdinal(tokens: Token[], paragraphAt: number): string | undefined {
  for (let k = paragraphAt - 1; k >= 0 && k > paragraphAt - 3; k--) {
    if (tokens[k].type === 'list_item_open') return tokens[k].info || undefined;
  }
  return undefined;
}

function shift<B extends Block>(b: B, by: number): B {
  if (b.type === 'table') return { ...b, line: b.line + by, rows: b.rows.map((r) => ({ ...r, line: r.line + by })) };
  return { ...b, line: b.line + by };
}
