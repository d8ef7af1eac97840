// Large documents in each format, built from the names and countries of the bundled samples, for
// throughput measurements. Deterministic: the same n gives the same bytes.

const PLACES: Array<[string, string, string]> = [
  ['北九州', '日本', 'Japan'], ['奧克蘭', '美国', 'USA'], ['舞鶴市', '日本', 'Japan'], ['不莱梅', '德国', 'Germany'],
  ['勒阿弗爾', '法国', 'France'], ['格拉斯哥', '英国', 'United Kingdom'], ['海参崴', '俄罗斯', 'Russia'],
  ['仁川广域市', '韩国', 'South Korea'], ['休斯顿', '美国', 'USA'], ['阿德莱德', '澳大利亚', 'Australia'],
  ['热那亚', '意大利', 'Italy'], ['布兰卡港', '阿根廷', 'Argentina'], ['拉巴斯', '玻利维亚', 'Bolivia'],
  ['洛杉矶郡', '美国', 'USA'], ['里耶卡', '克罗地亚', 'Croatia'], ['托木斯克', '俄罗斯', 'Russia'],
  ['恩斯赫德', '荷兰', 'Netherlands'], ['卑尔根', '挪威', 'Norway'], ['沃尔夫斯堡', '德国', 'Germany'],
  ['奈良市', '日本', 'Japan'], ['爱丁堡', '英国', 'United Kingdom'], ['伊斯法罕', '伊朗', 'Iran'],
  ['拉合尔', '巴基斯坦', 'Pakistan'], ['庆州市', '韩国', 'South Korea'], ['科尼亚', '土耳其', 'Turkey'],
];
const OWNERS = ['大连市', '西安市', '广州市', '北京市', '天津市', '武汉市', '郑州市', '长沙市', '兰州市', '银川市'];

function pick<T>(arr: T[], i: number): T {
  return arr[(i * 2654435761) % arr.length >>> 0] ?? arr[i % arr.length];
}
function date(i: number): { iso: string; zh: string } {
  const y = 1973 + (i % 50);
  const m = 1 + (i % 12);
  const d = 1 + (i % 28);
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, zh: `${y}年${m}月${d}日` };
}

export function delimitedDocument(n: number): string {
  const lines = ['(截止2023年5月,我市已与99个国家的' + n + '个城市建立了友好城市关系)', '序号 | 城市 | 国家 | 结好签字时间 |'];
  for (let i = 0; i < n; i++) {
    const [name, country] = PLACES[i % PLACES.length];
    lines.push(`${i + 1} | ${name}${i} | ${country} | ${date(i).zh} |`);
  }
  return lines.join('\n') + '\n';
}

export function wikitextDocument(n: number): string {
  const lines = ['{{Pathnav|大连市}}', '== 友好城市 ==', '{| class="wikitable"', '|-', '! 序號 !! 國家 !! 城市 !! 結好時間'];
  for (let i = 0; i < n; i++) {
    const [name, country, flag] = PLACES[i % PLACES.length];
    lines.push('|-', `| ${i + 1} || {{flagicon|${flag}}}[[${country}|${country}]] || [[${name}${i}|${name}${i}]] || ${date(i).iso}`);
  }
  lines.push('|}');
  return lines.join('\n') + '\n';
}

export function markdownDocument(n: number): string {
  const lines = ['此列表列出中華人民共和國的[友好城市](../Page/友好城市.md "wikilink")。', ''];
  const perSection = 1000;
  for (let s = 0; s * perSection < n; s++) {
    lines.push(`## 省${s}`, '', '| | |', '| -: | - |');
    for (let i = s * perSection; i < Math.min(n, (s + 1) * perSection); i++) {
      const [name, country] = PLACES[i % PLACES.length];
      const owner = i % 7 === 0 ? `〖[${pick(OWNERS, i)}](../Page/${pick(OWNERS, i)}.md "wikilink")〗-` : '';
      lines.push(`| ${owner} | | <small>[${country}](../Page/${country}.md "wikilink")[${name}${i}](https://zh.wikipedia.org/wiki/${name} "wikilink")（${date(i).zh}） |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
