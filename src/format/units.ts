/** Numbers for people and JSON for machines: the formatting every report and task shares. */
import { formatUnits } from "ethers";
import { WAD } from "../model";

/** JSON for machines: bigints as decimal strings, two-space indentation. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}

/** `amount` (in units of 10^-decimals) with thousands separators and at most `digits` decimals (rounded down). */
export function formatAmount(amount: bigint, decimals: number, digits = 4): string {
  const negative = amount < 0n;
  const [whole, fraction = ""] = formatUnits(negative ? -amount : amount, decimals).split(".");
  const frac = fraction.slice(0, digits).replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/** A 1e18-scaled fraction as a percentage with two decimals (rounded toward zero). */
export function formatPercent(wad: bigint | null): string {
  if (wad === null) return "n/a";
  const bp = (wad * 10_000n) / WAD;
  const sign = bp < 0n ? "-" : "";
  const abs = bp < 0n ? -bp : bp;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${whole}.${(abs % 100n).toString().padStart(2, "0")}%`;
}

/** The shape `toJson` gives a value: bigints become decimal strings. */
export type Json<T> = T extends bigint
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
