/**
 * The layers of Furrow's TypeScript (docs/architecture.md), checked by `npm run lint:deps`.
 *
 *   scripts/ tasks/ app/ test/   entry points and tests: may import src/ (tests also each other)
 *   app/                         the browser app: of src/ only the pure model (it runs in a browser)
 *   src/simulation src/bench     may import positions, chain, format, model
 *   src/positions                may import chain, format, model
 *   src/chain                    may import model
 *   src/format                   may import model
 *   src/model                    pure: imports nothing of the project outside itself
 *   deploy/                      Ignition modules: stand alone but for src/chain/errors.ts (src/ may use them)
 */
/** One forbidden edge: modules matching `from` must not import modules matching `to`. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: "error", from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid(
      "no-circular",
      "No cycles anywhere: a module's dependencies load without loading it again.",
      {},
      { circular: true },
    ),
    forbid(
      "src-imports-nothing-above-it",
      "src/ is the library: it never imports the entry points, the tests, the app or the config.",
      { path: "^src/" },
      { path: "^(test|scripts|tasks|app)/|^hardhat\\.config\\.ts$" },
    ),
    forbid(
      "model-is-pure",
      "src/model is BigInt arithmetic: no Hardhat, no provider or chain, no I/O, no other layer.",
      { path: "^src/model/" },
      {
        path: [
          "^src/(?!model/)",
          "^typechain-types/",
          "^deploy/",
          "(^|/)node_modules/(hardhat|@nomicfoundation|@typechain|typechain)/",
          "^(fs|path|net|http|https|child_process|os)$",
        ],
      },
    ),
    forbid(
      "model-uses-ethers-only-for-hashing",
      "Only pairAddress.ts (keccak256, CREATE2) may import ethers inside src/model.",
      { path: "^src/model/", pathNot: "^src/model/pairAddress\\.ts$" },
      { path: "(^|/)node_modules/ethers/" },
    ),
    forbid(
      "format-is-a-leaf",
      "src/format turns values into text: it may use the model, nothing that reads a chain.",
      { path: "^src/format/" },
      { path: "^src/(?!format/|model/)|^typechain-types/|(^|/)node_modules/(hardhat|@nomicfoundation)/" },
    ),
    forbid(
      "chain-below-positions-and-simulation",
      "src/chain (deployments, time, forks, permits) may use the model only.",
      { path: "^src/chain/" },
      { path: "^src/(?!chain/|model/)" },
    ),
    forbid(
      "positions-below-simulation",
      "src/positions (the farm:* readers and valuation) must not depend on the simulation or bench.",
      { path: "^src/positions/" },
      { path: "^src/(simulation|bench)/" },
    ),
    forbid(
      "simulation-and-bench-apart",
      "The simulation and the benchmark are separate programs on the same library.",
      { path: "^src/(simulation|bench)/" },
      { path: "^src/(simulation|bench)/", pathNot: "^src/$1/" },
    ),
    forbid(
      "entry-points-not-to-test",
      "scripts/, tasks/, app/ and deploy/ may import src/, never test/.",
      { path: "^(scripts|tasks|app|deploy)/" },
      { path: "^test/" },
    ),
    forbid(
      "deploy-stands-alone",
      "Ignition modules import only each other, deploy/config and the library's one user-error class (a bad parameters file is a user error): src/ may use them, not the reverse.",
      { path: "^deploy/" },
      { path: "^(src|scripts|tasks|app)/", pathNot: "^src/chain/errors\\.ts$" },
    ),
    forbid(
      "app-uses-only-the-model",
      "app/ runs in a browser: of the library it may use src/model only (no Hardhat, ethers providers, fs).",
      { path: "^app/" },
      { path: ["^src/(?!model/)", "^(scripts|tasks|deploy)/", "^hardhat\\.config\\.ts$"] },
    ),
    forbid(
      "nothing-imports-test",
      "test/ may import anything, and only test/ imports test/.",
      { pathNot: "^test/" },
      { path: "^test/" },
    ),
  ],
  options: {
    // Type-only imports count: a cycle through types is still a cycle to read.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: ["node_modules", "^typechain-types/"] },
    exclude: { path: ["^artifacts/", "^cache/", "^coverage", "^reports/", "^app/dist/", "^app/src/generated/"] },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
