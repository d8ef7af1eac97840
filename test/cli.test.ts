// The `youcheng` command as a user runs it: the built program in a child process.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { tempDir } from './registry-helpers.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
function yc(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('youcheng CLI', () => {
  const db = join(tempDir(), 'cli.db');
  beforeAll(() => {
    const r = yc(['ingest', SAMPLES_DIR, '--db', db]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('ingest prints a summary per document', () => {
    const r = yc(['ingest', join(SAMPLES_DIR, '002_1b86fcdda1af5c3a.txt'), '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/002_1b86fcdda1af5c3a\.txt \[delimited\] unchanged/);
  });

  it('partners 大連 (traditional script) lists Dalian’s 34 listed partners in date order', () => {
    const r = yc(['partners', '大連', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const [dalian] = JSON.parse(r.out);
    expect(dalian.place.name_zh_hans).toBe('大连市');
    const listed = dalian.partners.filter((p: any) => p.status === 'listed');
    expect(listed.length).toBe(34);
    expect(listed[0].partner.name_zh_hans).toBe('北九州');
    expect(listed[0].start_date).toBe('1979-05-01');
    expect(listed.at(-1).start_date).toBe('2011-02-23');
    const doubtful = dalian.partners.filter((p: any) => p.status === 'doubtful').map((p: any) => p.sources[0].line);
    expect(doubtful.sort((a: number, b: number) => a - b)).toEqual([6, 36, 37, 38]);
  });

  it('partners by pinyin and English spelling finds the same place', () => {
    for (const q of ['dalian', 'Dalian']) {
      const r = yc(['partners', q, '--db', db, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)[0].place.name_zh_hans).toBe('大连市');
    }
  });

  it('partners guangzhou lists 107 ties, the first Fukuoka (1979-05-02)', () => {
    const r = yc(['partners', 'guangzhou', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/广州市.*107 partners/);
    expect(r.out).toMatch(/1979-05-02.*福冈/);
  });

  it('partners 热那亚 and partners Genoa both list Dalian and Guangzhou', () => {
    for (const q of ['热那亚', 'Genoa']) {
      const r = yc(['partners', q, '--db', db, '--json']);
      expect(r.code).toBe(0);
      const [genoa] = JSON.parse(r.out);
      expect(genoa.place.name_en).toBe('Genoa');
      expect(genoa.partners.map((p: any) => p.partner.name_zh_hans).sort()).toEqual(['大连市', '广州市']);
    }
  });

  it('resolve --explain tells how a name was resolved', () => {
    const r = yc(['resolve', '--explain', '奥克兰', '--country', '新西兰']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Auckland/);
  });

  it('resolve --explain consults the places already in the registry, as reconciliation does', () => {
    // 柏林 with no country: two places in the gazetteer, one (Berlin, Germany) already tied in the registry
    const alone = yc(['resolve', '--explain', '柏林', '--db', join(tempDir(), 'none.db'), '--json']);
    expect(alone.code).toBe(0);
    const a = JSON.parse(alone.out);
    expect(a.place).toBeNull();
    expect(a.candidates.length).toBe(2);
    const withRegistry = yc(['resolve', '--explain', '柏林', '--db', db, '--json']);
    const b = JSON.parse(withRegistry.out);
    expect(b.place.id).toBe('gn:2950159');
    expect(b.steps).toContainEqual(expect.objectContaining({ step: 'places already in the registry', ok: true }));
  });

  it('resolve --explain tells same-named candidates apart by state, population and id', () => {
    const r = yc(['resolve', '--explain', '里士满', '--country', 'US']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').filter((l) => l.trim().startsWith('candidate'));
    expect(lines.length).toBe(4);
    expect(lines[0]).toMatch(/Richmond \(.*Virginia, US, city, pop\. 226,610, gn:4781708\)/);
    for (const state of ['Indiana', 'Kentucky', 'Utah']) expect(lines.some((l) => l.includes(state))).toBe(true);
    const json = JSON.parse(yc(['resolve', '--explain', '里士满', '--country', 'US', '--json']).out);
    expect(json.candidates.map((c: any) => [c.id, c.population])).toEqual([
      ['gn:4781708', 226610],
      ['gn:4263681', 35854],
      ['gn:4305974', 33533],
      ['gn:5780388', 2580],
    ]);
    expect(json.candidates[0].admin1).toMatch(/Virginia/);
    expect(json.candidates[0].admin1_id).toBe('iso:US-VA');
  });

  it('an unknown place is a clear message, not a stack trace', () => {
    const r = yc(['partners', '不存在的地方', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^youcheng: no place called "不存在的地方"/);
    expect(r.err).not.toMatch(/at .*\.js/);
  });

  it('a missing registry is a clear message', () => {
    const r = yc(['stats', '--db', join(tempDir(), 'none.db')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no registry at/);
  });

  it('a database server URL in --db or $YOUCHENG_DB is refused, naming host, port and database but never the password, and writes nothing', () => {
    const cwd = tempDir();
    const run = (args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
      return { code: r.status, err: r.stderr };
    };
    const url = 'postgres://alice:s3cr%40t@db.example.org:5433/registry?password=other';
    for (const r of [
      run(['ingest', SAMPLES_DIR, '--db', url]),
      run(['stats', '--db', url]),
      run(['users', 'list', '--db', url]),
      run(['stats'], { YOUCHENG_DB: url }),
    ]) {
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/host db\.example\.org, port 5433, database registry/);
      expect(r.err).toMatch(/SQLite file/);
      expect(r.err).not.toMatch(/s3cr|other/);
    }
    expect(run(['stats'], { YOUCHENG_DB: url }).err).toMatch(/^youcheng: \$YOUCHENG_DB is postgres:\/\/alice@db\.example\.org:5433\/registry /);
    // Taken as a path, the URL used to make a folder `postgres:` here and a registry in it.
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('export claims as CSV round-trips through a CSV parser', () => {
    const r = yc(['export', 'claims', '--format', 'csv', '--db', db]);
    expect(r.code).toBe(0);
    const rows = parse(r.out, { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(540);
    const kansas = rows.find((x) => x.foreign_place_en === 'Kansas city')!;
    expect(kansas).toMatchObject({ source: '001_2be138cf16039818.txt', line: '7', country_iso2: 'US', date: '1989-04-29' });
  });

  it('export claims as JSON Lines has the named fields', () => {
    const r = yc(['export', 'claims', '--format', 'jsonl', '--db', db]);
    const first = JSON.parse(r.out.split('\n')[0]);
    for (const k of ['source', 'line', 'section', 'cn_place', 'cn_place_zh_hans', 'foreign_place', 'foreign_place_zh_hans', 'foreign_place_en', 'country', 'country_iso2', 'date', 'date_precision', 'kind', 'status', 'note']) {
      expect(first).toHaveProperty(k);
    }
  });

  it('check runs and reports the declared totals', () => {
    const r = yc(['check', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ line 127.*declares 68 countries, 107 places/);
  });

  it('stats, sources and --help work', () => {
    expect(yc(['stats', '--by', 'kind', '--db', db]).out).toMatch(/sister/);
    expect(yc(['sources', '--db', db]).out).toMatch(/003_d8932dca6923e789\.txt/);
    for (const c of ['ingest', 'partners', 'stats', 'sources', 'check', 'export', 'resolve', 'start']) {
      const h = yc([c, '--help']);
      expect(h.code).toBe(0);
      expect(h.out).toMatch(/Usage: youcheng/);
    }
  });

  it('a bad option value is refused with usage help', () => {
    const r = yc(['stats', '--by', 'colour', '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/colour/);
  });

  it('a reader that stops reading (| head) ends a read command quietly, exit 0', async () => {
    for (const args of [['stats', '--by', 'country'], ['partners', 'guangzhou'], ['sources'], ['check']]) {
      // The reading end is closed before the command writes: its first write meets a closed pipe, as `| head -1` does.
      const child = spawn(process.execPath, [BIN, ...args, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((res) => child.on('close', res));
      expect(err, args.join(' ')).toBe('');
      expect([0, 1], args.join(' ')).toContain(code); // check exits 1 when it finds problems; never a crash (70) or a signal
    }
  });
});
