import type { AdminLevel } from '../model.js';
import type { ReasonCode, ReasonParams } from '../registry/reasons.js';

/** A real place as the registry keeps it. */
export interface PlaceRecord {
  id: string;
  nameZhHans: string | null;
  nameZhHant: string | null;
  nameEn: string | null;
  pinyin: string | null;
  country: string | null;
  level: AdminLevel;
  parentId: string | null;
  lat: number | null;
  lon: number | null;
  geonamesId: number | null;
  gbt2260: string | null;
  population: number | null;
  names: string[];
  resolved: boolean;
}

export interface Candidate {
  id: string;
  name: string;
  country: string | null;
  level: AdminLevel;
  why: string;
  /** The first-level division it lies in (state, province, prefecture …), named, when it is below one. */
  admin1?: string | null;
  admin1_id?: string | null;
  population?: number | null;
}

export type Resolution =
  | { place: PlaceRecord; how: string; parent?: PlaceRecord | null }
  | {
      place: null;
      /** why, in English (stored in the registry, printed by the CLI) */
      reason: string;
      /** the same as a stable code and its parameters, for other languages (reasons.ts) */
      reasonCode: ReasonCode;
      reasonParams: ReasonParams;
      candidates: Candidate[];
    };

/** What a claim says about one side of a tie. */
export interface NameQuery {
  name: string;
  /** Country from the row; null when the row names none. */
  country: string | null;
  /** Latin-script name from the document (`奈良市 Nara`). */
  en?: string | null;
  /** Link target in the document (`奧克蘭_(加州)`). */
  link?: string | null;
  /** A qualifier the document writes beside the name (`堪萨斯市 (密苏里州)` → 密苏里州). */
  qualifier?: string | null;
  /** The heading the row stands under (a province in the all-China list), as context for the Chinese side. */
  context?: string | null;
  /** Where the document puts the place (a network's node), as evidence among places of the same name. */
  near?: { lat: number; lon: number } | null;
  side: 'cn' | 'foreign';
  /** When given, the resolver records each step it took, for `youcheng resolve --explain`. */
  trace?: TraceStep[];
}

export interface TraceStep {
  step: string;
  ok: boolean;
  detail: string;
}

export interface Resolver {
  resolve(q: NameQuery): Resolution;
  /** Places a resolved place depends on (its parents), so they can be stored too. */
  lookup(id: string): PlaceRecord | undefined;
  /** Tells the resolver a place is now in the registry, so rows that name no country can be matched to it. */
  remember(place: PlaceRecord, written?: string[]): void;
}
