// Kind of a tie, from the section a row stands under and the row's own marker. ONE table.
import type { Kind } from '../model.js';
import { fold } from './script.js';
import { memoize } from './memo.js';

/**
 * Kind words and section phrases in every language youcheng reads; Chinese in simplified script
 * (traditional forms match through fold(), and the recognizer makes them with OpenCC).
 * A text matches an entry when its folded form contains the entry's folded form; the table is tried
 * top to bottom, so the more specific phrases come first (agreements short of a tie, then
 * friendly-cooperation ties, then sister ties). `stem` marks a word written in several forms
 * (sister cit → city, cities; побратим → побратимы, городами-побратимами): in running text
 * (src/recognize/kinds.ts) it may be followed by more letters, other entries must end a word.
 */
export const KIND_MARKERS: ReadonlyArray<{ text: string; kind: Kind; stem?: boolean }> = [
  // Agreements short of a sister-city tie (as markers: 布魯塞爾（友好協約書）).
  { text: '友好协约书', kind: 'other' },
  { text: '友好协议', kind: 'other' },
  { text: '文化备忘录', kind: 'other' },
  { text: '备忘录', kind: 'other' },
  { text: '意向书', kind: 'other' },
  { text: '覚書', kind: 'other' }, // ja: memorandum
  { text: '양해각서', kind: 'other' }, // ko: memorandum of understanding
  { text: '의향서', kind: 'other' }, // ko: letter of intent
  { text: 'memorandum of understanding', kind: 'other' },
  { text: 'memoranda of understanding', kind: 'other' },
  { text: 'letter of intent', kind: 'other' },
  { text: 'letters of intent', kind: 'other' },
  { text: 'memorando de entendimiento', kind: 'other' },
  { text: 'протокол о намерениях', kind: 'other' },
  // Friendly-cooperation cities.
  { text: '友好合作关系城市', kind: 'cooperation' },
  { text: '友好合作交流城市', kind: 'cooperation' },
  { text: '友好交流城市', kind: 'cooperation' },
  { text: '友好交流关系', kind: 'cooperation' }, // 签订了友好交流关系协议书
  { text: '友好合作城市', kind: 'cooperation' },
  { text: '友好交流都市', kind: 'cooperation' }, // ja
  { text: '友好協力都市', kind: 'cooperation' }, // ja
  { text: 'パートナーシップ都市', kind: 'cooperation' }, // ja
  { text: '交流都市', kind: 'cooperation' }, // ja
  { text: '友好交流提携', kind: 'cooperation' }, // ja
  { text: '友好提携', kind: 'sister' }, // ja: the tie of a prefecture with a Chinese province
  { text: '姉妹提携', kind: 'sister' }, // ja
  { text: '友好県省', kind: 'sister' }, // ja
  { text: '姉妹交流', kind: 'sister' }, // ja
  { text: '姉妹締結', kind: 'sister' }, // ja: 姉妹締結を行いました
  { text: '姉妹・友好締結', kind: 'sister' }, // ja
  { text: '友好締結', kind: 'sister' }, // ja
  { text: '우호협력도시', kind: 'cooperation' }, // ko
  { text: '우호교류도시', kind: 'cooperation' }, // ko
  { text: '우호도시', kind: 'cooperation' }, // ko
  { text: '우호교류', kind: 'cooperation' }, // ko
  { text: '우호협력', kind: 'cooperation' }, // ko
  { text: '우호친선', kind: 'cooperation' }, // ko: friendship and goodwill (우호친선 교류협정)
  { text: '교류협정', kind: 'cooperation' }, // ko: exchange agreement
  { text: '교류협력 협약', kind: 'cooperation' }, // ko: exchange and cooperation agreement
  { text: 'friendship and cooperation', kind: 'cooperation' },
  { text: 'cooperation agreement', kind: 'cooperation', stem: true },
  { text: 'acuerdo de cooperación', kind: 'cooperation' }, // es
  { text: 'acordo de cooperação', kind: 'cooperation' }, // pt
  { text: 'accord de coopération', kind: 'cooperation' }, // fr
  { text: 'kooperationsabkommen', kind: 'cooperation' }, // de
  { text: 'hafenpartnerschaft', kind: 'other', stem: true }, // de: a port partnership (Wilhelmshaven–Qingdao), a tie short of twinning
  { text: 'patto di amicizia', kind: 'cooperation' }, // it: a friendship pact
  { text: 'umowa o partnerstwie', kind: 'cooperation' }, // pl: a partnership agreement
  { text: 'umowę o partnerstwie', kind: 'cooperation' },
  { text: 'partnership', kind: 'cooperation', stem: true },
  { text: 'friendly relation', kind: 'cooperation', stem: true },
  { text: 'friendly cooperation', kind: 'cooperation' },
  { text: 'friendly exchange', kind: 'cooperation', stem: true },
  { text: 'дружественных отношений', kind: 'cooperation' }, // ru: соглашение об установлении дружественных отношений
  { text: 'дружественные отношения', kind: 'cooperation' },
  { text: 'дружественных связей', kind: 'cooperation' }, // ru: соглашение об установлении дружественных связей
  { text: 'дружественные связи', kind: 'cooperation' },
  // ru: an agreement on (friendship and) cooperation, in each case it is written in (`подписали соглашения о сотрудничестве с Нинбо`).
  ...['соглашение', 'соглашения', 'соглашений', 'соглашению', 'соглашением', 'соглашении'].flatMap((w) => [
    { text: `${w} о сотрудничестве`, kind: 'cooperation' as const },
    { text: `${w} о дружбе и сотрудничестве`, kind: 'cooperation' as const },
  ]),
  // Sister cities.
  { text: '国际友好城市', kind: 'sister' },
  { text: '友好城市关系', kind: 'sister' },
  { text: '友好关系城市', kind: 'sister' },
  { text: '友好城市', kind: 'sister' },
  { text: '姐妹城市', kind: 'sister' },
  { text: '姊妹城市', kind: 'sister' },
  { text: '友城', kind: 'sister' },
  { text: '结好', kind: 'sister' }, // 与英国利物浦结好25周年: the tie made
  { text: '姉妹都市', kind: 'sister' }, // ja
  { text: '友好都市', kind: 'sister' }, // ja: what Japan calls its ties with Chinese cities
  { text: '姉妹提携', kind: 'sister' }, // ja
  { text: '姉妹州', kind: 'sister' }, // ja
  { text: '姉妹県', kind: 'sister' }, // ja
  { text: '友好省', kind: 'sister' }, // ja
  { text: '友好県', kind: 'sister' }, // ja
  { text: '자매도시', kind: 'sister' }, // ko
  { text: '자매결연', kind: 'sister' }, // ko
  { text: 'sister cit', kind: 'sister', stem: true },
  { text: 'sister state', kind: 'sister', stem: true },
  { text: 'sister province', kind: 'sister', stem: true },
  { text: 'sister prefecture', kind: 'sister', stem: true },
  { text: 'twin town', kind: 'sister', stem: true },
  { text: 'sisterhood relation', kind: 'sister', stem: true },
  { text: 'twinned with', kind: 'sister' },
  { text: 'twin cit', kind: 'sister', stem: true }, // twin city, twin-cities
  // Machine translations of побратим (`sworn brothers`, `the cities brothers`, `the brotherly relations`).
  { text: 'sworn brother', kind: 'sister', stem: true },
  { text: 'brotherly relation', kind: 'sister', stem: true },
  { text: 'cities brother', kind: 'sister', stem: true },
  { text: 'city brother', kind: 'sister', stem: true },
  { text: 'chinese brother', kind: 'sister', stem: true },
  { text: 'sisterhood with', kind: 'sister' },
  { text: 'twinning', kind: 'sister', stem: true },
  { text: 'friendship cit', kind: 'sister', stem: true },
  { text: 'friendly cit', kind: 'sister', stem: true },
  { text: 'partner cit', kind: 'sister', stem: true },
  { text: 'ciudad hermana', kind: 'sister', stem: true }, // es
  { text: 'ciudades hermanas', kind: 'sister' },
  { text: 'hermanamiento', kind: 'sister', stem: true },
  { text: 'hermanad', kind: 'sister', stem: true }, // hermanada, hermanadas, hermanado con
  { text: 'cidade irmã', kind: 'sister', stem: true }, // pt
  { text: 'cidades irmãs', kind: 'sister' },
  { text: 'geminação', kind: 'sister', stem: true },
  { text: 'geminad', kind: 'sister', stem: true },
  { text: 'ville jumelle', kind: 'sister', stem: true }, // fr
  { text: 'villes jumelles', kind: 'sister' },
  { text: 'jumelage', kind: 'sister', stem: true },
  { text: 'jumelé', kind: 'sister', stem: true }, // jumelée avec
  { text: 'villes amies', kind: 'sister' }, // fr: traité de villes amies
  { text: 'ville amie', kind: 'sister' },
  { text: 'miasta partnersk', kind: 'sister', stem: true }, // pl: miasta partnerskie, miast partnerskich, miasto partnerskie
  { text: 'miast partnersk', kind: 'sister', stem: true },
  { text: 'miasto partnersk', kind: 'sister', stem: true },
  { text: 'miastem partnersk', kind: 'sister', stem: true },
  { text: 'miasto bliźniacz', kind: 'sister', stem: true }, // pl: miasto bliźniacze, miast bliźniaczych
  { text: 'miast bliźniacz', kind: 'sister', stem: true },
  { text: 'miasta bliźniacz', kind: 'sister', stem: true },
  { text: 'kapatid na lungsod', kind: 'sister' }, // tl: sister city
  { text: 'kapatid na lalawigan', kind: 'sister' }, // tl: sister province
  { text: 'lalawigan ng kapatid', kind: 'sister' },
  { text: 'lungsod ng kapatid', kind: 'sister' },
  { text: 'partnerstadt', kind: 'sister', stem: true }, // de: Partnerstadt, Partnerstädte
  { text: 'freundschaftsstadt', kind: 'sister', stem: true }, // de: Freundschaftsstadt, Freundschaftsstädte
  { text: 'freundschaftsstädte', kind: 'sister', stem: true },
  { text: 'partnerstädte', kind: 'sister', stem: true },
  { text: 'städtepartnerschaft', kind: 'sister', stem: true },
  { text: 'città gemellat', kind: 'sister', stem: true }, // it
  { text: 'città gemell', kind: 'sister', stem: true }, // città gemella, città gemelle
  { text: 'gemellagg', kind: 'sister', stem: true },
  { text: 'gemellat', kind: 'sister', stem: true },
  { text: 'побратим', kind: 'sister', stem: true }, // ru: город-побратим, города-побратимы, городами-побратимами
  { text: 'породнённ', kind: 'sister', stem: true }, // породнённые города
  { text: 'город-партнёр', kind: 'sister', stem: true },
  { text: 'города-партнёр', kind: 'sister', stem: true },
  { text: 'городов-партнёр', kind: 'sister', stem: true },
  { text: 'городами-партнёр', kind: 'sister', stem: true },
  { text: 'التوأم', kind: 'sister', stem: true }, // ar: المدن التوأمة, twin cities
  { text: 'توأمة', kind: 'sister', stem: true },
  { text: 'مدينة توأم', kind: 'sister', stem: true },
  { text: 'مدن توأم', kind: 'sister', stem: true },
  { text: 'المدن الشقيقة', kind: 'sister' }, // ar: sister cities
  { text: 'مدينة شقيقة', kind: 'sister' },
  { text: 'مدن شقيقة', kind: 'sister' },
  { text: 'sister city', kind: 'sister' },
];

const FOLDED = KIND_MARKERS.map((e) => ({ key: fold(e.text), kind: e.kind }));

function match(s: string | null): Kind | null {
  if (!s) return null;
  return s.length <= 64 ? matchMemo(s) : matchText(s);
}

const matchMemo = memoize((s: string) => matchText(s));

function matchText(s: string): Kind | null {
  const k = fold(s);
  if (!k) return null;
  for (const e of FOLDED) if (k.includes(e.key)) return e.kind;
  return null;
}

/** The kind a text names by itself (a marker such as 友好協約書, a heading), or null when it names none. */
export function markerKind(s: string | null): Kind | null {
  return match(s);
}

/** sister | cooperation | other. The marker wins over the section; unknown or absent → sister. */
export function kindOf(section: string | null, marker: string | null): Kind {
  return match(marker) ?? match(section) ?? 'sister';
}
