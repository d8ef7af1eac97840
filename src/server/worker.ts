// A server worker of `youcheng serve --workers N` (see cluster.ts): one whole server, stopped when the
// primary says so or goes away (killed: the IPC channel closes, and a worker must not outlive it).
import { startServer, ServerStartError } from './index.js';
import { WORKER_ENV, type ClusterOptions, type WorkerMessage } from './cluster.js';

const send = (m: WorkerMessage, then?: () => void) => process.send?.(m, undefined, {}, then);
const o = JSON.parse(process.env[WORKER_ENV] ?? 'null') as ClusterOptions | null;
if (!o || !process.send) {
  process.stderr.write('youcheng: this is a server worker, started by `youcheng serve --workers N`\n');
  process.exit(2);
}
try {
  const server = await startServer({ dbPath: o.dbPath, port: o.port, host: o.host, log: !o.quiet, trustProxy: o.trustProxy });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  // Ctrl-C reaches every process of the terminal's group: the primary stops the workers.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', stop);
  send({ type: 'listening', url: server.url, port: server.port });
} catch (e) {
  send({ type: 'error', message: e instanceof ServerStartError ? e.message : `${(e as Error).message}` }, () => process.exit(1));
}
