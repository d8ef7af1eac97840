// Why a name stayed unresolved, as a stable code beside the English sentence (src/registry/reasons.ts): every
// sentence the resolver writes reads back to its code and parameters, and /api/quality (and `check --json`) carry
// them, so the web app can say it in Chinese.
import { describe, it, expect, beforeAll } from 'vitest';
import type { DB } from '../src/registry/db.js';
import { qualityReport } from '../src/registry/quality.js';
import { explainResolution } from '../src/resolve/explain.js';
import { parseReason, REASON_CODES, unresolvedReason, type ReasonCode, type ReasonParams } from '../src/registry/reasons.js';
import { createApp } from '../src/server/app.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

/** Names that could confuse a parser of the sentences: spaces, " in ", digits, braces, the sentences' own words. */
const ODD_NAMES = ['奈良', 'Kansas City', 'Stratford in Avon', '12 Apostles', '{n} {name}', 'no place called X', 'a; b', ' is known', '\u202Egnp.exe'];

describe('reason codes', () => {
  it('every sentence reads back to its code and parameters', () => {
    const cases: Array<[ReasonCode, ReasonParams]> = [];
    for (const name of ODD_NAMES) {
      for (const country of [undefined, 'JP', 'US']) {
        cases.push(['not_in_gazetteer', { name, country }]);
        cases.push(['other_level', { level: 'district', name, country }]);
        cases.push(['ambiguous', { count: 4, name, country }]);
      }
      cases.push(['not_inside_parent', { rest: name, parent: 'Tokyo' }]);
      cases.push(['no_country_ambiguous', { count: 3, name }]);
      cases.push(['no_country_unknown', { name }]);
    }
    const seen = new Set<ReasonCode>();
    for (const [code, params] of cases) {
      const r = unresolvedReason(code, params);
      const back = parseReason(r.text);
      expect(back, r.text).toEqual({ code, params: r.params });
      seen.add(code);
    }
    expect([...seen].sort()).toEqual([...REASON_CODES].sort());
  });

  it('the English sentences are the ones the registry always stored', () => {
    expect(unresolvedReason('not_in_gazetteer', { name: '不存在的城', country: 'JP' }).text).toBe('no place called 不存在的城 in JP in the gazetteer');
    expect(unresolvedReason('ambiguous', { count: 4, name: '里士滿', country: 'US' }).text).toBe(
      '4 places are called 里士滿 in US and the document does not say which',
    );
    expect(unresolvedReason('no_country_ambiguous', { count: 2, name: '華盛頓' }).text).toBe('the row names no country and 2 places are called 華盛頓');
    expect(parseReason('a reason from some future version')).toBeNull();
  });

  it('the resolver gives the code with the sentence (resolve --explain)', () => {
    const none = explainResolution('不存在的城', 'JP');
    expect(none.reason).toBe('no place called 不存在的城 in JP in the gazetteer');
    expect(none.reasonCode).toBe('not_in_gazetteer');
    expect(none.reasonParams).toEqual({ name: '不存在的城', country: 'JP' });
    expect(parseReason(none.reason!)).toEqual({ code: none.reasonCode, params: none.reasonParams });
    const found = explainResolution('奥克兰', '新西兰');
    expect(found.reasonCode).toBeNull();
  });
});

describe('reason codes in the quality report', () => {
  let db: DB;
  beforeAll(async () => {
    ({ db } = await sampleRegistry());
  });

  it('every unresolved name of the samples has a code, parameters and its English reason', () => {
    const unresolved = qualityReport(db).reconciliation.unresolved;
    expect(unresolved.length).toBeGreaterThan(5);
    for (const u of unresolved) {
      expect(REASON_CODES, u.reason).toContain(u.reason_code);
      expect(unresolvedReason(u.reason_code!, u.reason_params!).text).toBe(u.reason);
    }
    const codes = new Set(unresolved.map((u) => u.reason_code));
    expect(codes).toContain('not_in_gazetteer');
    expect(codes).toContain('no_country_ambiguous');
    const richmond = unresolved.find((u) => u.name === '里士滿')!;
    expect(richmond).toMatchObject({ reason_code: 'ambiguous', reason_params: { count: 4, name: '里士滿', country: 'US' } });
  });

  it('GET /api/quality carries reason_code and reason_params beside reason', async () => {
    const app = createApp(db, { staticDir: tempDir(), log: false });
    const res = await app.request('/api/quality');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reconciliation: { unresolved: Array<Record<string, unknown>> } };
    const u = body.reconciliation.unresolved[0]!;
    expect(Object.keys(u)).toEqual(['source', 'line', 'side', 'name', 'country', 'reason', 'reason_code', 'reason_params', 'candidates']);
    expect(typeof u.reason).toBe('string');
    expect(REASON_CODES).toContain(u.reason_code);
  });
});
