#!/usr/bin/env node
// The mutation score of a contract from the files docs/security.md publishes:
//   node scripts/mutation-score.js <Contract> [<Contract> ...]      e.g. Farm Pair
// reads docs/mutation/<Contract>.generated.csv (every mutant SuMo generated), <Contract>.sumo.csv
// (SuMo's results.csv of the run, resumed parts appended) and <Contract>.triage.tsv (one row per
// mutant the run let live: hash, status, why), checks that they agree (every generated mutant ran,
// every live one is triaged, nothing else is), and prints the row of docs/security.md's table.
// Score = killed / (generated - stillborn - equivalent), killed counting the run's kills (SuMo's
// `killed` and `timedout`) and those killed afterwards by test/mutation/. Not part of `npm test`.
const fs = require("fs");
const path = require("path");

const DIR = path.join(__dirname, "..", "docs", "mutation");

function rows(file, sep) {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.replace(/\r$/, ""))
    .filter((l) => l.trim() && !/^hash\b/i.test(l))
    .map((l) => l.split(sep));
}

function score(name) {
  const problems = [];
  const generated = rows(path.join(DIR, `${name}.generated.csv`), "$").map((r) => r[0]);
  const status = new Map();
  for (const r of rows(path.join(DIR, `${name}.sumo.csv`), "$")) {
    const [hash, , , , , line, , , , result] = r;
    // A mutant run twice (a resumed range's first) keeps its last result.
    status.set(hash, { line, result });
  }
  const triage = new Map();
  for (const [hash, verdict, why] of rows(path.join(DIR, `${name}.triage.tsv`), "\t")) {
    if (triage.has(hash)) problems.push(`${hash}: triaged twice`);
    triage.set(hash, { verdict, why });
  }
  const notRun = generated.filter((h) => !status.has(h));
  for (const h of status.keys()) if (!generated.includes(h)) problems.push(`${h}: run but not generated`);
  const count = { stillborn: 0, killedInRun: 0, killedAfter: 0, equivalent: 0, notKilled: 0 };
  for (const [hash, { result }] of status) {
    if (result === "stillborn") count.stillborn++;
    else if (result === "killed" || result === "timedout") {
      count.killedInRun++;
      if (triage.has(hash)) problems.push(`${hash}: killed in the run, yet triaged`);
    } else if (result === "live") {
      const t = triage.get(hash);
      if (!t) problems.push(`${hash}: live and not triaged`);
      else if (t.verdict.startsWith("killed afterwards")) count.killedAfter++;
      else if (t.verdict === "equivalent") count.equivalent++;
      else if (t.verdict === "not killed") count.notKilled++;
      else problems.push(`${hash}: unknown verdict "${t.verdict}"`);
    } else problems.push(`${hash}: unknown status "${result}"`);
  }
  for (const h of triage.keys()) if (status.get(h)?.result !== "live") problems.push(`${h}: triaged, not live`);
  const killed = count.killedInRun + count.killedAfter;
  const valid = generated.length - notRun.length - count.stillborn - count.equivalent;
  return { name, generated: generated.length, run: status.size, notRun, ...count, killed, valid, problems };
}

let failed = false;
for (const name of process.argv.slice(2)) {
  const s = score(name);
  const pct = s.valid ? ((100 * s.killed) / s.valid).toFixed(1) : "-";
  console.log(
    `${s.name}: generated ${s.generated}, run ${s.run}${s.notRun.length ? ` (${s.notRun.length} not run)` : ""}, ` +
      `stillborn ${s.stillborn}, killed in the run ${s.killedInRun}, killed afterwards ${s.killedAfter}, ` +
      `equivalent ${s.equivalent}, not killed ${s.notKilled}: score ${pct}% (${s.killed}/${s.valid})`,
  );
  for (const p of s.problems) console.log(`  problem: ${p}`);
  if (s.problems.length) failed = true;
}
if (process.argv.length < 3) {
  console.error("usage: node scripts/mutation-score.js <Contract> [<Contract> ...]");
  process.exit(2);
}
process.exit(failed ? 1 : 0);
