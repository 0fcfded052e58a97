// SuMo (mutation testing) configuration for `npm run mutation`. Not part of `npm test`.
//
// Which contracts are mutated: by default every contract of contracts/amm and contracts/farm.
// MUTATE restricts the run to some of them (comma-separated paths), e.g.
//   MUTATE=contracts/amm/PairFactory.sol npm run mutation
// Each mutant is compiled, then only the test files that exercise the mutated contract are run
// (TESTS below), with FUZZ_RUNS=4 (set by the npm script) and --bail (added by SuMo for
// Hardhat): a mutant stops at its first failing test. Results land in .sumo/results.
const fs = require("fs");
const path = require("path");

const CONTRACTS_DIR = "contracts";
const TEST_DIR = "test";

// Test files per mutated contract (SuMo passes them to `hardhat test` in path order).
const TESTS = {
  "amm/PairFactory.sol": [
    "amm/PairFactory.test.ts",
    "mutation/PairFactory.mutants.test.ts",
    "amm/Layout.test.ts",
  ],
  "amm/LPToken.sol": ["amm/LPToken.test.ts", "mutation/LPToken.mutants.test.ts", "amm/Pair.test.ts"],
  "amm/Pair.sol": [
    "amm/Pair.test.ts",
    "mutation/Pair.mutants.test.ts",
    "amm/HostileTokens.test.ts",
    "amm/Pair.fuzz.test.ts",
    "amm/Layout.test.ts",
  ],
  "periphery/Router.sol": ["amm/Router.test.ts", "amm/HostileTokens.test.ts"],
  "farm/FarmAccrual.sol": [
    "farm/Farm.test.ts",
    "mutation/FarmAccrual.mutants.test.ts",
    "farm/Farm.precision.test.ts",
    "farm/Farm.supply.test.ts",
    "farm/Farm.views.test.ts",
    "farm/Farm.users.test.ts",
    "farm/Layout.test.ts",
  ],
  "farm/Farm.sol": [
    "farm/Farm.test.ts",
    "mutation/Farm.mutants.test.ts",
    "farm/Farm.hostile.test.ts",
    "farm/Farm.supply.test.ts",
    "farm/Farm.views.test.ts",
    "farm/Farm.precision.test.ts",
    "farm/Farm.users.test.ts",
    "farm/Farm.audit.test.ts",
    "farm/Layout.test.ts",
  ],
  "farm/ERC20Rewarder.sol": [
    "farm/ERC20Rewarder.test.ts",
    "mutation/ERC20Rewarder.mutants.test.ts",
    "incidents/Rewarder.incidents.test.ts",
    "farm/Farm.hostile.test.ts",
    "farm/Farm.audit.test.ts",
  ],
};

// Default targets: the folders issue 9 item 9 names (the Router has moved to periphery/). Libraries, mocks, interfaces and
// governance are never mutated by default.
const DEFAULT_TARGETS = ["amm/", "periphery/Router.sol", "farm/"];

function filesUnder(dir, ext) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, ext));
    else if (ext.some((e) => entry.name.endsWith(e))) out.push(full);
  }
  return out;
}

function relative(base, file) {
  return path.relative(path.join(__dirname, base), file).split(path.sep).join("/");
}

const allContracts = filesUnder(path.join(__dirname, CONTRACTS_DIR), [".sol"]).map((f) =>
  relative(CONTRACTS_DIR, f),
);
const requested = process.env.MUTATE
  ? process.env.MUTATE.split(",").map((p) => p.trim().replace(/^(\.\/)?contracts\//, ""))
  : null;
for (const r of requested ?? []) {
  if (!TESTS[r]) throw new Error(`MUTATE: no test list for ${r}; known: ${Object.keys(TESTS).join(", ")}`);
}
const targets = allContracts.filter((c) =>
  requested ? requested.includes(c) : DEFAULT_TARGETS.some((d) => c.startsWith(d)) && TESTS[c],
);
const wantedTests = new Set(targets.flatMap((c) => TESTS[c]));
const allTests = filesUnder(path.join(__dirname, TEST_DIR), [".ts", ".js", ".sol", ".py"]).map((f) =>
  relative(TEST_DIR, f),
);

module.exports = {
  buildDir: "artifacts",
  contractsDir: CONTRACTS_DIR,
  testDir: TEST_DIR,
  // SuMo matches these as path prefixes relative to contractsDir / testDir.
  skipContracts: allContracts.filter((c) => !targets.includes(c)),
  skipTests: allTests.filter((t) => !wantedTests.has(t)),
  testingTimeOutInSec: 300,
  network: "none",
  testingFramework: "hardhat",
  minimal: false,
  tce: false,
};
