#!/usr/bin/env node
// Re-checks chosen mutants against test files: `node scripts/mutants.js <generated.csv> <test[,test...]> [hash ...]`.
//
// SuMo (`npm run mutation`) records every mutant it generated (docs/mutation/<Contract>.generated.csv:
// hash, file, operator, character range, original, replacement). This applies each named mutant
// (all of the file when no hash is given) to its contract, runs `hardhat test <test> --bail` with
// MUTATION=1 FUZZ_RUNS=4 as `npm run mutation` does, records killed (a test failed or compilation
// failed: stillborn) or live, and restores the contract, also when interrupted. It is how each
// kill named in test/mutation/*.mutants.test.ts is checked. Not part of `npm test`.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const [csvPath, testFile, ...hashes] = process.argv.slice(2);
if (!csvPath || !testFile) {
  console.error("usage: node scripts/mutants.js <generated.csv> <test file[,test file...]> [hash ...]");
  process.exit(2);
}
const rows = fs
  .readFileSync(csvPath, "utf8")
  .split("\n")
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => {
    const [hash, file, operator, start, end, line, , original, replacement] = l.split("$");
    return { hash, file, operator, start: Number(start), end: Number(end), line, original, replacement };
  });
const wanted = hashes.length ? rows.filter((r) => hashes.includes(r.hash)) : rows;
const missing = hashes.filter((h) => !rows.some((r) => r.hash === h));
if (missing.length) {
  console.error(`not in ${csvPath}: ${missing.join(" ")}`);
  process.exit(2);
}

const root = path.join(__dirname, "..");
const originals = new Map();
function restore() {
  for (const [file, text] of originals) fs.writeFileSync(file, text);
}
process.on("SIGINT", () => {
  restore();
  process.exit(130);
});

const results = [];
try {
  for (const m of wanted) {
    const file = path.join(root, m.file);
    if (!originals.has(file)) originals.set(file, fs.readFileSync(file, "utf8"));
    const text = originals.get(file);
    // SuMo's offsets are in characters of the original source; check they still point at the original.
    if (text.slice(m.start, m.end).trim() !== m.original.trim()) {
      throw new Error(
        `${m.hash}: ${m.file} changed since the mutants were generated (expected "${m.original}")`,
      );
    }
    fs.writeFileSync(file, text.slice(0, m.start) + m.replacement + text.slice(m.end));
    const run = spawnSync("npx", ["hardhat", "test", ...testFile.split(","), "--bail"], {
      cwd: root,
      env: { ...process.env, MUTATION: "1", FUZZ_RUNS: "4" },
      encoding: "utf8",
    });
    fs.writeFileSync(file, text);
    const out = `${run.stdout}${run.stderr}`;
    const status =
      run.status === 0 ? "live" : /HH600|CompilerError|Compilation failed/.test(out) ? "stillborn" : "killed";
    results.push({ ...m, status });
    console.log(
      `${m.hash} L${m.line} ${m.operator} [${m.original.trim()}] -> [${m.replacement.trim()}]: ${status}`,
    );
  }
} finally {
  restore();
}
const count = (s) => results.filter((r) => r.status === s).length;
console.log(
  `killed ${count("killed")}, live ${count("live")}, stillborn ${count("stillborn")} of ${results.length}`,
);
process.exit(count("live") === 0 ? 0 : 1);
