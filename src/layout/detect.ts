// Which layout a text document is written in: decided here, once, for every reader of the kit.
import { hasMarkdownLink, hasWrapped, lineStartsWith } from '../readers/linear.js';

export type TextLayoutName = 'html' | 'wikitext' | 'markdown' | 'text';

/** The layout of a text document, from its name and its first 64 KB. */
export function detectLayout(text: string, fileName = ''): TextLayoutName {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'wiki' || ext === 'wikitext' || ext === 'mediawiki') return 'wikitext';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  const head = text.slice(0, 65536);
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(head.trimStart())) return 'html';
  let wiki = 0;
  if (hasWrapped(head, '[', ']', ']\n')) wiki++;
  if (hasWrapped(head, '{', '}', '}\n')) wiki++;
  if (/^={2,6}[^=\n]+={2,6}[ \t]*$/m.test(head)) wiki++;
  if (/'''[^'\n]+'''/.test(head)) wiki++;
  if (lineStartsWith(head, '{|')) wiki += 2;
  if (wiki >= 2) return 'wikitext';
  let md = 0;
  if (/^#{1,6}\s+\S/m.test(head)) md++;
  if (/^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*\|/m.test(head)) md += 2;
  if (hasMarkdownLink(head, false)) md++;
  if (/\*\*[^*\n]+\*\*/.test(head)) md++;
  if (/^[ \t]*(<table|<ul|<ol)[\s>]/im.test(head)) md++;
  if (md >= 1 && !/^[ \t]*\d{1,3}\.[ \t]+\S/m.test(head)) return 'markdown';
  if (md >= 2) return 'markdown';
  return 'text';
}
