// `ingest` and `start`: read documents into the registry, then reconcile it. Loaded by main.ts when one of
// them runs (it brings the readers, the gazetteer and the resolver).
import type { DB } from '../registry/db.js';
import { collectDocuments, ingestFile, manifestFor, refusedReport, DEFAULT_MAX_BYTES, type DocumentReport } from '../ingest/ingest.js';
import { prepareDocument } from '../ingest/prepare.js';
import type { Manifest } from '../ingest/manifest.js';
import { reconcile, type ReconcileReport } from '../resolve/reconcile.js';
import { reconcileChanged } from '../resolve/incremental.js';
import { createResolver } from '../resolve/index.js';
import { reconciledState } from '../registry/queries.js';
import * as out from './format.js';
import { UserError } from './errors.js';

export async function ingestPaths(
  db: DB,
  paths: string[],
  opts: {
    owner?: string; asOf?: string; format?: string; manifest?: Manifest | null; maxBytes?: number; quiet?: boolean; json?: boolean;
    /** 'all' reconciles every claim whatever changed (as `youcheng reconcile` does); default: what changed. */
    reconcile?: 'changed' | 'all';
  },
): Promise<{ reports: DocumentReport[]; reconciled: ReconcileReport }> {
  const files = collectDocuments(paths);
  if (files.length === 0) throw new UserError(`no documents found in ${paths.join(', ')}`);
  const cache = new Map<string, Manifest | null>();
  const reports: DocumentReport[] = [];
  const show = !opts.quiet && !opts.json;
  const bar = out.progress(files.length, show);
  // A large document's readings get a bar of their own when there is no bar of documents (a few documents).
  const reading = out.readProgress(show && files.length < 5);
  for (const f of files) {
    bar.tick(f);
    const manifest = manifestFor(f, opts.manifest, cache);
    const prepared = await prepareDocument(f, opts.maxBytes ?? DEFAULT_MAX_BYTES);
    if (prepared && 'refuse' in prepared) {
      reports.push(refusedReport(f, prepared.refuse, prepared.code));
      continue;
    }
    try {
      reports.push(
        ingestFile(db, f, {
          ...opts,
          manifest,
          ...(prepared ? { prepared } : {}),
          onReadProgress: (pass, bytes, total) => reading.onReadProgress(pass, bytes, total, f),
        }),
      );
    } finally {
      reading.done();
    }
  }
  bar.done();
  // A refused document is stored nowhere: when every document was refused the registry is as the last
  // reconciliation left it, and reconciling it again (minutes for a large one) would change nothing.
  if (reports.every((r) => r.status === 'refused')) {
    return { reports, reconciled: { ...reconciledState(db), ms: 0, skipped: true } };
  }
  const shown = out.reconcileProgress(!opts.quiet && !opts.json);
  try {
    // Only what the new versions touch, when that is provably what reconciling everything would give.
    const go = opts.reconcile === 'all' ? reconcile : reconcileChanged;
    const reconciled = go(db, createResolver(db), { onProgress: shown.onProgress });
    return { reports, reconciled };
  } finally {
    shown.done();
  }
}

