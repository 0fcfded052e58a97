import { expect } from "chai";
import fs from "fs";
import path from "path";
import { JsonRpcProvider, ZeroAddress, getAddress, id } from "ethers";
import { startNode, runHardhat, rpc, ROOT, type LocalNode, nodeProvider } from "../helpers/node";
import { frontRunningProxy, timelockError } from "./frontRunner";
import { readDeployment, checkWiring, type FurrowDeployment } from "../../src/chain/deployment";
import { loadDeployConfig } from "../../deploy/config";
import { Farm__factory, PairFactory__factory, TimelockController__factory } from "../../typechain-types";

/**
 * Deploys exactly as a user would: a `hardhat node` on a free loopback port, then the README's
 * command (`npm run deploy:local`, i.e. `hardhat ignition deploy deploy/modules/Furrow.ts
 * --network localhost`) as a child process, and reads the result back from the chain. The deploy
 * command talks to the node through a proxy with a front-runner in it (./frontRunner.ts): a
 * stranger who executes every timelock operation the deployer schedules as soon as it is mined,
 * before the deployer's next transaction (issue 9.3).
 */
describe("Deployment (end to end, against a hardhat node)", function () {
  this.timeout(300_000);

  const journal = path.join(ROOT, "deploy", "deployments", "chain-31337");
  const backup = `${journal}.bak-${process.pid}`;
  const deployArgs = ["ignition", "deploy", "deploy/modules/Furrow.ts", "--network", "localhost"];
  let node: LocalNode;
  let proxy: Awaited<ReturnType<typeof frontRunningProxy>>;
  let stranger: string;
  let provider: JsonRpcProvider;
  let deployment: FurrowDeployment;
  let firstRun: { code: number; stdout: string; stderr: string };

  before(async function () {
    // A user's own local journal would make this run a no-op: keep it aside and put it back after.
    if (fs.existsSync(journal)) fs.renameSync(journal, backup);
    node = await startNode();
    provider = nodeProvider(node.url);
    // The node's last unlocked account: it holds no role anywhere.
    stranger = (await rpc<string[]>(node.url, "eth_accounts")).at(-1)!;
    proxy = await frontRunningProxy(node.url, stranger);
    firstRun = await runHardhat(deployArgs, { LOCALHOST_RPC_URL: proxy.url });
    if (firstRun.code !== 0) throw new Error(`deploy failed:\n${firstRun.stdout}\n${firstRun.stderr}`);
    deployment = readDeployment(journal);
  });

  after(async function () {
    provider?.destroy();
    await proxy?.close();
    await node?.stop();
    fs.rmSync(journal, { recursive: true, force: true });
    if (fs.existsSync(backup)) fs.renameSync(backup, journal);
  });

  it("writes the deployment record for the chain id", function () {
    const addresses = JSON.parse(fs.readFileSync(path.join(journal, "deployed_addresses.json"), "utf8"));
    for (const id of [
      "Token#RewardToken",
      "Governance#TimelockController",
      "Governance#FarmGovernor",
      "Amm#WETH9",
      "Amm#PairFactory",
      "Amm#Router",
      "Farm#Farm",
      "Revenue#StakedFUR",
      "Revenue#FeeCollector",
      "Furrow#Pair_0",
    ]) {
      expect(addresses, id).to.have.property(id);
    }
    expect(firstRun.stdout).to.contain("Deployed Addresses");
  });

  it("deploys every contract, wired and handed to governance", async function () {
    const checks = await checkWiring(provider, deployment);
    const failed = checks.filter((c) => !c.ok);
    expect(failed, JSON.stringify(failed, null, 2)).to.deep.equal([]);
    // Every line of the hand-over is checked, the deployer's roles included.
    expect(deployment.deployer).to.not.equal(ZeroAddress);
    expect(checks.map((c) => c.check)).to.include.members([
      "Farm: owner",
      "FUR: farm is minter",
      "PairFactory: feeToSetter",
      "StakedFUR: owner",
      "Governor: staked token",
      "FeeCollector: owner",
      "PairFactory: feeTo (off or the FeeCollector)",
      "Deployer: FUR admin",
      "Deployer: timelock admin",
      "Deployer: timelock proposer",
    ]);
  });

  it("finishes although a stranger tried to execute the bootstrap batch first: only the deployer may", function () {
    expect(proxy.attempts, "the stranger tried once, right after bootstrapSchedule").to.have.length(1);
    expect(proxy.attempts[0].tx.to.toLowerCase()).to.equal(deployment.timelock.toLowerCase());
    expect(timelockError(proxy.attempts[0].revertData)).to.deep.equal({
      name: "AccessControlUnauthorizedAccount",
      args: [getAddress(stranger), id("EXECUTOR_ROLE")],
    });
  });

  it("creates the configured pair and adds the configured farm pools", async function () {
    const config = loadDeployConfig("localhost");
    const factory = PairFactory__factory.connect(deployment.factory, provider);
    const farm = Farm__factory.connect(deployment.farm, provider);
    expect(await factory.allPairsLength()).to.equal(BigInt(config.pairs.length));
    expect(await factory.getPair(deployment.weth, deployment.rewardToken)).to.equal(deployment.pairs[0]);
    expect(await farm.poolLength()).to.equal(2n);
    expect(await farm.lpToken(0)).to.equal(deployment.pairs[0]);
    expect(await farm.lpToken(1)).to.equal(deployment.rewardToken);
    expect((await farm.poolInfo(0)).allocPoint).to.equal(BigInt(config.pairs[0].allocPoint));
    expect((await farm.poolInfo(1)).allocPoint).to.equal(BigInt(config.pools[0].allocPoint));
    expect(await farm.totalAllocPoint()).to.equal(
      BigInt(config.pairs[0].allocPoint + config.pools[0].allocPoint),
    );
    expect(await farm.rewardPerSecond()).to.equal(BigInt(config.rewardPerSecond));
  });

  it("leaves the timelock at its configured delay", async function () {
    const timelock = TimelockController__factory.connect(deployment.timelock, provider);
    expect(await timelock.getMinDelay()).to.equal(
      BigInt(loadDeployConfig("localhost").governance.timelockDelay),
    );
  });

  it("sends nothing when the same command runs again", async function () {
    const block = await provider.getBlockNumber();
    const nonce = await provider.getTransactionCount(deployment.deployer);
    const again = await runHardhat(deployArgs, { LOCALHOST_RPC_URL: proxy.url });
    expect(again.code, again.stderr).to.equal(0);
    expect(await provider.getBlockNumber()).to.equal(block);
    expect(await provider.getTransactionCount(deployment.deployer)).to.equal(nonce);
  });

  it("shows the deployment as a table with every wiring check passing (deployments:show)", async function () {
    const shown = await runHardhat(["deployments:show", "--network", "localhost"], {
      LOCALHOST_RPC_URL: node.url,
    });
    expect(shown.code, shown.stderr).to.equal(0);
    expect(shown.stdout).to.contain(deployment.farm);
    expect(shown.stdout).to.not.match(/\bNO\b/);
  });

  // Last: it changes the chain (a new pool, FUR minted on the local node).
  it("runs the proposal walk-through of docs/deploy.md as written: the new pool exists", async function () {
    const docs = fs.readFileSync(path.join(ROOT, "docs", "deploy.md"), "utf8");
    const blocks = [...docs.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).to.be.greaterThan(0);
    // The console takes top-level await; `hardhat run` takes a script: same statements, one async body.
    const script = path.join(ROOT, `.docs-walkthrough-${process.pid}.js`);
    fs.writeFileSync(
      script,
      `(async () => {\n${blocks.join("\n")}\n})().catch((e) => { console.error(e); process.exitCode = 1; });\n`,
    );
    try {
      const run = await runHardhat(["run", script, "--network", "localhost"], {
        LOCALHOST_RPC_URL: node.url,
      });
      expect(run.code, run.stderr).to.equal(0);
      const farm = Farm__factory.connect(deployment.farm, provider);
      const factory = PairFactory__factory.connect(deployment.factory, provider);
      expect(await farm.poolLength()).to.equal(3n);
      const lp = await farm.lpToken(2);
      expect(await factory.allPairs((await factory.allPairsLength()) - 1n)).to.equal(lp);
      expect(run.stdout).to.contain(`state 7n pools 3n last ${lp}`);
    } finally {
      fs.rmSync(script, { force: true });
    }
  });
});
