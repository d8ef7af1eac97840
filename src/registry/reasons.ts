// Why a name stayed unresolved: a stable code, its parameters, and the English sentence the CLI prints and the
// registry stores (`unresolved.reason`). Interfaces in other languages (the web app's Chinese) build their own
// sentence from the code and parameters; the English text stays what it always was.
//
// The registry stores only the sentence, so `parseReason` reads the code and parameters back out of it. Both
// directions live here, side by side, and test/reason-codes.test.ts checks that every sentence `unresolvedReason`
// writes parses back to its code and parameters. A sentence of an older version that no pattern matches has the
// code null: show the text.

/** The reasons a name can stay unresolved. Codes are part of the API (/api/quality): add, never rename. */
export type ReasonCode =
  | 'not_in_gazetteer'
  | 'other_level'
  | 'ambiguous'
  | 'not_inside_parent'
  | 'no_country_ambiguous'
  | 'no_country_unknown';

export const REASON_CODES: readonly ReasonCode[] = [
  'not_in_gazetteer',
  'other_level',
  'ambiguous',
  'not_inside_parent',
  'no_country_ambiguous',
  'no_country_unknown',
];

/**
 * What a reason's sentence is made of: `name` (the name looked up), `country` (ISO 3166-1 alpha-2, when the
 * row gives one), `count` (how many places share the name), `level` (the administrative level the name's suffix
 * asks for: city, region, district…), `parent` and `rest` (a compound name: the enclosing place found, in
 * English, and the part not found inside it).
 */
export interface ReasonParams {
  name?: string;
  country?: string;
  count?: number;
  level?: string;
  parent?: string;
  rest?: string;
}

export interface Reason {
  code: ReasonCode;
  params: ReasonParams;
  /** the English sentence */
  text: string;
}

const inCountry = (country: string | null | undefined) => (country ? ` in ${country}` : '');

/** The reason with its English sentence. */
export function unresolvedReason(code: ReasonCode, params: ReasonParams): Reason {
  const p = params;
  const text = ((): string => {
    switch (code) {
      case 'not_inside_parent':
        return `${p.rest} is not in the gazetteer inside ${p.parent}`;
      case 'other_level':
        return `no ${p.level} called ${p.name}${inCountry(p.country)}; only places of another level share its name`;
      case 'not_in_gazetteer':
        return `no place called ${p.name}${inCountry(p.country)} in the gazetteer`;
      case 'ambiguous':
        return `${p.count} places are called ${p.name}${inCountry(p.country)} and the document does not say which`;
      case 'no_country_ambiguous':
        return `the row names no country and ${p.count} places are called ${p.name}`;
      case 'no_country_unknown':
        return `the row names no country and no place called ${p.name} is known`;
    }
  })();
  const kept: ReasonParams = {};
  for (const [k, v] of Object.entries(p)) if (v != null && v !== '') (kept as Record<string, unknown>)[k] = v;
  return { code, params: kept, text };
}

// The sentences above, read back. A country is two capital letters; names may hold anything (spaces, " in ").
const COUNTRY = '(?: in ([A-Z]{2}))?';
const PATTERNS: Array<{ code: ReasonCode; re: RegExp; params: (m: RegExpExecArray) => ReasonParams }> = [
  {
    code: 'no_country_unknown',
    re: /^the row names no country and no place called ([\s\S]*) is known$/,
    params: (m) => ({ name: m[1] }),
  },
  {
    code: 'no_country_ambiguous',
    re: /^the row names no country and (\d+) places are called ([\s\S]*)$/,
    params: (m) => ({ count: Number(m[1]), name: m[2] }),
  },
  {
    code: 'other_level',
    re: new RegExp(`^no (\\w+) called ([\\s\\S]*?)${COUNTRY}; only places of another level share its name$`),
    params: (m) => ({ level: m[1], name: m[2], country: m[3] }),
  },
  {
    code: 'not_in_gazetteer',
    re: new RegExp(`^no place called ([\\s\\S]*?)${COUNTRY} in the gazetteer$`),
    params: (m) => ({ name: m[1], country: m[2] }),
  },
  {
    code: 'ambiguous',
    re: new RegExp(`^(\\d+) places are called ([\\s\\S]*?)${COUNTRY} and the document does not say which$`),
    params: (m) => ({ count: Number(m[1]), name: m[2], country: m[3] }),
  },
  {
    code: 'not_inside_parent',
    re: /^([\s\S]*) is not in the gazetteer inside ([\s\S]*)$/,
    params: (m) => ({ rest: m[1], parent: m[2] }),
  },
];

/**
 * The code and parameters of a stored reason sentence, or null for a sentence no pattern knows. (A name that
 * itself ends in " in " and two capital letters reads as a name and a country: the sentence cannot tell.)
 */
export function parseReason(text: string): { code: ReasonCode; params: ReasonParams } | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const r = unresolvedReason(p.code, p.params(m));
    if (r.text === text) return { code: r.code, params: r.params };
  }
  return null;
}
