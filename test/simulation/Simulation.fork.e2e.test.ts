import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { JsonRpcProvider } from "ethers";
import { startNode, runHardhat, ROOT, type LocalNode, nodeProvider } from "../helpers/node";
import { farmDeploymentBlock, readDeployment, type FurrowDeployment } from "../../src/chain/deployment";
import type { SimulationReport } from "../../src/simulation/report";
import { ZeroAddress } from "ethers";
import {
  Farm__factory,
  Pair__factory,
  PairFactory__factory,
  RewardToken__factory,
} from "../../typechain-types";

/** What the test reads from the node before and after the simulation: none of it may change. */
async function nodeState(provider: JsonRpcProvider, d: FurrowDeployment) {
  const farm = Farm__factory.connect(d.farm, provider);
  const fur = RewardToken__factory.connect(d.rewardToken, provider);
  const pair = Pair__factory.connect(d.pairs[0], provider);
  const pools = Number(await farm.poolLength());
  const poolInfo: string[] = [];
  for (let pid = 0; pid < pools; pid++) {
    const p = await farm.poolInfo(pid);
    poolInfo.push([await farm.lpToken(pid), p.allocPoint, p.totalStaked, p.accRewardPerShare].join(":"));
  }
  return {
    blockNumber: await provider.getBlockNumber(),
    latestHash: (await provider.getBlock("latest"))!.hash,
    pools,
    poolInfo,
    furTotalSupply: (await fur.totalSupply()).toString(),
    farmFur: (await fur.balanceOf(d.farm)).toString(),
    timelockFur: (await fur.balanceOf(d.timelock)).toString(),
    reserves: (await pair.getReserves()).slice(0, 2).join(":"),
    deployerNonce: await provider.getTransactionCount(d.deployer),
    deployerBalance: (await provider.getBalance(d.deployer)).toString(),
  };
}

/**
 * Fork mode as a user runs it: a `hardhat node` on a free loopback port, Furrow deployed to it with
 * the documented command, then `hardhat simulate --fork <node>` as a child process. The report must
 * be consistent and about the deployed pools, and the node must not have changed at all.
 */
describe("Simulation (fork of a hardhat node, end to end)", function () {
  this.timeout(300_000);

  const journal = path.join(ROOT, "deploy", "deployments", "chain-31337");
  const backup = `${journal}.bak-${process.pid}`;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-fork-sim-"));
  let node: LocalNode;
  let provider: JsonRpcProvider;
  let deployment: FurrowDeployment;
  let untouched: Awaited<ReturnType<typeof nodeState>>;
  let run: { code: number; stdout: string; stderr: string };
  let report: SimulationReport;

  before(async function () {
    if (fs.existsSync(journal)) fs.renameSync(journal, backup);
    node = await startNode();
    provider = nodeProvider(node.url);
    const deploy = await runHardhat(
      ["ignition", "deploy", "deploy/modules/Furrow.ts", "--network", "localhost"],
      { LOCALHOST_RPC_URL: node.url },
    );
    if (deploy.code !== 0) throw new Error(`deploy failed:\n${deploy.stdout}\n${deploy.stderr}`);
    deployment = readDeployment(journal);
    untouched = await nodeState(provider, deployment);
    run = await runHardhat([
      "simulate",
      "--fork",
      node.url,
      "--days",
      "1",
      "--actors",
      "4",
      "--quiet",
      "--out",
      out,
    ]);
    if (run.code !== 0) throw new Error(`simulate failed:\n${run.stdout}\n${run.stderr}`);
    report = JSON.parse(fs.readFileSync(path.join(out, "report.json"), "utf8")) as SimulationReport;
  });

  after(async function () {
    provider?.destroy();
    await node?.stop();
    fs.rmSync(journal, { recursive: true, force: true });
    if (fs.existsSync(backup)) fs.renameSync(backup, journal);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it("records the fork: the node's URL and the block it was forked at", async function () {
    expect(report.parameters.network).to.equal("fork");
    expect(report.parameters.fork).to.deep.equal({ url: node.url, block: untouched.blockNumber });
    expect(report.parameters.days).to.equal(1);
    expect(report.parameters.actors).to.equal(4);
    expect(run.stdout).to.contain("report: ");
  });

  it("simulates on the deployed contracts and pools, found through the journal", async function () {
    expect(report.contracts.farm).to.equal(deployment.farm);
    expect(report.contracts.rewardToken).to.equal(deployment.rewardToken);
    expect(report.contracts.router).to.equal(deployment.router);
    expect(report.contracts.factory).to.equal(deployment.factory);
    expect(report.contracts.weth).to.equal(deployment.weth);
    // The deployment's pools first (WETH/FUR pair, single-sided FUR), then the simulation's bonus pool.
    expect(report.pools.map((p) => [p.pid, p.lpToken, p.bonus])).to.deep.equal([
      [0, deployment.pairs[0], false],
      [1, deployment.rewardToken, false],
      [2, report.pools[2].lpToken, true],
    ]);
    expect(untouched.pools).to.equal(2);
    expect(report.pools[2].lpToken).to.not.be.oneOf([deployment.pairs[0], deployment.rewardToken]);
  });

  it("finds the farm's deployment block in the journal (where the audit's replay starts)", async function () {
    const block = farmDeploymentBlock(journal);
    expect(block).to.be.greaterThan(0);
    expect(await provider.getCode(deployment.farm, block - 1)).to.equal("0x");
    expect(await provider.getCode(deployment.farm, block)).to.not.equal("0x");
  });

  it("reconciles FUR and BONUS to the wei over one day on the fork", async function () {
    for (const a of [report.audit.fur, report.audit.bonus!]) {
      expect(a.exact, `${a.token}: ${a.mismatches.join("; ")}`).to.equal(true);
      expect(BigInt(a.scheduled)).to.equal(BigInt(a.rewardPerSecond) * BigInt(a.seconds));
      expect(BigInt(a.paid) + BigInt(a.pending) + BigInt(a.dustWei)).to.equal(BigInt(a.scheduled));
      expect(a.modelRoundingWei).to.equal(a.dustWei);
      expect(BigInt(a.dustWei) <= BigInt(a.roundingBoundWei)).to.equal(true);
    }
    // One day of 6 steps of 14,400 s, plus the 1 s blocks of the last step's transactions.
    const seconds = Number(report.audit.fur.seconds);
    expect(seconds).to.be.within(86_400, 86_400 + 200);
    // The deployment's rate (deploy/parameters/localhost.json: 1 FUR/s), not the embedded run's 0.2.
    expect(report.audit.fur.rewardPerSecond).to.equal((10n ** 18n).toString());
    expect(report.series.day).to.deep.equal([1]);
  });

  it("turns the deployed fee switch on through the deployed governor, and reconciles sFUR on the fork", async function () {
    // The node's deployment has the switch off (localhost.json) and no reward tokens listed.
    const factory = PairFactory__factory.connect(deployment.factory, provider);
    expect(await factory.feeTo()).to.equal(ZeroAddress);
    const r = report.revenue;
    expect([r.stakedFur, r.feeCollector, r.governor]).to.deep.equal([
      deployment.stakedFur,
      deployment.feeCollector,
      deployment.governor,
    ]);
    expect([r.feeTo, r.feeSwitchOn]).to.deep.equal([deployment.feeCollector, true]);
    expect(r.proposal.calls[0]).to.equal(`PairFactory.setFeeTo(FeeCollector ${deployment.feeCollector})`);
    expect(r.rewardTokens).to.deep.equal(["FUR", "WETH", "USDC"]);
    // The farm was already running: proposed at once, and the day starts at the execute's block.
    expect(r.proposal.at.executed).to.equal(0);
    expect(r.proposal.at.executed - r.proposal.at.proposed).to.be.greaterThan(86_400 + 432_000 + 172_800);
    expect(r.collects).to.equal(1);
    const a = report.audit.staking;
    expect(a.exact, a.mismatches.join("; ")).to.equal(true);
    expect(BigInt(a.furHeld)).to.equal(BigInt(a.supply) + BigInt(a.furRewardsHeld));
  });

  it("leaves the forked node exactly as it was", async function () {
    expect(await nodeState(provider, deployment)).to.deep.equal(untouched);
  });
});
