// Names → places, against the offline gazetteer and the alias file, in a fixed order:
// alias → exact name (within the row's country) → compound name (parent + child) → name with its
// administrative suffix folded → English name and link target from the document → unresolved with
// ranked candidates. Ambiguity is settled only by evidence the document gives (country, suffix, qualifier,
// English name, link target, the province heading); the one exception is a candidate ten times more
// populous than every other of the same name in the same country, which is how people read such names.
import type { Gazetteer, GazetteerPlace } from '../gazetteer/index.js';
import { looseStem } from '../gazetteer/index.js';
import { fold, pinyinOf, toSimplified } from '../normalize/script.js';
import { lazyConverter } from '../normalize/opencc.js';
import type { AdminLevel } from '../model.js';
import type { Candidate, NameQuery, PlaceRecord, Resolution, Resolver, TraceStep } from './types.js';
import type { AliasTable } from './aliases.js';
import { provisionalPlace } from './reconcile.js';
import { pointedAt } from './near.js';
import { boundFor } from './qid-match.js';
import { unresolvedReason, type ReasonCode, type ReasonParams } from '../registry/reasons.js';

/** An unresolved resolution's reason: the English sentence, its code and parameters (see reasons.ts). */
function because(code: ReasonCode, params: ReasonParams): { reason: string; reasonCode: ReasonCode; reasonParams: ReasonParams } {
  const r = unresolvedReason(code, params);
  return { reason: r.text, reasonCode: r.code, reasonParams: r.params };
}

const toTraditional = lazyConverter('cn', 't');
const HAN = /\p{Script=Han}/u;
const HANGUL = /\p{Script=Hangul}/u;

/** What an administrative suffix says about the level of the place it ends. Longest first. */
const SUFFIX_LEVELS: Array<[string, AdminLevel]> = [
  ['特别自治道', 'region'], ['特别自治州', 'region'], ['广域市', 'city'], ['特别市', 'city'], ['边疆区', 'region'],
  ['自治区', 'region'], ['自治州', 'region'], ['首都大区', 'region'], ['大区', 'region'], ['地区', 'region'],
  ['联邦区', 'region'], ['市', 'city'], ['町', 'city'], ['村', 'city'], ['区', 'district'], ['州', 'region'],
  ['省', 'region'], ['府', 'region'], ['道', 'region'], ['县', 'region'], ['郡', 'region'], ['都', 'region'],
];

export function expectedLevel(name: string): AdminLevel | null {
  const s = toSimplified(name);
  for (const [suffix, level] of SUFFIX_LEVELS) if (s.endsWith(suffix) && s.length > suffix.length) return level;
  return null;
}

/** `奧克蘭_(加州)` → { base: 奧克蘭, qualifier: 加州 }; `../Page/X.md` forms are decoded by the readers. */
export function splitLink(link: string | null | undefined): { base: string | null; qualifier: string | null } {
  if (!link) return { base: null, qualifier: null };
  const t = link.replace(/_/g, ' ').trim();
  const m = /^(.*?)\s*[（(]([^()（）]+)[)）]\s*$/.exec(t);
  return m ? { base: m[1].trim() || null, qualifier: m[2].trim() } : { base: t, qualifier: null };
}

const BARE_SUFFIX = /^(省|市|州|县|縣|区|區|郡|府|道|都|大区|大區|自治区|自治區)$/;

/** `平阳(省)` → 平阳省; `大野町 (岐阜縣)` → 大野町 with the qualifier 岐阜縣. */
export function splitQualifier(name: string): { name: string; qualifier: string | null } {
  // Latin-script forms of the English lists: "Suzhou, Jiangsu" (place, region) and "Suzhou – Wujiang" (city – district).
  if (!HAN.test(name)) {
    const comma = /^([^,]+),\s*(.+)$/.exec(name.trim());
    if (comma) return { name: comma[1].trim(), qualifier: comma[2].trim() };
    const dash = /^(.+?)\s+[–—-]\s+(.+)$/.exec(name.trim());
    if (dash) return { name: dash[2].trim(), qualifier: dash[1].trim() };
  }
  const m = /^(.*?)\s*[（(]([^()（）]+)[)）]\s*$/.exec(name.trim());
  if (!m || !m[1]) return { name: name.trim(), qualifier: null };
  return BARE_SUFFIX.test(m[2].trim()) ? { name: m[1] + m[2].trim(), qualifier: null } : { name: m[1], qualifier: m[2].trim() };
}

/**
 * A gazetteer place's Chinese name in both scripts and its pinyin, as the registry stores them. The packed
 * gazetteer holds them precomputed (`scripts`, by this function at build time): converting to traditional
 * script needs OpenCC's largest dictionaries, which a command would otherwise build at every start.
 */
export function scriptForms(p: GazetteerPlace): { hans: string | null; hant: string | null; pinyin: string | null } {
  const zh = p.nameZh ?? p.names.find((n) => HAN.test(n)) ?? null;
  const hans = zh ? toSimplified(zh) : null;
  const hant = p.names.find((n) => HAN.test(n) && n !== hans && toSimplified(n) === hans) ?? (hans ? toTraditional(hans) : null);
  return { hans, hant: hant && hant !== hans ? hant : hans, pinyin: hans ? pinyinOf(hans) : null };
}

/**
 * The keys under which a row that names no country looks for places already in the registry (its name with
 * any qualifier split off, and its link target): what reconciliation must know to tell whether a new
 * document's places could change how such a row resolves (src/resolve/incremental.ts).
 */
export function countrylessKeys(name: string, link: string | null | undefined): string[] {
  return knownKeys(splitQualifier(name).name, link);
}

/** The same, for a name whose qualifier is already split off (splitting twice is not always a no-op). */
function knownKeys(n: string, link: string | null | undefined): string[] {
  const base = splitLink(link).base;
  return base && fold(base) !== fold(n) ? [fold(n), fold(base)] : [fold(n)];
}

/** The keys a resolved place is remembered under for such rows: its names and the name the document wrote. */
export function rememberedKeys(place: PlaceRecord, written: string[] = []): string[] {
  const out: string[] = [];
  for (const n of [place.nameZhHans, place.nameZhHant, place.nameEn, ...place.names, ...written]) if (n) out.push(fold(n));
  return out;
}

export function createGazetteerResolver(g: Gazetteer, aliases: AliasTable): Resolver {
  const records = new Map<string, PlaceRecord>();
  const known = new Map<string, Set<string>>();

  function record(p: GazetteerPlace): PlaceRecord {
    let r = records.get(p.id);
    if (r) return r;
    const { hans, hant, pinyin } = p.scripts ?? scriptForms(p);
    r = {
      id: p.id,
      nameZhHans: hans,
      nameZhHant: hant,
      nameEn: p.nameEn,
      pinyin,
      country: p.country,
      level: p.level,
      parentId: p.parentId,
      lat: p.lat,
      lon: p.lon,
      geonamesId: p.geonamesId,
      gbt2260: p.gbt2260,
      population: p.population,
      names: p.names,
      resolved: true,
    };
    records.set(p.id, r);
    return r;
  }

  const isChina = (p: GazetteerPlace) => p.source === 'gbt2260';

  /** An alias names a place id, or `en:Name` to be found by its English name in the alias's country. */
  function aliasTarget(name: string, country: string | null): GazetteerPlace | null {
    const hit = aliases.lookup(name, country);
    if (!hit) return null;
    if (!hit.target.startsWith('en:')) return g.byId(hit.target) ?? null;
    const xs = g.byNameIn(hit.target.slice(3), hit.country).filter((p) => p.level !== 'country');
    const cities = xs.filter((p) => p.level !== 'region');
    const pool = cities.length ? cities : xs;
    const sorted = [...pool].sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
    return sorted[0] ?? null;
  }
  const inCountry = (xs: GazetteerPlace[], side: 'cn' | 'foreign', country: string | null) =>
    xs.filter((p) => (side === 'cn' ? isChina(p) : !isChina(p) && (!country || p.country === country) && p.level !== 'country'));

  function lookupNames(name: string, country: string | null, side: 'cn' | 'foreign', loose: boolean): GazetteerPlace[] {
    const c = side === 'cn' ? 'CN' : country;
    const found = loose ? (c ? g.byNameLoose(name, c) : g.byNameLoose(name)) : c ? g.byNameIn(name, c) : g.byName(name);
    return inCountry(found, side, c);
  }

  /** A region the document names as a qualifier (密苏里州, 加州, 北京市): resolved within the country. */
  function regionOf(name: string, country: string | null, side: 'cn' | 'foreign', allowLoose = true): GazetteerPlace | null {
    const alias = aliasTarget(name, side === 'cn' ? 'CN' : country);
    if (alias) return alias;
    let xs = lookupNames(name, country, side, false);
    if (!xs.length && allowLoose) xs = lookupNames(name, country, side, true);
    const regions = xs.filter((p) => p.level === 'region' || (side === 'cn' && p.gbt2260?.endsWith('0000')));
    return regions.length === 1 ? regions[0] : xs.length === 1 ? xs[0] : null;
  }

  const within = (p: GazetteerPlace, region: GazetteerPlace) => {
    if (p.id === region.id) return true;
    if (region.gbt2260 && p.gbt2260) {
      const prefix = region.gbt2260.replace(/(00)+$/, '');
      return p.gbt2260.startsWith(prefix);
    }
    for (let cur: GazetteerPlace | undefined = p; cur; cur = cur.parentId ? g.byId(cur.parentId) : undefined) {
      if (cur.parentId === region.id) return true;
    }
    return region.level === 'region' && !!region.admin1 && p.admin1 === region.admin1 && p.country === region.country;
  };

  /**
   * Narrows candidates with the evidence the document gives; returns what remains, and `how` when a step that
   * is worth naming in the resolution (the document's coordinates) made the choice.
   */
  function narrow(cands: GazetteerPlace[], q: NameQuery, steps: TraceStep[]): { left: GazetteerPlace[]; how: string | null } {
    let xs = dedupe(cands);
    let how: string | null = null;
    const keep = (label: string, f: (p: GazetteerPlace) => boolean) => {
      if (xs.length < 2) return;
      const ys = xs.filter(f);
      if (ys.length && ys.length < xs.length) {
        steps.push({ step: label, ok: true, detail: `${xs.length} → ${ys.length} candidates` });
        xs = ys;
      }
    };
    const level = q.side === 'cn' ? null : expectedLevel(q.name);
    if (level) keep(`the suffix says ${level}`, (p) => p.level === level || (level === 'city' && p.level === 'district'));
    else keep('no suffix: a city before a region of the same name', (p) => p.level !== 'region');
    const link = splitLink(q.link);
    for (const qual of [q.qualifier, link.qualifier]) {
      if (!qual) continue;
      const region = regionOf(qual, q.country, q.side);
      if (region) keep(`the qualifier ${qual} is ${region.nameEn}`, (p) => within(p, region));
    }
    if (q.context && q.side === 'cn') {
      const province = regionOf(q.context, 'CN', 'cn');
      if (province) keep(`the heading ${q.context} is ${province.nameEn}`, (p) => within(p, province));
    }
    if (q.en) {
      const en = fold(q.en);
      keep(`the document's English name ${q.en}`, (p) => p.names.some((n) => !HAN.test(n) && fold(n) === en));
    }
    if (q.near && xs.length > 1) {
      const at = `${q.near.lat}, ${q.near.lon}`;
      const r = pointedAt(xs, q.near, within);
      const named = (p: GazetteerPlace) => `${p.nameZh ?? ''} ${p.nameEn}`.trim();
      if (r.place) {
        const a1 = firstLevelOf(r.place);
        const where = `${named(r.place)}${a1 ? ` (${a1.nameEn})` : ''}`;
        const by = r.via === r.place ? `${r.km!.toFixed(1)} km` : `its district ${named(r.via!)} ${r.km!.toFixed(1)} km`;
        steps.push({ step: "the document's coordinates", ok: true, detail: `${xs.length} → 1: ${where} is near ${at} (${by}; within ${boundFor(r.via!)} km), no other candidate is` });
        how = `by the document's coordinates ${at} (${by})`;
        xs = [r.place];
      } else {
        const why = r.unplaced ? `${r.unplaced} of ${xs.length} candidates have no point in the gazetteer` : `${r.near} of ${xs.length} candidates lie near ${at}`;
        steps.push({ step: "the document's coordinates", ok: false, detail: `${why}: they do not tell which` });
      }
    }
    // A Hangul reading shared by two Chinese places stands for different characters (沈阳/沁阳 both read 심양):
    // that is not one name used twice, so population does not settle it.
    const hangulCn = q.side === 'cn' && HANGUL.test(q.name);
    if (xs.length > 1 && q.country && !hangulCn) {
      const byPop = [...xs].sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
      const [first, second] = byPop;
      if ((first.population ?? 0) >= 10 * Math.max(1, second.population ?? 0) && (first.population ?? 0) >= 10_000) {
        steps.push({ step: 'population', ok: true, detail: `${first.nameEn} is ten times more populous than any other of ${xs.length}` });
        xs = [first];
      }
    }
    return { left: xs, how };
  }

  /** A metropolitan region and its city of the same name (仁川广域市 the region, Incheon the city) are one place to people. */
  function dedupe(xs: GazetteerPlace[]): GazetteerPlace[] {
    const ids = new Set(xs.map((p) => p.id));
    // Two records of one division (Kostanay / Qostanay oblysy) share country, level and admin1 code.
    const regionKey = new Set<string>();
    xs = xs.filter((p) => {
      if (p.level !== 'region') return true;
      const k = `${p.country}:${fold(p.nameZh ?? p.nameEn)}`;
      if (regionKey.has(k)) return false;
      regionKey.add(k);
      return true;
    });
    return xs.filter((p) => {
      if (p.level !== 'region') return true;
      return !xs.some((c) => c.level === 'city' && c.parentId === p.id && ids.has(c.id) && fold(c.nameEn) === fold(p.nameEn) && /metropolitan|special city|capital|municipality|city/i.test(p.featureCode ?? ''));
    });
  }

  /** `東京都大田區` = 東京都 + 大田區; `信陽市溮河區` = 信陽市 + 溮河區. The child is looked up inside the parent. */
  function compound(q: NameQuery, steps: TraceStep[]): { child: GazetteerPlace | null; parent: GazetteerPlace; rest: string } | null {
    const name = toSimplified(q.name);
    for (let i = name.length - 2; i >= 2; i--) {
      const head = name.slice(0, i);
      const rest = name.slice(i);
      // The child must be a name of its own (中区, 大田区), not a bare suffix or a hyphenated tail.
      if (BARE_SUFFIX.test(rest) || /^[\p{P}\p{S}]/u.test(rest) || rest.length < 2) continue;
      const parent = regionOf(head, q.country, q.side, !!expectedLevel(head));
      if (!parent || (parent.level !== 'region' && parent.level !== 'city')) continue;
      const inside = (xs: GazetteerPlace[]) => xs.filter((p) => p.id !== parent.id && within(p, parent));
      const c = q.side === 'cn' ? 'CN' : (q.country ?? parent.country);
      let xs = inside(lookupNames(rest, c, q.side, false));
      if (!xs.length) xs = inside(lookupNames(rest, c, q.side, true));
      steps.push({ step: 'compound name', ok: xs.length === 1, detail: `${head} (${parent.nameEn}) + ${rest}: ${xs.length} candidates inside it` });
      if (xs.length === 1) return { child: xs[0], parent, rest };
      if (xs.length === 0) return { child: null, parent, rest };
    }
    return null;
  }

  /** The first-level division a place lies in (the ancestor just below its country), or null for one itself. */
  function firstLevelOf(p: GazetteerPlace): GazetteerPlace | null {
    let cur = p;
    for (let i = 0; i < 8 && cur.parentId; i++) {
      const parent = g.byId(cur.parentId);
      if (!parent || parent.level === 'country') break;
      cur = parent;
    }
    return cur === p ? null : cur;
  }

  // Four places called 里士满 in the United States read alike: their state, population and id tell them apart.
  function candidatesOf(xs: GazetteerPlace[], why: string): Candidate[] {
    return [...xs]
      .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
      .slice(0, 8)
      .map((p) => {
        const a1 = firstLevelOf(p);
        const a1Name = a1 ? `${a1.nameZh ? `${toSimplified(a1.nameZh)} ` : ''}${a1.nameEn}`.trim() : null;
        return { id: p.id, name: `${p.nameZh ?? ''} ${p.nameEn}`.trim(), country: p.country, level: p.level, why, admin1: a1Name, admin1_id: a1?.id ?? null, population: p.population ?? null };
      });
  }

  function resolve(query: NameQuery): Resolution {
    const steps = query.trace ?? [];
    const split = splitQualifier(query.name);
    const q: NameQuery = { ...query, name: split.name, qualifier: query.qualifier ?? split.qualifier };
    const country = q.side === 'cn' ? 'CN' : q.country;
    const own = aliases.lookup(q.name, country);
    if (own?.target.startsWith('u:')) {
      // A person split this name off into a place of its own.
      steps.push({ step: 'alias', ok: true, detail: `${q.name} stands for a place of its own (${own.target})` });
      const [, cc] = own.target.split(':');
      return { place: { ...provisionalPlace(q.name, cc === 'XX' ? null : cc, q.side === 'cn'), id: own.target }, how: 'split by a person' };
    }
    const alias = aliasTarget(q.name, country);
    if (alias) {
      steps.push({ step: 'alias file', ok: true, detail: `${q.name} → ${alias.id} ${alias.nameEn}` });
      return { place: record(alias), how: 'alias' };
    }
    if (!country && q.side === 'foreign') return resolveWithoutCountry(q, steps);

    // China's divisions carry their level in their code, not in their suffix (西双版纳州 is a prefecture).
    const level = q.side === 'cn' ? null : expectedLevel(q.name);
    const fits = (p: GazetteerPlace) => !level || p.level === level || (level === 'city' && p.level === 'district');
    let how = 'exact name';
    let xs = lookupNames(q.name, country, q.side, false);
    steps.push({ step: 'exact name', ok: xs.length > 0, detail: `${xs.length} places called ${q.name}${country ? ` in ${country}` : ''}` });
    let enclosing: { parent: GazetteerPlace; rest: string } | null = null;
    if (!xs.length) {
      const c = compound(q, steps);
      if (c?.child) return { place: withParent(record(c.child), c.parent), how: 'compound name' };
      if (c) enclosing = { parent: c.parent, rest: c.rest };
    }
    // 洛杉矶郡 is not 洛杉矶: a match made by folding the suffix must keep the level the suffix names.
    const otherLevel: GazetteerPlace[] = [];
    const tryStep = (label: string, found: GazetteerPlace[]) => {
      if (xs.length) return;
      const ok = found.filter(fits);
      otherLevel.push(...found.filter((p) => !fits(p)));
      steps.push({ step: label, ok: ok.length > 0, detail: `${ok.length} places${found.length > ok.length ? ` (${found.length - ok.length} of another level)` : ''}` });
      if (ok.length) {
        xs = ok;
        how = label;
      }
    };
    if (!enclosing) tryStep('name with its suffix folded', lookupNames(q.name, country, q.side, true));
    const link = splitLink(q.link);
    if (link.base && fold(link.base) !== fold(q.name)) {
      tryStep('link target', lookupNames(link.base, country, q.side, false));
      tryStep('link target with its suffix folded', lookupNames(link.base, country, q.side, true));
    }
    if (q.en) tryStep("the document's English name", lookupNames(q.en, country, q.side, false));
    const bare = HAN.test(q.name) ? null : q.name.replace(/\s+(city|county|prefecture|district|province)$/i, '');
    if (bare && bare !== q.name) tryStep('the name without its English suffix', lookupNames(bare, country, q.side, false));
    if (!xs.length) {
      if (enclosing) {
        return { place: null, ...because('not_inside_parent', { rest: enclosing.rest, parent: enclosing.parent.nameEn }), candidates: candidatesOf([enclosing.parent], 'the enclosing place') };
      }
      if (otherLevel.length) {
        return { place: null, ...because('other_level', { level: level ?? undefined, name: q.name, country: country ?? undefined }), candidates: candidatesOf(otherLevel, 'same stem, other level') };
      }
      return { place: null, ...because('not_in_gazetteer', { name: q.name, country: country ?? undefined }), candidates: [] };
    }
    const { left, how: decided } = narrow(xs, q, steps);
    if (left.length === 1) return { place: record(left[0]), how: decided ? `${how}, ${decided}` : how };
    return { place: null, ...because('ambiguous', { count: left.length, name: q.name, country: country ?? undefined }), candidates: candidatesOf(left, 'same name') };
  }

  function resolveWithoutCountry(q: NameQuery, steps: TraceStep[]): Resolution {
    const link = splitLink(q.link);
    const names = [q.name, ...(link.base && fold(link.base) !== fold(q.name) ? [link.base] : [])];
    const seen = new Set<string>();
    for (const k of knownKeys(q.name, q.link)) for (const id of known.get(k) ?? []) seen.add(id);
    const knownHits = [...seen].map((id) => records.get(id)!).filter(Boolean);
    steps.push({ step: 'places already in the registry', ok: knownHits.length === 1, detail: `${knownHits.length} called ${q.name}` });
    if (knownHits.length === 1) return { place: knownHits[0], how: 'unique among places in the registry' };
    const abroad = (xs: GazetteerPlace[]) => xs.filter((p) => !['CN', 'TW', 'HK', 'MO'].includes(p.country));
    let xs: GazetteerPlace[] = [];
    for (const n of names) if (!xs.length) xs = abroad(lookupNames(n, null, 'foreign', false));
    for (const n of names) if (!xs.length) xs = abroad(lookupNames(n, null, 'foreign', true));
    if (!xs.length) {
      const c = compound(q, steps);
      if (c?.child) return { place: withParent(record(c.child), c.parent), how: 'compound name (its parent gives the country)' };
      if (c) return { place: null, ...because('not_inside_parent', { rest: c.rest, parent: c.parent.nameEn }), candidates: candidatesOf([c.parent], 'the enclosing place') };
    }
    const level = expectedLevel(q.name);
    xs = dedupe(xs);
    if (xs.length > 1) {
      const ys = level ? xs.filter((p) => p.level === level) : xs.filter((p) => p.level !== 'region');
      if (ys.length) xs = ys;
    }
    for (const qual of [q.qualifier, link.qualifier]) {
      if (!qual || xs.length < 2) continue;
      const region = regionOf(qual, null, 'foreign');
      const ys = region ? xs.filter((p) => within(p, region)) : [];
      if (ys.length) {
        steps.push({ step: `the qualifier ${qual} is ${region!.nameEn}`, ok: true, detail: `${xs.length} → ${ys.length} candidates` });
        xs = ys;
      }
    }
    // A link to the unqualified article (巴黎, not 巴黎_(德克萨斯州)) means the name's primary sense:
    // when exactly one candidate is a national capital, that is the place the article is about.
    if (xs.length > 1 && q.link && !link.qualifier) {
      const capitals = xs.filter((p) => p.featureCode === 'PPLC');
      if (capitals.length === 1) {
        steps.push({ step: 'link to the unqualified article', ok: true, detail: `${capitals[0].nameEn} is the only national capital of ${xs.length} places called ${q.name}` });
        xs = capitals;
      }
    }
    // The gazetteer's Chinese names are incomplete: a Chinese name that only one place carries (埃爾帕索: El
    // Paso in Spain) may belong just as well to a more populous namesake that lacks it (El Paso, Texas).
    // Unique, then, is not enough: the row stays unresolved, with both as candidates.
    if (xs.length === 1 && HAN.test(q.name)) {
      const only = xs[0];
      const namesakes = dedupe(abroad(lookupNames(only.nameEn, null, 'foreign', false))).filter(
        (p) =>
          p.id !== only.id && p.level === only.level && p.nameEn.toLowerCase() === only.nameEn.toLowerCase() && (p.population ?? 0) > (only.population ?? 0),
      );
      if (namesakes.length) {
        steps.push({
          step: 'its English name',
          ok: false,
          detail: `${only.nameEn} (${only.country}) is the only place called ${q.name}, but ${namesakes.length} more populous place(s) are called ${only.nameEn} (${[...new Set(namesakes.map((p) => p.country))].join(', ')})`,
        });
        xs = [only, ...namesakes];
      }
    }
    steps.push({ step: 'gazetteer, any country', ok: xs.length === 1, detail: `${xs.length} places called ${q.name} outside China` });
    if (xs.length === 1) return { place: record(xs[0]), how: 'unique in the gazetteer' };
    return {
      place: null,
      ...(xs.length ? because('no_country_ambiguous', { count: xs.length, name: q.name }) : because('no_country_unknown', { name: q.name })),
      candidates: candidatesOf(xs, 'same name'),
    };
  }

  function withParent(child: PlaceRecord, parent: GazetteerPlace): PlaceRecord {
    if (child.parentId) return child;
    return { ...child, parentId: parent.id };
  }

  return {
    resolve,
    lookup: (id) => {
      const p = g.byId(id);
      return p ? record(p) : undefined;
    },
    remember: (place, written = []) => {
      for (const k of rememberedKeys(place, written)) {
        let s = known.get(k);
        if (!s) known.set(k, (s = new Set()));
        s.add(place.id);
      }
      if (place.resolved && !records.has(place.id)) records.set(place.id, place);
    },
  };
}

export { looseStem };
