// The recognition stage: what a block of text (a list item, a table row, a line of prose) says about dates,
// countries and the kind of tie, as spans with offsets into the text. Pure functions.
export { findDates } from './dates.js';
export type { DateSpan, FindDatesOptions } from './dates.js';
export { findCountries } from './countries.js';
export type { CountrySpan, FindCountriesOptions } from './countries.js';
export { findKindWords, findNotATieWords, notATieReason, NOT_A_TIE } from './kinds.js';
export type { KindSpan, NotATieSpan } from './kinds.js';
