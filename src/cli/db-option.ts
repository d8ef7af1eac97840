// The `--db` option every command shares: a registry file, from the option, $YOUCHENG_DB or var/youcheng.db.
import { Option } from 'commander';
import { defaultDbPath } from '../paths.js';
import { UserError } from './errors.js';

/**
 * A database server's address given where a registry file belongs. Without this check a URL such as
 * `postgres://user:secret@host/db` was taken as a relative path: a folder named `postgres:` was made, the registry
 * written into it, and the password printed in the messages.
 */
const SERVER_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The URL with its password (and any query, which may hold one) left out, for messages. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    const port = u.port ? `:${u.port}` : '';
    return `${u.protocol}//${user}${u.hostname}${port}${u.pathname}`;
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//…@').replace(/\?.*$/, '');
  }
}

/** Where a registry lives: `value` when it is a file path; a server's URL is refused with what to do instead. */
export function registryPath(value: string, from: string): string {
  if (!SERVER_URL.test(value)) return value;
  let where = '';
  try {
    const u = new URL(value);
    where = ` (host ${u.hostname || '?'}, port ${u.port || 'default'}, database ${u.pathname.replace(/^\//, '') || '?'})`;
  } catch {
    /* not a URL this runtime can parse: the redacted text says enough */
  }
  throw new UserError(
    `${from} is ${redactedUrl(value)}${where}: this version keeps a registry in a SQLite file and cannot use a database server. ` +
      'Give a file path (for example --db var/youcheng.db); several servers can read one file on one machine (youcheng serve --workers N).',
  );
}

/**
 * Commander runs no parser on a default, so $YOUCHENG_DB is checked where the option's value is read: in a hook
 * before each command's action (see buildProgram), for --db and the environment alike.
 */
export function checkRegistryOption(value: unknown, source: string | undefined): void {
  if (typeof value === 'string') registryPath(value, source === 'cli' ? '--db' : '$YOUCHENG_DB');
}

export const dbOption = (): Option =>
  new Option('--db <file>', 'registry file (SQLite)').default(
    process.env.YOUCHENG_DB && SERVER_URL.test(process.env.YOUCHENG_DB) ? process.env.YOUCHENG_DB : defaultDbPath(),
    '$YOUCHENG_DB or var/youcheng.db',
  );
