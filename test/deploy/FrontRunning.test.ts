import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { BOOTSTRAP_SALT } from "../../deploy/modules/parts/furrow";
import { HARDHAT_DEPLOY_CONFIG } from "../fixtures";
import { checkWiring } from "../../src/chain/deployment";
import { deployWithFrontRunner, timelockError } from "./frontRunner";

const EXECUTOR_ROLE = ethers.id("EXECUTOR_ROLE");

/**
 * The Furrow module on the in-process network while a stranger front-runs it: every timelock
 * operation the deployer schedules is executed by the stranger before the deployer's next
 * transaction (issue 9.3). The end-to-end test (Deploy.e2e.test.ts) runs the same stranger through
 * a JSON-RPC proxy in front of a `hardhat node`.
 */
describe("Deployment (with a stranger front-running the timelock)", function () {
  async function frontRunDeploymentFixture() {
    const signers = await ethers.getSigners();
    const [deployer, stranger] = [signers[0], signers[9]];
    const { deployment, attempts } = await deployWithFrontRunner(
      hre,
      HARDHAT_DEPLOY_CONFIG,
      stranger.address,
    );
    return { deployer, stranger, deployment, attempts };
  }

  it("refuses the stranger's execute of the bootstrap batch: only the deployer may execute it", async function () {
    const { stranger, attempts } = await loadFixture(frontRunDeploymentFixture);
    expect(attempts, "the stranger tried once, right after bootstrapSchedule").to.have.length(1);
    expect(timelockError(attempts[0].revertData)).to.deep.equal({
      name: "AccessControlUnauthorizedAccount",
      args: [stranger.address, EXECUTOR_ROLE],
    });
  });

  it("executes the bootstrap batch from the deployer, once", async function () {
    const { deployer, deployment } = await loadFixture(frontRunDeploymentFixture);
    const timelock = await ethers.getContractAt("TimelockController", deployment.timelock);
    const salts = await timelock.queryFilter(timelock.filters.CallSalt(), 0);
    const bootstrap = salts.filter((e) => e.args.salt === BOOTSTRAP_SALT).map((e) => e.args.id);
    expect(bootstrap).to.have.length(1);
    const executed = await timelock.queryFilter(timelock.filters.CallExecuted(bootstrap[0]), 0);
    const senders = new Set(await Promise.all(executed.map(async (e) => (await e.getTransaction()).from)));
    expect([...senders]).to.deep.equal([deployer.address]);
    expect(await timelock.isOperationDone(bootstrap[0])).to.equal(true);
  });

  it("hands the protocol to governance exactly as without the stranger (every wiring check)", async function () {
    const { deployment } = await loadFixture(frontRunDeploymentFixture);
    const checks = await checkWiring(ethers.provider, deployment);
    const failed = checks.filter((c) => !c.ok);
    expect(failed, JSON.stringify(failed, null, 2)).to.deep.equal([]);
    expect(checks.map((c) => c.check)).to.include.members([
      "Timelock: anyone executes (open role)",
      "Deployer: FUR admin",
      "Deployer: timelock admin",
      "Deployer: timelock executor",
    ]);
  });
});
