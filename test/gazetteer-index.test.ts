// The packed gazetteer answers alike whether a lookup queries the file by key (the first few thousand
// lookups) or the name index read into memory (a large reconciliation's): the same hand-checked facts hold
// in both modes, and both give the same places in the same order.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGazetteer, GAZETTEER_DB, type Gazetteer } from '../src/gazetteer/index.js';
import { DATA_DIR } from '../src/paths.js';
import { tempDir } from './registry-helpers.js';
import { NAME_INDEX_FILE, readPackedIndex } from '../src/gazetteer/packed-index.js';
import { openGazetteerDb } from '../src/registry/gazetteer-db.js';

/** A second gazetteer instance over the same file (instances are cached by folder). */
function another(packed = false): Gazetteer {
  const dir = join(tempDir(), 'gazetteer');
  mkdirSync(dir);
  for (const f of [GAZETTEER_DB, 'china-ko.json', ...(packed ? [NAME_INDEX_FILE] : [])]) symlinkSync(join(DATA_DIR, 'gazetteer', f), join(dir, f));
  return loadGazetteer({ dir });
}

const queries = ['奥克兰', '奧克蘭', '仁川', '堪萨斯', '大連市', 'Iasi', 'Springfield', '広島', '洛杉矶郡', '清迈府', '대련', 'Genova'];
const ids = (g: Gazetteer, q: string) => [g.byName(q), g.byNameLoose(q), g.byNameLoose(q, 'CN'), g.byNameIn(q, 'US')].map((xs) => xs.map((p) => p.id));

describe('gazetteer lookups by query and from the index in memory', () => {
  it('agree, and keep the facts', () => {
    const byQuery = another();
    const inMemory = another();
    for (let i = 0; i < 3100; i++) inMemory.byName(`no such place ${i}`); // past the switch to the in-memory index
    const packed = another(true);
    for (let i = 0; i < 200; i++) packed.byName(`no such place ${i}`); // past the switch to the packed index
    for (const g of [byQuery, inMemory, packed]) {
      expect(g.byNameIn('奥克兰', 'NZ')[0]?.nameEn).toBe('Auckland');
      expect(g.byNameIn('奥克兰', 'US')[0]?.parentId).toBe('iso:US-CA'); // Oakland, California
      expect(g.byNameLoose('仁川', 'KR').some((p) => p.nameZh === '仁川广域市' || p.nameEn === 'Incheon')).toBe(true);
      expect(g.byName('大連市').some((p) => p.gbt2260 === '210200')).toBe(true);
      expect(g.byNameIn('Iasi', 'RO').some((p) => p.level === 'city')).toBe(true);
    }
    for (const q of queries) expect(ids(inMemory, q), q).toEqual(ids(byQuery, q));
    for (const q of queries) expect(ids(packed, q), q).toEqual(ids(byQuery, q));
    // one object per place, whichever way it was found
    const p = inMemory.byNameIn('奥克兰', 'NZ')[0]!;
    expect(inMemory.byId(p.id)).toBe(p);
  });
});

describe('the packed name index', () => {
  it('holds every name key and stem of gazetteer.db with its places, and names that file', () => {
    const store = openGazetteerDb(join(DATA_DIR, 'gazetteer', GAZETTEER_DB));
    const packed = readPackedIndex(join(DATA_DIR, 'gazetteer', NAME_INDEX_FILE))!;
    expect(packed.id).toBe(store.meta('name_index'));
    for (const [table, rows] of [[packed.names, store.nameKeys()], [packed.stems, store.stemKeys()]] as const) {
      const byKey = new Map<string, number[]>();
      let pairs = 0;
      for (const [k, rid] of rows) {
        byKey.set(k, [...(byKey.get(k) ?? []), rid]);
        pairs++;
      }
      expect(table.size).toBe(pairs);
      for (const [k, rids] of byKey) expect(table.rids(k), k).toEqual([...rids].sort((a, b) => a - b));
    }
    expect(packed.names.rids('no such place')).toEqual([]);
    store.close();
  });
});
