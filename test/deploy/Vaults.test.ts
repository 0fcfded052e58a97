import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { HARDHAT_DEPLOY_CONFIG } from "../fixtures";
import { checkWiring } from "../../src/chain/deployment";
import type { DeployConfig } from "../../deploy/config";
import { deployWithFrontRunner } from "./frontRunner";

/**
 * The Furrow module with the WETH/FUR pool marked `vault` (as the testnet parameters do), while a
 * stranger front-runs every timelock operation (as in FrontRunning.test.ts): the VaultFactory is the
 * timelock's from its constructor, and the vault is created inside the bootstrap batch.
 */
describe("Deployment with configured vaults", function () {
  const config: DeployConfig = {
    ...HARDHAT_DEPLOY_CONFIG,
    pairs: HARDHAT_DEPLOY_CONFIG.pairs.map((p, i) => (i === 0 ? { ...p, vault: true } : p)),
  };

  async function vaultDeploymentFixture() {
    const signers = await ethers.getSigners();
    const stranger = signers[9];
    const { system, deployment, attempts } = await deployWithFrontRunner(hre, config, stranger.address);
    return { system, stranger, deployment, attempts };
  }

  it("creates the WETH/FUR pool's vault (pid 0) in the bootstrap batch, and no other", async function () {
    const { system, attempts } = await loadFixture(vaultDeploymentFixture);
    const { vaultFactory, farm, pairs, timelock } = system;
    expect(attempts, "the stranger tried to execute the batch and was refused").to.have.length(1);
    expect(await vaultFactory.vaultsLength()).to.equal(1n);
    const vault = await ethers.getContractAt("FarmVault", await vaultFactory.vaultOf(0));
    expect(await vault.asset()).to.equal(await pairs[0].getAddress());
    expect(await vault.farm()).to.equal(await farm.getAddress());
    expect(await vault.pid()).to.equal(0n);
    expect(await vaultFactory.vaultOf(1)).to.equal(ethers.ZeroAddress);
    const [created] = await vaultFactory.queryFilter(vaultFactory.filters.VaultCreated());
    expect(created.args.pid).to.equal(0n);
    expect(created.args.vault).to.equal(await vault.getAddress());
    // Created by the timelock: the call came from the deployer's executeBatch.
    expect((await created.getTransaction()).to).to.equal(await timelock.getAddress());
  });

  it("leaves the VaultFactory owned by the timelock and passes every wiring check", async function () {
    const { deployment } = await loadFixture(vaultDeploymentFixture);
    const checks = await checkWiring(ethers.provider, deployment);
    const failed = checks.filter((c) => !c.ok);
    expect(failed, JSON.stringify(failed, null, 2)).to.deep.equal([]);
    expect(checks.map((c) => c.check)).to.include.members([
      "VaultFactory: owner",
      "VaultFactory: pending owner",
      "VaultFactory: farm",
      "VaultFactory: router",
    ]);
  });

  it("lets no third party create a vault, before or after the hand-over", async function () {
    const { system, stranger } = await loadFixture(vaultDeploymentFixture);
    await expect(system.vaultFactory.connect(stranger).createVault(1))
      .to.be.revertedWithCustomError(system.vaultFactory, "OwnableUnauthorizedAccount")
      .withArgs(stranger.address);
  });
});
