// What the map and graph exports share: the rows they read (src/registry/map-rows.ts) and display names.
export { placeRows, tieRows, networkCounts, type PlaceRow, type TieRow } from '../registry/map-rows.js';

/** Names of a place for display: simplified Chinese, else English, else the id. */
export function displayName(zh: string | null, en: string | null, id: string): string {
  return zh ?? en ?? id;
}
