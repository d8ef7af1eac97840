// `youcheng ingest --dry-run`: what a document would give, read and normalized exactly as ingest reads it,
// and stored nowhere, so a person can check a new list before it enters the registry.
import { basename } from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Claim, DeclaredTotal, Message } from '../model.js';
import { decodeDocument } from './decode.js';
import { DEFAULT_MAX_BYTES, readLayout, readText, type IngestOptions } from './ingest.js';
import { manifestEntryFor } from './manifest.js';
import { chooseReader, readerByName, readers } from '../readers/index.js';
import { prepareDocument } from './prepare.js';

export interface Preview {
  file: string;
  path: string;
  status: 'read' | 'refused';
  format: string | null;
  owner: string | null;
  title: string | null;
  claims: Claim[];
  totals: DeclaredTotal[];
  messages: Array<Message & { file: string }>;
}

export async function previewFile(path: string, opts: IngestOptions = {}): Promise<Preview> {
  const file = basename(path);
  const out: Preview = { file, path, status: 'refused', format: null, owner: null, title: null, claims: [], totals: [], messages: [] };
  const refuse = (reason: string, code?: string, more: Message[] = []): Preview => {
    out.messages = [{ file, line: 0, severity: 'error', reason, ...(code ? { code } : {}) }, ...more.map((m) => ({ ...m, file }))];
    return out;
  };
  if (!existsSync(path)) return refuse('no such file or folder');
  if (!statSync(path).isFile()) return refuse('not a regular file (a device, pipe or socket): only files are read');
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (statSync(path).size > maxBytes) return refuse(`the file is over the limit of ${maxBytes} bytes (--max-bytes)`);
  const entry = manifestEntryFor(opts.manifest ?? null, path);
  const prepared = await prepareDocument(path, maxBytes);
  let read;
  if (prepared && 'refuse' in prepared) return refuse(prepared.refuse, prepared.code);
  if (prepared) read = readLayout(prepared.layout, file, opts, entry);
  else {
    const decoded = decodeDocument(readFileSync(path));
    if (!decoded.ok) return refuse(decoded.reason);
    if (decoded.text.trim() === '') return refuse('the file holds only blank space: there is nothing to read');
    const formatName = opts.format ?? entry?.format;
    read = readText(
      decoded.text,
      file,
      opts,
      entry,
      (text) => {
        if (formatName) return readerByName(formatName) ?? `unknown format "${formatName}"; known formats: ${readers.map((x) => x.name).join(', ')}`;
        const c = chooseReader(text, file);
        return c.reader ?? 'unknown format: no reader recognizes this document';
      },
      decoded.note ?? null,
      path,
    );
  }
  if ('refuse' in read) {
    out.format = read.format ?? null;
    return refuse(read.refuse, read.code, read.messages);
  }
  out.status = 'read';
  out.format = read.reader;
  out.owner = read.owner;
  out.title = entry?.title ?? read.result.meta.title ?? null;
  out.claims = read.claims;
  out.totals = read.result.totals;
  out.messages = read.messages.map((m) => ({ ...m, file }));
  return out;
}
