export interface KindSpan { start: number; end: number; written: string; kind: 'sister' | 'cooperation' | 'other' }
export interface NotATieSpan { start: number; end: number; written: string; reason: string }
export const NOT_A_TIE: ReadonlyArray<{ text: string; reason: string }> = [];
export function findKindWords(_text: string): KindSpan[] { return []; }
export function findNotATieWords(_text: string): NotATieSpan[] { return []; }
export function notATieReason(_text: string): string | null { return null; }
