/** The write stage: a rendered report folder on disk. */
import fs from "fs";
import path from "path";
import type { SimulationReport } from "./report";
import { renderReport } from "./render";

/** Writes report.json, report.md and charts/*.svg into `dir`; returns the files' paths in it. */
export function writeReport(dir: string, r: SimulationReport): string[] {
  const files = renderReport(r);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return Object.keys(files);
}

/** Reads a report folder's report.json back (the only file a report is rebuilt from). */
export function readReport(dir: string): SimulationReport {
  return JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8")) as SimulationReport;
}
