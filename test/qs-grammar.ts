// The QuickStatements V1 grammar, as QuickStatements itself reads a batch (importDataFromV1 and parseValueV1 in
// magnusmanske/quickstatements, public_html/quickstatements.php): commands split at "\n", fields at "\t";
// a statement is ITEM PROPERTY VALUE followed by KEY VALUE pairs, a key Pn (qualifier) or Sn (reference);
// a value is an item, "string", lang:"text" or a time +YYYY-MM-DDT00:00:00Z/precision. Written here for the
// tests, from that reading, so that a line youcheng writes is checked against the reader, not against itself.
export interface V1Statement {
  item: string;
  property: string;
  value: string;
  qualifiers: Array<[string, string]>;
  references: Array<[string, string]>;
}

const ITEM = /^(?:[PQLM]\d+|L\d+-[FS]\d+)$/;
const TIME = /^[+-]?\d+-\d\d-\d\dT\d\d:\d\d:\d\dZ\/\d+$/;

export function v1Value(v: string): 'item' | 'string' | 'monolingualtext' | 'time' | null {
  if (v !== v.trim()) return null; // QuickStatements trims: a value must not rely on its edge whitespace
  if (ITEM.test(v)) return 'item';
  if (/^"(.*)"$/s.test(v)) return 'string';
  if (/^([a-z_-]+):"(.*)"$/is.test(v)) return 'monolingualtext';
  if (TIME.test(v)) return 'time';
  return null;
}

/** Parses one line, or throws saying why it is not a V1 statement with qualifiers and references. */
export function parseV1(line: string): V1Statement {
  if (/[\r\n]/.test(line)) throw new Error('a line break inside a command');
  if (/^(.*?) *\/\* *(.*?) *\*\/ *$/.test(line)) throw new Error('ends in /* … */, which QuickStatements takes for a summary');
  const cols = line.split('\t');
  if (cols.length < 3 || (cols.length - 3) % 2 !== 0) throw new Error(`${cols.length} fields: expected ITEM PROPERTY VALUE and pairs`);
  const [item, property, value, ...rest] = cols as [string, string, string, ...string[]];
  if (!/^Q[1-9]\d*$/.test(item)) throw new Error(`not an item: ${item}`);
  if (!/^P[1-9]\d*$/.test(property)) throw new Error(`not a property: ${property}`);
  if (!v1Value(value)) throw new Error(`not a value: ${value}`);
  const qualifiers: Array<[string, string]> = [];
  const references: Array<[string, string]> = [];
  for (let i = 0; i < rest.length; i += 2) {
    const k = rest[i]!;
    const v = rest[i + 1]!;
    if (!/^[PS][1-9]\d*$/.test(k)) throw new Error(`not a qualifier or reference property: ${k}`);
    if (!v1Value(v)) throw new Error(`not a value: ${v}`);
    // A qualifier after a reference would start a new command in QuickStatements: references come last.
    if (k.startsWith('P') && references.length) throw new Error(`qualifier ${k} after the reference`);
    (k.startsWith('S') ? references : qualifiers).push([k, v]);
  }
  return { item, property, value, qualifiers, references };
}
