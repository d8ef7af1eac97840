// Which layout a text document is written in: decided here, once, for every reader of the kit.
import { hasWrapped, lineStartsWith } from '../readers/linear.js';

export type TextLayoutName = 'html' | 'wikitext' | 'markdown' | 'text';

/** The layout of a text document, from its name and its first 64 KB. */
export function detectLayout(text: string, fileName = ''): TextLayoutName {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'wiki' || ext === 'wikitext' || ext === 'mediawiki') return 'wikitext';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  const head = text.slice(0, 65536);
  if (/^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(head)) return 'html';
  let wiki = 0;
  if (hasWrapped(head, '[', ']', ']\n')) wiki++;
  if (hasWrapped(head, '{', '}', '}\n')) wiki++;
  if (/^={2,6}[^=\n]+={2,6}\s*$/m.test(head)) wiki++;
  if (/'''[^'\n]+'''/.test(head)) wiki++;
  if (lineStartsWith(head, '{|')) wiki += 2;
  if (wiki >= 2) return 'wikitext';
  let md = 0;
  if (/^#{1,6}\s+\S/m.test(head)) md++;
  if (/^\s*\|?\s*:?-{3,}:?\s*\|/m.test(head)) md += 2;
  if (/\[[^\]\n]+\]\([^)\s]+\)/.test(head)) md++;
  if (/\*\*[^*\n]+\*\*/.test(head)) md++;
  if (/^\s*(<table|<ul|<ol)[\s>]/im.test(head)) md++;
  if (md >= 1 && !/^\s*\d{1,3}\.\s+\S/m.test(head)) return 'markdown';
  if (md >= 2) return 'markdown';
  return 'text';
}
