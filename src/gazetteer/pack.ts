// Packs the built gazetteer files into what the program opens at run time (run by `npm run build`, after
// build.ts): gazetteer.db, the places and their name keys as an indexed SQLite file (see
// registry/gazetteer-db.ts), and the OpenCC keys that let script conversion skip loading OpenCC for a text
// it would not change and the traditional forms of the country names and kind words (see normalize/opencc.ts).
//
// Usage: node dist/src/gazetteer/pack.js [--dir DIR]
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonGazetteer } from './json.js';
import { randomUUID } from 'node:crypto';
import { encodePlace, GAZETTEER_DB, NAME_INDEX_META } from './index.js';
import { NAME_INDEX_FILE, writePackedIndex } from './packed-index.js';
import { writeGazetteerDb, type GazetteerRowIn } from '../registry/gazetteer-db.js';
import { writeOpenccForms, writeOpenccKeys } from '../normalize/opencc.js';
import { TRADITIONAL, traditionalSources as countryTexts } from '../recognize/countries.js';
import { traditionalSources as kindTexts } from '../recognize/kinds.js';
import { DATA_DIR } from '../paths.js';
import { scriptForms } from '../resolve/resolver.js';

const HAN = /\p{Script=Han}/u;

export function pack(dir: string): { places: number; nameKeys: number; stemKeys: number; openccKeys: number } {
  const g = readJsonGazetteer(dir);
  const rows = function* (): Generator<GazetteerRowIn> {
    for (const p of g.places) {
      // Only places with a Chinese name need their forms: the others' are null, computed without OpenCC.
      const scripts = p.nameZh || p.names.some((n) => HAN.test(n)) ? scriptForms(p) : undefined;
      yield { id: p.id, parentId: p.parentId, gbt2260: p.gbt2260, geonamesId: p.geonamesId, data: encodePlace({ ...p, ...(scripts ? { scripts } : {}) }) };
    }
  };
  const indexId = randomUUID();
  let nameKeys = 0;
  let stemKeys = 0;
  const pairs = function* (m: Map<string, number[]>, count: () => void): Generator<[string, number]> {
    for (const [k, list] of m) for (const i of list) (count(), yield [k, i]);
  };
  writeGazetteerDb(
    join(dir, GAZETTEER_DB),
    rows(),
    pairs(g.nameIndex, () => nameKeys++),
    pairs(g.stemIndex, () => stemKeys++),
    { [NAME_INDEX_META]: indexId },
  );
  // The same keys packed for a caller that looks up many names (packed-index.ts), naming this gazetteer.db.
  writePackedIndex(join(dir, NAME_INDEX_FILE), indexId, pairs(g.nameIndex, () => {}), pairs(g.stemIndex, () => {}));
  const opencc = writeOpenccKeys(dir);
  // The traditional forms of the recognizers' closed lists, so an ingest builds no OpenCC converter for them.
  writeOpenccForms([...countryTexts(), ...kindTexts()], TRADITIONAL, dir);
  return { places: g.places.length, nameKeys, stemKeys, openccKeys: opencc.keys };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--dir');
  const dir = i >= 0 && args[i + 1] ? resolve(args[i + 1]!) : join(DATA_DIR, 'gazetteer');
  const t0 = performance.now();
  const r = pack(dir);
  console.log(`gazetteer packed: ${r.places} places, ${r.nameKeys} name keys, ${r.stemKeys} stems, ${r.openccKeys} OpenCC keys in ${Math.round(performance.now() - t0)} ms`);
}
