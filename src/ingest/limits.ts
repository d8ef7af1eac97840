// Limits the command line needs before it loads the readers (its options' defaults).

/** Documents larger than this are refused unless --max-bytes says otherwise. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
