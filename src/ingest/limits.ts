// Limits the command line needs before it loads the readers (its options' defaults).

/**
 * Documents larger than this are refused unless --max-bytes says otherwise. The same value as ingest.ts's
 * DEFAULT_MAX_BYTES, which the readers use (test/startup.test.ts checks they agree).
 */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
