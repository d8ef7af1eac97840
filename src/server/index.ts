// Starting and stopping the server: the registry is opened once (read-only) and served over HTTP.
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { openRegistry, type DB } from '../registry/db.js';
import { prepareSearch } from '../registry/api-queries.js';
import { createApp } from './app.js';
import { batchedSink, type LogSink } from './middleware.js';

export { createApp, DEFAULT_MAX_STREAMS, DEFAULT_STATIC_DIR, type AppOptions } from './app.js';

export interface ServerOptions {
  dbPath: string;
  port?: number;
  host?: string;
  /** The built web app; default `<package root>/dist/web`. */
  staticDir?: string;
  /** Request logs: true (default) for one JSON line per request on stderr, false for none, or a sink of your own. */
  log?: boolean | LogSink;
  /** Keep whole API answers in memory until the registry changes (default true). */
  cache?: boolean;
  /** Behind a reverse proxy: the client's address is the last X-Forwarded-For entry (default false). */
  trustProxy?: boolean;
  /** Streamed downloads served at once (default DEFAULT_MAX_STREAMS); past it: 503 with Retry-After. */
  maxStreams?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  db: DB;
  close(): Promise<void>;
}

export class ServerStartError extends Error {}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { dbPath, port = 8080, host = '127.0.0.1' } = opts;
  if (!existsSync(dbPath)) throw new ServerStartError(`no registry at ${dbPath}: build one with \`youcheng ingest FILE…\` or \`npm start\``);
  const db = openRegistry(dbPath, { readonly: true });
  try {
    prepareSearch(db);
  } catch (e) {
    db.close();
    throw new ServerStartError(`${dbPath} is not a youcheng registry (${(e as Error).message})`);
  }
  const sink = opts.log === false ? null : typeof opts.log === 'function' ? opts.log : batchedSink(process.stderr);
  const app = createApp(db, {
    staticDir: opts.staticDir,
    log: sink ?? false,
    cache: opts.cache,
    stateCheckPerTurn: true,
    maxStreams: opts.maxStreams,
    ...(opts.trustProxy ? { auth: { trustProxy: true } } : {}),
  });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
  server.keepAliveTimeout = 5000;
  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        reject(
          e.code === 'EADDRINUSE'
            ? new ServerStartError(`port ${port} on ${host} is in use: choose another with --port`)
            : e.code === 'EACCES'
              ? new ServerStartError(`not allowed to listen on ${host}:${port}: choose another --port`)
              : e,
        );
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
  } catch (e) {
    db.close();
    throw e;
  }
  const actual = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${actual}`,
    port: actual,
    db,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          if (sink && 'flush' in sink) (sink as { flush(): void }).flush();
          db.close();
          resolve();
        });
        // keep-alive connections that are idle would hold close() open
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      return closing;
    },
  };
}
