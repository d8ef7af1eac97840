// The commands about the registry as a whole against open data: `coverage` (against the official totals and
// each source) and `network` (families, degree, triangles, the shortest chain between two places).
// `registerOpenDataCommands(program)` adds them; each loads what it needs when it runs.
import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import type { DB } from '../registry/db.js';
import { UserError } from './errors.js';
import { dbOption } from './db-option.js';

const jsonOption = () => new Option('--json', 'print data as JSON for programs');
const w = (s: string) => process.stdout.write(s);

async function openExisting(path: string): Promise<DB> {
  if (!existsSync(path)) throw new UserError(`no registry at ${path}: build one with \`youcheng ingest FILE…\` or \`npm start\``);
  const { openRegistry } = await import('../registry/db.js');
  return openRegistry(path);
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '—');

/** A place by id, or by a name (any script or pinyin) when one place has it best. */
async function placeArg(db: DB, arg: string): Promise<{ id: string; name: string }> {
  const [{ searchPlaces }, { placeLabelOf }] = await Promise.all([import('../registry/queries.js'), import('../registry/export-rows.js')]);
  const label = placeLabelOf(db)(arg);
  if (label !== undefined) return { id: arg, name: label };
  const hits = searchPlaces(db, arg, 5);
  if (!hits.length) throw new UserError(`no place called ${arg} in the registry`);
  const h = hits[0]!;
  return { id: h.id, name: h.name_zh_hans ?? h.name_en ?? h.id };
}

export function registerOpenDataCommands(program: Command): void {
  program
    .command('coverage')
    .description('the registry against the official national totals and each source: ties per province and country, ties only one source has, dates that disagree, places two sources put in different countries')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (o) => {
      const db = await openExisting(o.db);
      try {
        const { coverage } = await import('../registry/coverage.js');
        const c = coverage(db);
        if (o.json) return void w(JSON.stringify(c, null, 2) + '\n');
        const f = c.official;
        w(`Official totals (${f.publisher}, as of ${f.asOf}) against the registry (ties of mainland places, not doubtful):\n`);
        const row = (label: string, official: number, reg: number) => w(`  ${label.padEnd(34)} ${String(official).padStart(6)} ${String(reg).padStart(6)}  ${pct(reg, official)}\n`);
        w(`  ${''.padEnd(34)} ${'official'.padStart(6)} ${'registry'.padStart(6)}\n`);
        row('ties', f.ties, c.registry.ties);
        row('foreign countries', f.countries, c.registry.countries);
        row('Chinese provincial-level regions', f.cnProvinces, c.registry.cnProvinces);
        row('Chinese cities', f.cnCities, c.registry.cnCities);
        row('foreign provinces and states', f.foreignProvinces, c.registry.foreignProvinces);
        row('foreign cities', f.foreignCities, c.registry.foreignCities);
        w('\nEach source (ties it lists; only: ties no other source has):\n');
        for (const s of c.sources) {
          w(`  ${s.source_key} [${s.type}]: ${s.ties} ties (${s.only} only here), ${s.countries} countries, ${s.cnProvinces + s.cnCities} Chinese places, ${s.foreignProvinces + s.foreignCities} foreign places\n`);
        }
        w('\nTies per Chinese province (top 15):\n');
        for (const p of c.byProvince.slice(0, 15)) w(`  ${(p.name_zh_hans ?? p.id).padEnd(10)} ${String(p.ties).padStart(5)}  ${Object.entries(p.bySource).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        w('\nTies per foreign country (top 15):\n');
        for (const p of c.byCountry.slice(0, 15)) w(`  ${p.country_iso2.padEnd(4)} ${String(p.ties).padStart(5)}  ${Object.entries(p.bySource).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        w(`\nDates that disagree: ${c.datesDisagree.length}\n`);
        for (const d of c.datesDisagree) w(`  ${d.cn} – ${d.foreign}: ${d.values.map((v) => `${v.value} (${v.source}:${v.line})`).join(' vs ')}\n`);
        w(`Places two sources put in different countries: ${c.placedApart.length}\n`);
        for (const p of c.placedApart) w(`  ${p.cn} – ${p.name}: ${p.places.map((x) => `${x.country_iso2 ?? '?'} (${x.source}:${x.line})`).join(' vs ')}\n`);
      } finally {
        db.close();
      }
    });

  const network = program
    .command('network')
    .description('the network of ties: families of tied places and their sizes, degree, triangles; `network path A B` for the shortest chain')
    .addOption(dbOption())
    .addOption(jsonOption())
    .option('--top <n>', 'how many families and places to list', '10')
    .action(async (o) => {
      const db = await openExisting(o.db);
      try {
        const { networkSummary } = await import('../publish/families.js');
        const { wikidataIds } = await import('../publish/wikidata-ids.js');
        const top = Math.max(1, Number(o.top) || 10);
        const s = networkSummary(db, wikidataIds(db), { families: top, top });
        if (o.json) return void w(JSON.stringify(s, null, 2) + '\n');
        w(`${s.places} places and ${s.ties} ties in ${s.familySizes.reduce((n, f) => n + f.families, 0)} families\n`);
        w(`Family sizes: ${s.familySizes.slice(0, 12).map((f) => `${f.size}×${f.families}`).join(', ')}${s.familySizes.length > 12 ? ', …' : ''}\n`);
        w('Largest families:\n');
        for (const f of s.families) w(`  F${f.family}: ${f.size} places (${f.cn} Chinese, ${f.foreign} foreign); most tied: ${f.largest.map((p) => `${p.name} ${p.degree}`).join(', ')}\n`);
        w('Most partners:\n');
        for (const p of s.topDegree) w(`  ${p.name} (${p.country_iso2 ?? '?'}): ${p.degree}, family F${p.family}\n`);
        w(`Triangles (a Chinese place and two partners tied to each other, their tie from the Wikidata snapshot): ${s.triangles.length}\n`);
        for (const t of s.triangles.slice(0, top)) w(`  ${t.places.map((p) => p.name).join(' – ')} (${t.link.join('–')})\n`);
      } finally {
        db.close();
      }
    });

  network
    .command('path')
    .description('the shortest chain of ties between two places (ids or names in any script)')
    .argument('<from>')
    .argument('<to>')
    .action(async function (this: Command, from: string, to: string) {
      // --db and --json belong to `network` and may be written before or after `path`.
      const o = this.optsWithGlobals() as { db: string; json?: boolean };
      const db = await openExisting(o.db);
      try {
        const { buildNetwork, shortestChain } = await import('../publish/families.js');
        const a = await placeArg(db, from);
        const b = await placeArg(db, to);
        const n = buildNetwork(db);
        const chain = shortestChain(n, a.id, b.id);
        const names = new Map<string, string>();
        const { placeLabelOf } = await import('../registry/export-rows.js');
        const nameOf = placeLabelOf(db);
        for (const id of chain ?? []) names.set(id, nameOf(id) ?? id);
        if (o.json) return void w(JSON.stringify({ from: a, to: b, chain: chain?.map((id) => ({ id, name: names.get(id) })) ?? null }, null, 2) + '\n');
        if (!chain) {
          const fam = (id: string) => n.familyOf.get(id);
          w(`No chain of ties joins ${a.name} and ${b.name}${fam(a.id) && fam(b.id) ? ` (families F${fam(a.id)} and F${fam(b.id)})` : ''}\n`);
          process.exitCode = 1;
          return;
        }
        w(`${chain.length - 1} ties: ${chain.map((id) => names.get(id)).join(' — ')}\n`);
      } finally {
        db.close();
      }
    });
}
