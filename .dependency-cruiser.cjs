/**
 * The layers of Furrow's TypeScript (docs/architecture.md), checked by `npm run lint:deps`.
 *
 *   scripts/ tasks/ app/ test/   entry points and tests: may import src/ (tests also each other)
 *   src/simulation src/bench     may import positions, chain, format, model
 *   src/positions                may import chain, format, model
 *   src/chain                    may import model
 *   src/format                   may import model
 *   src/model                    pure: imports nothing of the project outside itself
 *   deploy/                      Ignition modules: stand alone (src/ may use them)
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No cycles anywhere: a module's dependencies load without loading it again.",
      from: {},
      to: { circular: true },
    },
    {
      name: "src-imports-nothing-above-it",
      severity: "error",
      comment: "src/ is the library: it never imports the entry points, the tests, the app or the config.",
      from: { path: "^src/" },
      to: { path: "^(test|scripts|tasks|app)/|^hardhat\\.config\\.ts$" },
    },
    {
      name: "model-is-pure",
      severity: "error",
      comment:
        "src/model is BigInt arithmetic: no Hardhat, no provider or chain, no I/O, no other layer. " +
        "ethers is allowed only for hashing in pairAddress.ts (CREATE2 addresses).",
      from: { path: "^src/model/" },
      to: {
        path: [
          "^src/(?!model/)",
          "^typechain-types/",
          "^deploy/",
          "(^|/)node_modules/(hardhat|@nomicfoundation|@typechain|typechain)/",
        ],
      },
    },
    {
      name: "model-uses-ethers-only-for-hashing",
      severity: "error",
      comment: "Only pairAddress.ts (keccak256, CREATE2) may import ethers inside src/model.",
      from: { path: "^src/model/", pathNot: "^src/model/pairAddress\\.ts$" },
      to: { path: "(^|/)node_modules/ethers/" },
    },
    {
      name: "model-no-io",
      severity: "error",
      comment: "src/model does no I/O.",
      from: { path: "^src/model/" },
      to: { dependencyTypes: ["core"], path: "^(fs|path|net|http|https|child_process|os)$" },
    },
    {
      name: "format-is-a-leaf",
      severity: "error",
      comment: "src/format turns values into text: it may use the model, nothing that reads a chain.",
      from: { path: "^src/format/" },
      to: { path: "^src/(?!format/|model/)|^typechain-types/|(^|/)node_modules/(hardhat|@nomicfoundation)/" },
    },
    {
      name: "chain-below-positions-and-simulation",
      severity: "error",
      comment: "src/chain (deployments, time, forks, permits) may use the model only.",
      from: { path: "^src/chain/" },
      to: { path: "^src/(?!chain/|model/)" },
    },
    {
      name: "positions-below-simulation",
      severity: "error",
      comment: "src/positions (the farm:* readers and valuation) must not depend on the simulation or bench.",
      from: { path: "^src/positions/" },
      to: { path: "^src/(simulation|bench)/" },
    },
    {
      name: "simulation-and-bench-apart",
      severity: "error",
      comment: "The simulation and the benchmark are separate programs on the same library.",
      from: { path: "^src/(simulation|bench)/" },
      to: { path: "^src/(simulation|bench)/", pathNot: "^src/$1/" },
    },
    {
      name: "entry-points-not-to-test",
      severity: "error",
      comment: "scripts/, tasks/, app/ and deploy/ may import src/, never test/.",
      from: { path: "^(scripts|tasks|app|deploy)/" },
      to: { path: "^test/" },
    },
    {
      name: "deploy-stands-alone",
      severity: "error",
      comment:
        "Ignition modules import only each other and deploy/config: src/ may use them, not the reverse.",
      from: { path: "^deploy/" },
      to: { path: "^(src|scripts|tasks|app)/" },
    },
    {
      name: "nothing-imports-test",
      severity: "error",
      comment: "test/ may import anything, and only test/ imports test/.",
      from: { pathNot: "^test/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    // Type-only imports count: a cycle through types is still a cycle to read.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: ["node_modules", "^typechain-types/"] },
    exclude: { path: ["^artifacts/", "^cache/", "^coverage", "^reports/"] },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
