// ISO 3166-1 alpha-2 → continent, generated once from world-countries (region; Americas split by subregion),
// the same rule as src/normalize/country.ts continentOf.
export type Continent = 'AS' | 'EU' | 'AF' | 'NA' | 'SA' | 'OC' | 'AN';

const GROUPS: Record<Continent, string> = {
  AS: 'AE AF AM AZ BD BH BN BT CN GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE',
  EU: 'AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK',
  AF: 'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW',
  NA: 'AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV SX TC TT UM US VC VG VI',
  SA: 'AR BO BR CL CO EC FK GF GY PE PY SR UY VE',
  OC: 'AS AU CC CK CX FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS',
  AN: 'AQ BV GS HM TF',
};

const BY_ISO2 = new Map<string, Continent>();
for (const [k, v] of Object.entries(GROUPS) as Array<[Continent, string]>) for (const cc of v.split(' ')) BY_ISO2.set(cc, k);

export function continentOf(iso2: string | null | undefined): Continent | null {
  return iso2 ? (BY_ISO2.get(iso2.toUpperCase()) ?? null) : null;
}

/** The API names continents in English words ('North America'); map them to codes. */
const WORDS: Record<string, Continent> = { Asia: 'AS', Europe: 'EU', Africa: 'AF', 'North America': 'NA', 'South America': 'SA', Oceania: 'OC', Antarctica: 'AN' };
export function continentFromWord(w: string | null | undefined): Continent | null {
  if (!w) return null;
  if (w in WORDS) return WORDS[w];
  return (Object.keys(GROUPS) as Continent[]).includes(w as Continent) ? (w as Continent) : null;
}
export const CONTINENTS: Continent[] = ['AS', 'EU', 'AF', 'NA', 'SA', 'OC', 'AN'];
export const CONTINENT_WORD: Record<Continent, string> = { AS: 'Asia', EU: 'Europe', AF: 'Africa', NA: 'North America', SA: 'South America', OC: 'Oceania', AN: 'Antarctica' };
