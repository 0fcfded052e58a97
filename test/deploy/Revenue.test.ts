import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { impersonateAccount, loadFixture, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { BOOTSTRAP_SALT } from "../../deploy/modules/parts/furrow";
import { loadDeployConfig, type DeployConfig } from "../../deploy/config";
import { HARDHAT_DEPLOY_CONFIG } from "../fixtures";
import { checkWiring } from "../../src/chain/deployment";
import { TESTNETS } from "../../hardhat.config";
import { deployWithFrontRunner } from "./frontRunner";

const REVENUE_CHECKS = [
  "StakedFUR has code",
  "StakedFUR: owner",
  "StakedFUR: underlying",
  "Governor: staked token",
  "FeeCollector has code",
  "FeeCollector: owner",
  "FeeCollector: factory",
  "FeeCollector: staking",
  "PairFactory: feeTo (off or the FeeCollector)",
];

/**
 * sFUR and the FeeCollector in the Furrow module, with the fee switch off (the shipped parameters)
 * and on (`feeSwitch: true`), while a stranger front-runs every timelock operation (as in
 * FrontRunning.test.ts): the bootstrap batch names sFUR to the governor and, with the switch on,
 * makes the collector the factory's feeTo, and the hand-over still leaves the timelock every power.
 */
describe("Deployment of sFUR and the FeeCollector", function () {
  async function deployWithStranger(config: DeployConfig) {
    const signers = await ethers.getSigners();
    const stranger = signers[9];
    const { system, deployment, attempts } = await deployWithFrontRunner(hre, config, stranger.address);
    return { system, stranger, deployment, attempts };
  }
  const switchOffFixture = () => deployWithStranger(HARDHAT_DEPLOY_CONFIG);
  const switchOnFixture = () => deployWithStranger({ ...HARDHAT_DEPLOY_CONFIG, feeSwitch: true });

  it("ships every network's parameters with the fee switch off", function () {
    for (const network of ["hardhat", "localhost", ...Object.keys(TESTNETS)]) {
      expect(loadDeployConfig(network).feeSwitch, network).to.equal(false);
    }
  });

  describe("fee switch off (default)", function () {
    it("deploys sFUR and the collector owned by the timelock, and names sFUR to the governor", async function () {
      const { system } = await loadFixture(switchOffFixture);
      const { stakedFur, feeCollector, token, timelock, governor, factory } = system;
      const [sfur, tl] = [await stakedFur.getAddress(), await timelock.getAddress()];
      expect(await stakedFur.underlying()).to.equal(await token.getAddress());
      expect(await stakedFur.owner()).to.equal(tl);
      expect(await stakedFur.rewardTokens()).to.deep.equal([]);
      expect(await stakedFur.totalSupply()).to.equal(0n);
      expect(await feeCollector.owner()).to.equal(tl);
      expect(await feeCollector.factory()).to.equal(await factory.getAddress());
      expect(await feeCollector.staking()).to.equal(sfur);
      expect(await feeCollector.polBps()).to.equal(0n);
      expect(await governor.stakedToken()).to.equal(sfur);
      const [named] = await governor.queryFilter(governor.filters.StakedTokenSet());
      expect(named.args.stakedToken).to.equal(sfur);
      // Named by the timelock, inside the deployer's executeBatch.
      const tx = await named.getTransaction();
      expect([tx.from, tx.to]).to.deep.equal([system.deployer.address, tl]);
    });

    it("leaves the protocol fee off and the timelock feeToSetter", async function () {
      const { system } = await loadFixture(switchOffFixture);
      expect(await system.factory.feeState()).to.deep.equal([ethers.ZeroAddress, false]);
      expect(await system.factory.feeToSetter()).to.equal(await system.timelock.getAddress());
      expect(await system.factory.queryFilter(system.factory.filters.FeeToSet())).to.have.length(0);
    });

    it("passes every wiring check, the new ones included", async function () {
      const { deployment } = await loadFixture(switchOffFixture);
      const checks = await checkWiring(ethers.provider, deployment);
      const failed = checks.filter((c) => !c.ok);
      expect(failed, JSON.stringify(failed, null, 2)).to.deep.equal([]);
      expect(checks.map((c) => c.check)).to.include.members(REVENUE_CHECKS);
    });
  });

  describe("fee switch on (feeSwitch: true)", function () {
    it("makes the collector the factory's feeTo inside the bootstrap batch", async function () {
      const { system, attempts, stranger } = await loadFixture(switchOnFixture);
      const { factory, feeCollector, timelock } = system;
      const collector = await feeCollector.getAddress();
      expect(await factory.feeState()).to.deep.equal([collector, true]);
      const events = await factory.queryFilter(factory.filters.FeeToSet());
      expect(events.map((e) => e.args.feeTo)).to.deep.equal([collector]);
      const tx = await events[0].getTransaction();
      expect([tx.from, tx.to]).to.deep.equal([system.deployer.address, await timelock.getAddress()]);
      // One batch, scheduled with the bootstrap salt, and the stranger's execute of it refused.
      const salts = await timelock.queryFilter(timelock.filters.CallSalt(), 0);
      expect(salts.map((e) => e.args.salt)).to.deep.equal([BOOTSTRAP_SALT]);
      expect(attempts).to.have.length(1);
      expect(attempts[0].tx.from).to.equal(stranger.address);
      expect(attempts[0].revertData, "the stranger's execute reverts").to.not.equal(undefined);
      expect(await timelock.isOperationDone(salts[0].args.id)).to.equal(true);
    });

    it("still hands every power to the timelock (every wiring check)", async function () {
      const { deployment, system } = await loadFixture(switchOnFixture);
      const checks = await checkWiring(ethers.provider, deployment);
      const failed = checks.filter((c) => !c.ok);
      expect(failed, JSON.stringify(failed, null, 2)).to.deep.equal([]);
      expect(checks.map((c) => c.check)).to.include.members(REVENUE_CHECKS);
      expect(await system.factory.feeToSetter()).to.equal(await system.timelock.getAddress());
      expect(await system.governor.stakedToken()).to.equal(await system.stakedFur.getAddress());
    });

    it("leaves the deployer and strangers no way to change the switch or the staked token", async function () {
      const { system, stranger } = await loadFixture(switchOnFixture);
      const { factory, governor, stakedFur, feeCollector, deployer } = system;
      for (const who of [deployer, stranger]) {
        await expect(factory.connect(who).setFeeTo(who.address))
          .to.be.revertedWithCustomError(factory, "Forbidden")
          .withArgs(who.address);
        await expect(governor.connect(who).setStakedToken(who.address))
          .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
          .withArgs(who.address);
        await expect(stakedFur.connect(who).addRewardToken(await system.token.getAddress()))
          .to.be.revertedWithCustomError(stakedFur, "OwnableUnauthorizedAccount")
          .withArgs(who.address);
        await expect(feeCollector.connect(who).setPolBps(1))
          .to.be.revertedWithCustomError(feeCollector, "OwnableUnauthorizedAccount")
          .withArgs(who.address);
      }
    });

    it("flags a feeTo that is neither off nor the collector (the check can fail)", async function () {
      const { system, deployment, stranger } = await loadFixture(switchOnFixture);
      const tl = await system.timelock.getAddress();
      await impersonateAccount(tl);
      await setBalance(tl, ethers.parseEther("1"));
      const asTimelock = await ethers.getSigner(tl);
      const feeToCheck = async () =>
        (await checkWiring(ethers.provider, deployment)).find(
          (c) => c.check === "PairFactory: feeTo (off or the FeeCollector)",
        )!;

      await system.factory.connect(asTimelock).setFeeTo(stranger.address);
      expect(await feeToCheck()).to.deep.equal({
        check: "PairFactory: feeTo (off or the FeeCollector)",
        expected: `${ethers.ZeroAddress} or ${deployment.feeCollector}`,
        actual: stranger.address,
        ok: false,
      });
      await system.factory.connect(asTimelock).setFeeTo(ethers.ZeroAddress);
      expect((await feeToCheck()).ok).to.equal(true);
    });
  });
});
