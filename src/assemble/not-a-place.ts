// Capitalised runs in running text that name no place, whatever the gazetteer says of their words: a person's
// title (`Councillor Kok`, `Lord Mayor I`), an organisation (`Xinhua News Agency`, `Association for Friendship with
// Foreign Countries`), an event (`Sydney Week`, `Expo`), a heading or a day (`EXECUTIVE SUMMARY From Sunday`), and a
// prefix written before a hyphen (`Sino-` of `Sino-Russia`). Pure.

/** Words that make a Latin run a title, an organisation, an event or a heading. */
const NO_PLACE_WORD =
  /^(?:Councillor|Councilor|Lord|Lady|Mayor|Minister|Ambassador|Chairman|Chairwoman|Chairperson|President|Premier|Senator|Consul|Secretary|Governor|Agency|Association|Committee|Commission|Company|Corporation|Ministry|Bureau|Department|Office|University|Institute|Foundation|Society|Federation|Embassy|Consulate|News|Press|Countries|People['’]s|Party|Week|Festival|Summit|Conference|Forum|Expo|Exhibition|Ceremony|Summary|Executive|Attachment|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/iu;

/** Whether a capitalised run names no place (see above). Only Latin runs are asked; others are left as they are. */
export function namesNoPlace(text: string): boolean {
  if (!/^\p{Script=Latin}/u.test(text)) return false;
  // `Sino-`, `Franco-`: a prefix whose other half the text wrote as a country.
  if (/-$/u.test(text)) return true;
  return text.split(/\s+/u).some((w) => NO_PLACE_WORD.test(w));
}

/**
 * `deux districts de Paris et Nanjing`, `two districts of Paris and Nanjing`: words that make the names after them
 * the places districts lie in, not partners. Plural only: `el distrito de Mentougou` names the district itself.
 */
export const DISTRICTS_OF = /\b(?:districts|arrondissements|quartiers|distritos|distretti|bezirke|boroughs|counties|wards)\s+(?:de|of|du|des|di|dei|von|d['’])\s*$/iu;
