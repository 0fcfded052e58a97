import { expect } from "chai";
import { loadDeployConfig, type DeployConfig } from "../../deploy/config";
import { TESTNETS } from "../../hardhat.config";
import { FurrowError } from "../../src/chain/errors";

/** Farm pools a user can enter without already holding FUR (FUR's only minter is the Farm). */
function poolsWithoutFur(c: DeployConfig): string[] {
  const pairPools = c.pairs
    .filter((p) => p.allocPoint > 0 && p.tokenA !== "FUR" && p.tokenB !== "FUR")
    .map((p) => `${p.tokenA}/${p.tokenB}`);
  const singlePools = c.pools.filter((p) => p.allocPoint > 0 && p.token !== "FUR").map((p) => p.token);
  return [...pairPools, ...singlePools];
}

describe("deploy/parameters", function () {
  for (const network of Object.keys(TESTNETS)) {
    describe(network, function () {
      it("is valid for the deployment module", function () {
        expect(() => loadDeployConfig(network)).not.to.throw();
      });

      it("has a farm pool that can be entered without FUR, so governance can start", function () {
        // With only FUR and WETH/FUR pools nobody could ever earn FUR, reach the proposal
        // threshold or make a proposal (see docs/deploy.md).
        expect(poolsWithoutFur(loadDeployConfig(network))).to.deep.equal(["WETH"]);
      });

      it("gives the WETH/FUR pool a compounding vault, and no other pool", function () {
        const c = loadDeployConfig(network);
        expect(c.pairs.filter((p) => p.vault).map((p) => `${p.tokenA}/${p.tokenB}`)).to.deep.equal([
          "WETH/FUR",
        ]);
        expect(c.pools.filter((p) => p.vault)).to.deep.equal([]);
      });

      it("starts rewards at a fixed time and uses the governance defaults", function () {
        const c = loadDeployConfig(network);
        expect(c.startTime).to.equal(1798761600);
        expect(c.governance).to.deep.equal({
          votingDelay: 86400,
          votingPeriod: 432000,
          quorumPercent: 4,
          proposalThreshold: (100_000n * 10n ** 18n).toString(),
          lateQuorumExtension: 86400,
          timelockDelay: 172800,
        });
      });
    });
  }

  it("gives local chains no WETH pool (the simulation and tests mint FUR into circulation)", function () {
    for (const network of ["hardhat", "localhost"]) {
      expect(poolsWithoutFur(loadDeployConfig(network)), network).to.deep.equal([]);
    }
  });

  describe("vault settings", function () {
    const fs = require("fs") as typeof import("fs");
    const path = require("path") as typeof import("path");
    const os = require("os") as typeof import("os");
    function loadWith(edit: (c: DeployConfig) => void): () => DeployConfig {
      const c = JSON.parse(JSON.stringify(loadDeployConfig("sepolia"))) as DeployConfig;
      edit(c);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-params-"));
      const file = path.join(
        __dirname,
        "..",
        "..",
        "deploy",
        "parameters",
        `vaulttest-${path.basename(dir)}.json`,
      );
      return () => {
        fs.writeFileSync(file, JSON.stringify(c));
        try {
          return loadDeployConfig(path.basename(file, ".json"));
        } finally {
          fs.rmSync(file);
          fs.rmSync(dir, { recursive: true });
        }
      };
    }

    it("rejects a vault on a pair without a farm pool", function () {
      const load = loadWith((c) => (c.pairs[0] = { ...c.pairs[0], allocPoint: 0, vault: true }));
      expect(load).to.throw(FurrowError, /pairs\[0\] has a vault but no farm pool \(allocPoint 0\)/);
    });

    it("rejects a vault flag that is not a boolean", function () {
      const load = loadWith((c) => ((c.pools[0] as { vault?: unknown }).vault = "yes"));
      expect(load).to.throw(FurrowError, /pools\[0\]\.vault must be true or false/);
    });

    it("rejects a feeSwitch that is not a boolean, and takes an absent one as off", function () {
      const bad = loadWith((c) => ((c as { feeSwitch?: unknown }).feeSwitch = "on"));
      expect(bad).to.throw(FurrowError, /feeSwitch must be true or false/);
      const absent = loadWith((c) => delete c.feeSwitch);
      expect(absent().feeSwitch).to.equal(undefined);
      expect(loadWith((c) => (c.feeSwitch = true))().feeSwitch).to.equal(true);
    });
  });

  it("names the file to create for a network without parameters", function () {
    expect(() => loadDeployConfig("mainnet"))
      .to.throw(FurrowError, /no deployment parameters for network "mainnet"/)
      .with.property("code", "DEPLOY_CONFIG");
  });
});
