// Recognition throughput: findCountries, findDates and findKindWords on 100,000 generated short lines in the
// shapes real lists take (a numbered Chinese row, a Japanese table row, a Korean sentence, an English or
// Russian line), and findDates on one 1 MB line. Prints lines per second (median of several runs).
// Run: `npx tsc -p tsconfig.json && node dist/bench/recognize.js` (BENCH_LINES, BENCH_RUNS to change the size).
import { findCountries, findDates, findKindWords } from '../src/recognize/index.js';

const N = Number(process.env.BENCH_LINES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const SHAPES = [
  (i: number) => `${i}. 大连市 — 北九州市（日本） ${1973 + (i % 40)}年${1 + (i % 12)}月${1 + (i % 28)}日 友好城市`,
  (i: number) => `| 神戸市 | 天津市 | 中華人民共和国 | 昭和${48 + (i % 16)}年6月24日 | 友好都市 |`,
  (i: number) => `성남시는 ${1986 + (i % 30)}년 5월 28일 미국 오로라시와 자매결연을 맺었다`,
  (i: number) => `Ballarat, Australia – Fuxin, China (signed May ${1 + (i % 28)}, ${1980 + (i % 40)})`,
  (i: number) => `Челябинск и Далянь стали городами-побратимами ${1 + (i % 28)} мая ${1990 + (i % 30)} г.`,
  (i: number) => `Lyon FRA – Guangzhou CHN, jumelage ${1988 + (i % 30)}`,
  (i: number) => `Port Moresby, Papua New Guinea`,
  (i: number) => `北九州市 Kitakyushu`,
];

const lines = Array.from({ length: N }, (_, i) => SHAPES[i % SHAPES.length](i));
const chars = lines.reduce((n, l) => n + l.length, 0);

function rate(label: string, fn: (line: string) => unknown[]) {
  let found = 0;
  for (const l of lines.slice(0, 1000)) found += fn(l).length; // warm up (builds the matchers)
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    found = 0;
    const t0 = performance.now();
    for (const l of lines) found += fn(l).length;
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  console.log(`${label.padEnd(16)} ${Math.round((N / ms) * 1000).toLocaleString('en').padStart(10)} lines/s  (${N.toLocaleString('en')} lines, ${ms.toFixed(0)} ms, ${found.toLocaleString('en')} spans)`);
}

console.log(`recognize: ${N.toLocaleString('en')} generated lines, ${(chars / N).toFixed(0)} characters on average, median of ${RUNS} runs`);
let t0 = performance.now();
findCountries('x');
console.log(`findCountries    matcher built in ${(performance.now() - t0).toFixed(0)} ms`);
rate('findCountries', (l) => findCountries(l));
rate('findDates', (l) => findDates(l, { bareYears: true }));
rate('findKindWords', (l) => findKindWords(l));

const big = lines.join(' ').slice(0, 1_000_000);
t0 = performance.now();
const spans = findDates(big);
console.log(`findDates        one ${(big.length / 1e6).toFixed(1)} MB line in ${(performance.now() - t0).toFixed(0)} ms (${spans.length.toLocaleString('en')} dates)`);
t0 = performance.now();
const cs = findCountries(big);
console.log(`findCountries    one ${(big.length / 1e6).toFixed(1)} MB line in ${(performance.now() - t0).toFixed(0)} ms (${cs.length.toLocaleString('en')} countries)`);
