// Noise that copies of Chinese pages carry: anti-scraping junk (short runs of ASCII symbols and letters
// injected at line starts, line ends and between characters), pinyin injected after characters, ASCII
// punctuation for full-width, and zero-width characters. Pure; applied to a block's text before it is read.

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const HAN = /\p{Script=Han}/u;
/** The symbols a junk token between Han characters is made of (the class of that replacement). */
const JUNK_SYMBOL = /[%_#^&*@$+{}[\]\\`~"'<>=!]/;
/** A junk token: 1–3 ASCII characters that are not a word, or any run of ASCII symbols. */
const JUNK_TOKEN = /^(?:[!-/:-@[-`{-~]+[A-Za-z0-9]{0,2}[!-/:-@[-`{-~]*|[A-Za-z0-9]{1,2}[!-/:-@[-`{-~]+[A-Za-z0-9]?|[A-Za-z]\d|\d[A-Za-z]|[!-/:-@[-`{-~]|[A-Za-z]{1,2})$/;

const TEXT_END = /^[\p{Script=Han}\p{Script=Hangul}）)】。]$/u;

/**
 * The index just past the last Han or Hangul character, closing bracket or full stop of a text, or -1.
 * Scanned from the end: `/[Han…]\s*([^Han…]*)$/` found the same tail, but backtracked over every split of a
 * run of whitespace after such a character (a line of 25,000 spaces after a Han name took seconds a call).
 */
function lastTextEnd(t: string): number {
  for (let i = t.length - 1; i >= 0; i--) {
    const c = t.charCodeAt(i);
    if (c < 0x1100 && c !== 0x29) continue; // below Hangul Jamo only `)` ends text
    // A character outside the BMP (Han extension B and on) is a surrogate pair: test it whole.
    const pair = c >= 0xdc00 && c <= 0xdfff && i > 0 && t.charCodeAt(i - 1) >= 0xd800 && t.charCodeAt(i - 1) <= 0xdbff;
    const start = pair ? i - 1 : i;
    if (TEXT_END.test(t.slice(start, i + 1))) return i + 1;
    if (pair) i--;
  }
  return -1;
}

/**
 * Strips junk from a line that is mostly Chinese: the ASCII tokens before its first Han character and
 * after its last Han character or closing bracket, when each token is junk-shaped (`& k e4 x. G9 v5 {) p`).
 * A line without Han characters, or whose edge holds a real word or number (`1988`, `Lyon`), is kept.
 */
export function denoise(text: string): string {
  let t = text.replace(ZERO_WIDTH, '');
  if (!HAN.test(t)) return t;
  // Leading junk.
  const first = t.search(/[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}（【]/u);
  if (first > 0) {
    const head = t.slice(0, first);
    const tokens = head.trim().split(/\s+/).filter(Boolean);
    // A tab, or a pipe on both sides of the text, separates cells: a table row's first cells are no junk.
    if (!/\t/.test(head) && !(head.includes('|') && t.slice(first).includes('|')) && tokens.length && tokens.every((x) => JUNK_TOKEN.test(x) || /^\d$/.test(x)) && !(tokens.length === 1 && /^\d{1,3}[.、)]?$/.test(tokens[0]))) t = t.slice(first);
  }
  // Trailing junk: after the last Han character or closing bracket.
  const end = lastTextEnd(t);
  const tail = end === -1 ? '' : t.slice(end).trimStart();
  if (tail) {
    const tokens = tail.trim().split(/\s+/).filter(Boolean);
    if (!/\t/.test(tail) && !(tail.includes('|') && t.slice(0, t.length - tail.length).includes('|')) && tokens.length && tokens.every((x) => JUNK_TOKEN.test(x)) && /[!-/:-@[-`{-~]/.test(tail)) t = t.slice(0, t.length - tail.length);
  }
  // (Each of the three below only when the text holds the character it needs: they run on every line.)
  // Pinyin injected after single characters: 大(da)连(lian) → 大连.
  if (t.includes('(') || t.includes('（')) t = t.replace(/(\p{Script=Han})\s*[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\d?[)）]/gu, '$1');
  // Junk between Han characters: a short ASCII token standing alone between two Han characters.
  // (Punctuation that separates names — , ; : / - ( ) — is left alone.)
  if (JUNK_SYMBOL.test(t)) t = t.replace(/(\p{Script=Han})\s*[%_#^&*@$+{}[\]\\`~"'<>=!]{1,3}[A-Za-z0-9]?\s*(?=\p{Script=Han})/gu, '$1');
  // Characters spaced out for alignment: `결 연 일`, `城 市` → `결연일`, `城市`.
  if (t.includes(' ')) t = t.replace(/(?<![\p{L}])[\p{Script=Han}\p{Script=Hangul}](?: [\p{Script=Han}\p{Script=Hangul}])+(?![\p{L}])/gu, (m) => m.replace(/ /g, ''));
  return t.trim();
}
