// The bundled samples' manifest describes each document as a person would cite it, and invents nothing:
// every URL in it stands in its document's own text, and the titles are the documents' own where they have one.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES_DIR } from '../src/paths.js';

interface Entry {
  file: string;
  title?: string;
  url?: string;
  publisher?: string;
  asOf?: string;
}
const manifest = JSON.parse(readFileSync(join(SAMPLES_DIR, 'manifest.json'), 'utf8')) as { documents: Entry[] };
const text = (f: string) => readFileSync(join(SAMPLES_DIR, f), 'utf8');
const entry = (prefix: string) => manifest.documents.find((d) => d.file.startsWith(prefix))!;

describe('the samples’ manifest', () => {
  it('gives every sample a title', () => {
    expect(manifest.documents.map((d) => d.file).sort()).toEqual(['000_0f381ef73e09f27f.txt', '001_2be138cf16039818.txt', '002_1b86fcdda1af5c3a.txt', '003_d8932dca6923e789.txt']);
    for (const d of manifest.documents) expect(d.title, d.file).toBeTruthy();
  });

  it('names a URL only where the document states it', () => {
    for (const d of manifest.documents) if (d.url) expect(text(d.file), d.file).toContain(d.url);
    // Dalian's page cites its publisher's page in its <ref>; the others say nowhere where they were published
    expect(entry('000').url).toBe('http://www.wb.dl.gov.cn/info/19244_23923.vm');
    for (const p of ['001', '002', '003']) expect(entry(p).url, p).toBeUndefined();
  });

  it('uses the documents’ own titles: Dalian’s first sentence, Guangzhou’s heading; Dalian’s publisher and as-of date from its <ref>', () => {
    expect(text(entry('000').file)).toContain('大连市友好城市及友好合作关系城市统计表（截止2011年10月）');
    expect(entry('000').title).toBe('大连市友好城市及友好合作关系城市统计表');
    expect(entry('000')).toMatchObject({ publisher: '大连市外事（侨务）办公室', asOf: '2011-10' });
    expect(text(entry('002').file).split('\n').map((l) => l.trim())).toContain(entry('002').title);
  });
});
