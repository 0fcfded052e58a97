// solidity-coverage (`npm run coverage`). Test-only contracts are not measured.
module.exports = {
  skipFiles: ["mocks/"],
  // Instrumented contracts run much slower; property tests and node-backed tests need room.
  mocha: { timeout: 600_000 },
};
