/** Column alignment: text left, numbers right. */
export type Align = "left" | "right";

const NUMERIC = /^[-+]?[\d,._]*\d[\d,._]*(%|x| ?[A-Za-z]{0,6})?$/;

/**
 * An aligned plain-text table: a header row, a dashed rule, then the rows. Columns that hold
 * numbers (as formatted strings) are right-aligned unless `align` says otherwise.
 */
export function formatTable(header: string[], rows: string[][], align?: Align[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const aligns =
    align ??
    header.map((_, c) =>
      rows.length > 0 && rows.every((r) => !r[c] || NUMERIC.test(r[c])) ? "right" : "left",
    );
  const line = (r: string[]) =>
    r
      .map((cell, c) =>
        aligns[c] === "right" ? (cell ?? "").padStart(widths[c]) : (cell ?? "").padEnd(widths[c]),
      )
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
