// The names of the formats youcheng reads (`ingest --format`), known to the command line without loading the
// readers themselves; readers/index.ts checks that its list has exactly these names.
export const READER_NAMES = ['nodes-links', 'pairs', 'wikitext', 'markdown', 'delimited', 'lists'] as const;
