/** Fixed-point scale of every ratio, price and percentage in the library (1e18 = 1.0). */
export const WAD = 10n ** 18n;
/** One whole token of 18 decimals (FUR, WETH, LP tokens): the same number as WAD, used for amounts. */
export const E18 = WAD;

/** Seconds in a day. */
export const DAY = 86_400n;
/** Seconds in a 365-day year: the year of every APR. */
export const YEAR = 365n * DAY;
