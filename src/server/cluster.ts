// Serving on every core: `youcheng serve --workers N` forks N workers (node:cluster), each a whole server
// (startServer) with its own read-only connection to the registry and its own answer cache, all accepting
// connections on one port (the primary hands them out in turn).
//
// Why answers stay consistent across workers: an ETag is made from the registry's content (its counts, a
// hash of its relationships and places, the newest audit-log entry: registryFingerprint in
// registry/api-queries.ts), never from anything a process holds, so two workers give one ETag for one state of
// the file; each worker checks SQLite's data_version once per turn of its event loop, so a request that
// arrives after a commit (an ingest, or an edit through any worker) is answered from the new state by
// whichever worker takes it. Writes go through SQLite's write lock, as from separate processes.
// What is per worker: the answer cache (each fills its own), and counters such as the sign-in throttle and
// the bound on streamed exports (N workers allow N times the per-process bound).
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { ServerStartError } from './index.js';

export interface ClusterOptions {
  dbPath: string;
  port: number;
  host: string;
  quiet: boolean;
  trustProxy?: boolean;
  workers: number;
}

/** What a worker reads from its environment (set by the primary). */
export const WORKER_ENV = 'YOUCHENG_SERVE_WORKER';

export type WorkerMessage = { type: 'listening'; url: string; port: number } | { type: 'error'; message: string };

export interface RunningCluster {
  url: string;
  port: number;
  workers: number;
  close(): Promise<void>;
}

/** Forks the workers and resolves once every one listens; rejects (ServerStartError) if one cannot start. */
export async function startCluster(o: ClusterOptions): Promise<RunningCluster> {
  cluster.setupPrimary({ exec: fileURLToPath(new URL('./worker.js', import.meta.url)), args: [], silent: false });
  let stopping = false;
  const live = new Set<Worker>();
  const fork = (): Worker => {
    // Every worker asks for the same address and port, the one given (0 too): the primary then hands them all
    // the one listening socket it opened for the first.
    const w = cluster.fork({ [WORKER_ENV]: JSON.stringify(o) });
    live.add(w);
    w.on('exit', () => live.delete(w));
    return w;
  };
  const waitListening = (w: Worker): Promise<{ url: string; port: number }> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: WorkerMessage) => {
        if (m?.type === 'listening') {
          w.off('exit', onExit);
          w.off('message', onMessage);
          resolve(m);
        } else if (m?.type === 'error') {
          w.off('exit', onExit);
          w.off('message', onMessage);
          reject(new ServerStartError(m.message));
        }
      };
      const onExit = (code: number | null) => reject(new ServerStartError(`a server worker stopped while starting (exit ${code})`));
      w.on('message', onMessage);
      w.once('exit', onExit);
    });
  const stopAll = async () => {
    stopping = true;
    await Promise.all(
      [...live].map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.send({ type: 'stop' });
            setTimeout(() => w.process.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
  };
  let first: { url: string; port: number };
  try {
    first = await waitListening(fork());
    await Promise.all(Array.from({ length: o.workers - 1 }, () => waitListening(fork())));
  } catch (e) {
    await stopAll();
    throw e;
  }
  // A worker that dies (a crash) is replaced, so the server keeps every core; not while stopping.
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    process.stderr.write(`youcheng: a server worker stopped (${signal ?? `exit ${code}`}); starting another\n`);
    waitListening(fork()).catch((e: Error) => process.stderr.write(`youcheng: the new worker did not start: ${e.message}\n`));
  });
  let closing: Promise<void> | null = null;
  return {
    url: first.url,
    port: first.port,
    workers: o.workers,
    close: () => (closing ??= stopAll()),
  };
}
