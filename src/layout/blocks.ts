// The layout stage's output: any document as a flat sequence of blocks that keep their place in it.
//
// A layout (one small file per document layout: plain text, Markdown, HTML, wikitext, spreadsheet, Word,
// PDF text) knows nothing of friendship cities; it only says what stands together and where. The record
// stage (src/assemble/) finds places, countries, dates and kind words in the blocks and makes claims.
import type { DocumentMeta, Message } from '../model.js';

/** A heading: a section title with its level (1 = the document's title, 2 = a top section …). */
export interface HeadingBlock {
  type: 'heading';
  level: number;
  text: string;
  line: number;
}

/** One row of a table: its cells as text (trimmed, inline markup removed) and the row's line. */
export interface TableRow {
  line: number;
  cells: string[];
  /** True for rows the layout knows to be headers (`<th>`, a Markdown table's first row, a spreadsheet's bold first row). */
  header?: boolean;
}

export interface TableBlock {
  type: 'table';
  line: number;
  rows: TableRow[];
}

/** A list item (bullet or numbered) with its nesting depth (0 = top level). */
export interface ItemBlock {
  type: 'item';
  depth: number;
  text: string;
  line: number;
  /** The number or letter written before a numbered item (`3`, `(12)`, `②`), when there is one. */
  ordinal?: string;
}

/**
 * A line of running text: a paragraph, or a line of a plain-text document that is neither heading, item nor
 * table row. `emphasis` marks a line that stands alone in bold (a sub-heading in disguise: `'''Anshan'''`).
 */
export interface LineBlock {
  type: 'line';
  text: string;
  line: number;
  emphasis?: boolean;
}

export type Block = HeadingBlock | TableBlock | ItemBlock | LineBlock;

/**
 * What a layout gives: the blocks in document order, what the document says about itself (title, dates …),
 * and messages about the layout itself (an unreadable sheet, a page without text …).
 * `hidden` blocks were found inside comments (`<!-- … -->`): kept, so their rows become doubtful claims.
 */
export interface Layout {
  /** Name of the layout that read the document ('text', 'markdown', 'html', 'wikitext', 'xlsx', 'docx', 'pdf'). */
  name: string;
  blocks: Array<Block & { hidden?: boolean }>;
  meta: DocumentMeta;
  messages: Message[];
}

/** A short description of a block, for messages that show a person what the program saw. */
export function describeBlock(b: Block): string {
  const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
  switch (b.type) {
    case 'heading':
      return `heading (level ${b.level}) "${clip(b.text)}"`;
    case 'table':
      return `table of ${b.rows.length} rows, ${Math.max(0, ...b.rows.map((r) => r.cells.length))} columns`;
    case 'item':
      return `list item "${clip(b.text)}"`;
    case 'line':
      return `line "${clip(b.text)}"`;
  }
}
