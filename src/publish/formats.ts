// The export formats by name, known to the command line's options without loading the exporters.
import type { ExportKind } from './export.js';

export type ExchangeFormat = 'jsonl' | 'csv' | 'json' | 'geojson' | 'graphml' | 'gexf' | 'quickstatements';
export const EXCHANGE_FORMATS: readonly ExchangeFormat[] = ['jsonl', 'csv', 'json', 'geojson', 'graphml', 'gexf', 'quickstatements'];
export const EXPORT_KINDS: readonly ExportKind[] = ['claims', 'relationships', 'places'];

export const CONTENT_TYPES: Record<ExchangeFormat, string> = {
  jsonl: 'application/jsonl; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  gexf: 'application/gexf+xml; charset=utf-8',
  quickstatements: 'text/plain; charset=utf-8',
};

export const FILE_EXTENSIONS: Record<ExchangeFormat, string> = {
  jsonl: 'jsonl',
  csv: 'csv',
  json: 'json',
  geojson: 'geojson',
  graphml: 'graphml',
  gexf: 'gexf',
  quickstatements: 'qs.txt',
};

/** Which formats each export has. The graph formats hold places and ties together, asked for by either name. */
export const FORMATS_OF: Record<ExportKind, readonly ExchangeFormat[]> = {
  claims: ['jsonl', 'csv', 'json'],
  relationships: ['jsonl', 'csv', 'json', 'geojson', 'graphml', 'gexf', 'quickstatements'],
  places: ['jsonl', 'csv', 'json', 'geojson', 'graphml', 'gexf'],
};
