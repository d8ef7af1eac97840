// The ids of places the gazetteer does not hold: made from the name as written and its country, so that the same
// unknown place read twice is one place (reconciliation gives them; a split of a name by an edit names one).
import { fold } from '../normalize/script.js';

export function provisionalId(name: string, country: string | null): string {
  return `u:${country ?? 'XX'}:${fold(name)}`;
}
