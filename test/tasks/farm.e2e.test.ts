import { expect } from "chai";
import { JsonRpcProvider, JsonRpcSigner, MaxUint256 } from "ethers";
import { runHardhat, rpc, startDeployedNode, type DeployedNode, type LocalNode } from "../helpers/node";
import type { FurrowDeployment } from "../../src/chain/deployment";
import { Farm__factory, Pair__factory, RewardToken__factory, WETH9__factory } from "../../typechain-types";
import type { Json } from "../../src/format/units";
import type { PoolsReport } from "../../src/positions/pools";
import type { PositionReport } from "../../src/positions/position";
import type { HarvestResult } from "../../src/positions/harvest";
import { E18 } from "../../src/model";

const WAD = E18;

/**
 * The farm tasks as a user runs them: a `hardhat node` on a free loopback port, the documented
 * deploy command, a liquidity provider's positions (FUR minted through an impersonated timelock,
 * as a governance proposal would), then `npx hardhat farm:* --network localhost --json` as child
 * processes. Every number they print is checked against what the chain says at the block they read.
 */
describe("Farm tasks (end to end, against a hardhat node)", function () {
  this.timeout(180_000);

  let chain: DeployedNode;
  let node: LocalNode;
  let provider: JsonRpcProvider;
  let d: FurrowDeployment;
  let lp: JsonRpcSigner;
  let env: Record<string, string>;
  let pools: Json<PoolsReport>;
  let position: Json<PositionReport>;
  let forkedPools: Json<PoolsReport>;
  let harvested: Json<HarvestResult>;
  let furBefore: bigint;

  before(async function () {
    chain = await startDeployedNode("tasks");
    ({ node, provider, env, d } = chain);

    // Governance grants a minter role (here: the timelock impersonated), the LP mints FUR, seeds
    // WETH/FUR with 100 WETH : 40,000 FUR, stakes half its LP tokens in pool 0 and 1,000 FUR in pool 1.
    lp = await provider.getSigner(1);
    const fur = RewardToken__factory.connect(d.rewardToken, chain.timelock);
    await (await fur.grantRole(await fur.MINTER_ROLE(), lp.address)).wait();
    const furLp = fur.connect(lp);
    await (await furLp.mint(lp.address, 41_000n * E18)).wait();
    const weth = WETH9__factory.connect(d.weth, lp);
    await (await weth.deposit({ value: 100n * E18 })).wait();
    const pair = Pair__factory.connect(d.pairs[0], lp);
    await (await weth.transfer(pair, 100n * E18)).wait();
    await (await furLp.transfer(pair, 40_000n * E18)).wait();
    await (await pair.mint(lp.address)).wait();
    const farm = Farm__factory.connect(d.farm, lp);
    await (await pair.approve(farm, MaxUint256)).wait();
    await (await furLp.approve(farm, MaxUint256)).wait();
    await (await farm.deposit(0, 1_000n * E18, lp.address)).wait();
    await (await farm.deposit(1, 1_000n * E18, lp.address)).wait();
    await rpc(node.url, "evm_increaseTime", [3_600]);
    await rpc(node.url, "evm_mine");

    // All four tasks run at once: the read-only ones are pinned to this block (--block, and
    // FORK_BLOCK for the fork), so the harvest mining the next block does not change what they see.
    // (Asked of the node directly: ethers caches getBlockNumber for a moment.)
    const block = Number(await rpc<string>(node.url, "eth_blockNumber"));
    [pools, position, forkedPools, harvested] = await Promise.all([
      task<Json<PoolsReport>>(["farm:pools", "--block", String(block)]),
      task<Json<PositionReport>>(["farm:position", "--account", lp.address, "--block", String(block)]),
      task<Json<PoolsReport>>(["farm:pools"], "hardhat", { FORK_URL: node.url, FORK_BLOCK: String(block) }),
      (async () => {
        furBefore = await RewardToken__factory.connect(d.rewardToken, provider).balanceOf(lp.address);
        return task<Json<HarvestResult>>(["farm:harvest", "--pid", "1", "--from", lp.address]);
      })(),
    ]);
  });

  after(async function () {
    await chain?.stop();
  });

  async function task<T>(
    args: string[],
    network = "localhost",
    extraEnv: Record<string, string> = {},
  ): Promise<T> {
    const out = await runHardhat([...args, "--network", network, "--json"], { ...env, ...extraEnv });
    if (out.code !== 0) throw new Error(`${args.join(" ")} failed:\n${out.stdout}\n${out.stderr}`);
    return JSON.parse(out.stdout) as T;
  }

  /** What the chain says about pair 0 (WETH/FUR) at `block`: WETH reserve, FUR reserve, LP supply. */
  async function wethFur(block: number) {
    const pair = Pair__factory.connect(d.pairs[0], provider);
    const [[r0, r1], supply, token0] = await Promise.all([
      pair.getReserves({ blockTag: block }),
      pair.totalSupply({ blockTag: block }),
      pair.token0(),
    ]);
    const wethIs0 = token0.toLowerCase() === d.weth.toLowerCase();
    return { rWeth: wethIs0 ? r0 : r1, rFur: wethIs0 ? r1 : r0, supply, wethIs0 };
  }

  it("farm:pools reports what the chain says: stake, value, emission and APR", async function () {
    const r = pools;
    const farm = Farm__factory.connect(d.farm, provider);
    const at = { blockTag: r.block };
    expect(r.farm).to.equal(d.farm);
    expect(r.rewardPerSecond).to.equal((await farm.rewardPerSecond(at)).toString());
    const total = await farm.totalAllocPoint(at);
    expect(r.totalAllocPoint).to.equal(total.toString());
    const { rWeth, rFur, supply } = await wethFur(r.block);
    expect(r.rewardTokenPrice).to.equal(((E18 * rWeth) / rFur).toString());

    const [pool0, pool1] = [await farm.poolInfo(0, at), await farm.poolInfo(1, at)];
    expect(r.pools.map((p) => [p.staked.address, p.allocPoint, p.totalStaked])).to.deep.equal([
      [d.pairs[0], pool0.allocPoint.toString(), pool0.totalStaked.toString()],
      [d.rewardToken, pool1.allocPoint.toString(), pool1.totalStaked.toString()],
    ]);
    // LP value: its WETH plus its FUR at the pair's price; FUR pool: FUR at that price.
    const weth0 = (pool0.totalStaked * rWeth) / supply;
    const fur0 = (pool0.totalStaked * rFur) / supply;
    const value0 = weth0 + (fur0 * rWeth) / rFur;
    const value1 = (pool1.totalStaked * rWeth) / rFur;
    expect(r.pools.map((p) => p.stakedValue)).to.deep.equal([value0.toString(), value1.toString()]);

    const rate = await farm.rewardPerSecond(at);
    for (const [i, pool, value] of [
      [0, pool0, value0],
      [1, pool1, value1],
    ] as const) {
      expect(r.pools[i].rewardPerDay).to.equal(((rate * 86_400n * pool.allocPoint) / total).toString());
      const yearValue = (((rate * 31_536_000n * pool.allocPoint) / total) * rWeth) / rFur;
      expect(r.pools[i].aprWad).to.equal(((yearValue * WAD) / value).toString());
    }
  });

  it("farm:pools on a fork of the node (FORK_URL, --network hardhat) reports the same pools", async function () {
    expect(forkedPools.farm).to.equal(d.farm);
    // The fork mines one block of its own (the EDR fork fix); nothing else differs.
    expect(forkedPools.block).to.equal(pools.block + 1);
    expect(forkedPools.pools).to.deep.equal(pools.pools);
    expect(forkedPools.rewardTokenPrice).to.equal(pools.rewardTokenPrice);
  });

  it("farm:position reports the stake, the tokens behind it, pending FUR and the entry", async function () {
    const r = position;
    const farm = Farm__factory.connect(d.farm, provider);
    const at = { blockTag: r.block };
    const { rWeth, rFur, supply } = await wethFur(r.block);
    expect(r.positions.map((p) => [p.pid, p.amount])).to.deep.equal([
      [0, (1_000n * E18).toString()],
      [1, (1_000n * E18).toString()],
    ]);
    const [p0, p1] = r.positions;
    expect(p0.pending.amount).to.equal((await farm.pendingReward(0, lp.address, at)).toString());
    expect(p1.pending.amount).to.equal((await farm.pendingReward(1, lp.address, at)).toString());
    expect(BigInt(p0.pending.amount)).to.be.greaterThan(0n);
    expect(p0.pairShareWad).to.equal(((1_000n * E18 * WAD) / supply).toString());
    const [weth, fur] = [(1_000n * E18 * rWeth) / supply, (1_000n * E18 * rFur) / supply];
    expect(p0.underlying.map((u) => [u.token.address, u.amount])).to.deep.equal(
      (await wethFur(r.block)).wethIs0
        ? [
            [d.weth, weth.toString()],
            [d.rewardToken, fur.toString()],
          ]
        : [
            [d.rewardToken, fur.toString()],
            [d.weth, weth.toString()],
          ],
    );
    // No trade since the deposit: the entry tokens are the tokens now, and value equals holding.
    if (!p0.entry.known) throw new Error(`entry unknown: ${p0.entry.reason}`);
    expect(p0.entry.held.map((h) => h.amount)).to.deep.equal(p0.underlying.map((u) => u.amount));
    expect(p0.entry.difference).to.equal("0");
  });

  it("farm:harvest pays the configured signer what the Harvest event says", async function () {
    const fur = RewardToken__factory.connect(d.rewardToken, provider);
    const h = harvested;
    const receipt = await provider.getTransactionReceipt(h.txHash);
    const farm = Farm__factory.connect(d.farm, provider);
    const event = receipt!.logs
      .filter((l) => l.address === d.farm)
      .map((l) => farm.interface.parseLog(l))
      .find((e) => e?.name === "Harvest");
    expect(event!.args.amount.toString()).to.equal(h.harvested);
    expect((await fur.balanceOf(lp.address)) - furBefore).to.equal(BigInt(h.harvested));
    // The task's "pending before" is the farm's view at the block before the harvest; the harvest
    // adds the seconds between the two blocks.
    expect(h.pendingBefore).to.equal(
      (await farm.pendingReward(1, lp.address, { blockTag: h.block - 1 })).toString(),
    );
    expect(BigInt(h.harvested)).to.be.greaterThan(BigInt(h.pendingBefore));
    expect(await farm.pendingReward(1, lp.address, { blockTag: h.block })).to.equal(0n);
  });
});
