// The words of a place's government written around its name in running text: `Bay of Plenty Regional Council`,
// `Jiangxi Provincial Government`, `Ōpōtiki District Council`, `la Giunta di Castello di Città di San Marino`.
// A council signs for its place: the tie is the place's. And a city named after its state (`Città di San Marino`,
// `Ciudad de México`, `Kuwait City`) is one name, though a country's name stands inside it. Pure.

/** A government body before the name, with its `of` (`Giunta di Castello di`, `Comune di`, `Council of`). */
const HEAD = /^(?:(?:Giunta|Consiglio|Comune|Municipio|Municipality|Council|Government|Gemeinde|Conseil|Ayuntamiento|Prefeitura|Mairie)(?:\s+(?:di|del|della|of|of the|de|de la|du|der|von)\s+Castello)?\s+(?:di|del|della|of|of the|de|de la|du|der|von)\s+)/u;
/** A government body after the name (`Regional Council`, `Provincial Government`, `City Council`). */
const TAIL = /\s+(?:(?:Regional|District|City|Municipal|Provincial|County|Town|Shire|Prefectural|People['’]s)\s+)?(?:Council|Government)$/u;

/** The name without the government words around it, and how many characters were cut from its start. */
export function withoutGovernment(name: string): { text: string; cut: number } {
  const head = HEAD.exec(name);
  const cut = head ? head[0].length : 0;
  const text = name.slice(cut).replace(TAIL, '');
  // Nothing but the body's words (`City Council`): no name.
  return { text: /^\p{Lu}/u.test(text) ? text : '', cut };
}

/** Words that make a city of the country named after them (`Città di ` + San Marino). */
const CITY_OF = /(?:^|\s)((?:Città|Citta|Ciudad|Cidade|Ville|City)\s+(?:di|de|of|do|da|du|del|della)\s+)$/u;

/** The `City of` written just before a country's name, when the two are one city's name (`Città di San Marino`), else null. */
export function cityState(before: string): string | null {
  return CITY_OF.exec(before)?.[1] ?? null;
}
