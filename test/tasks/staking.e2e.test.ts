import { expect } from "chai";
import { JsonRpcProvider, JsonRpcSigner, MaxUint256 } from "ethers";
import { runHardhat, rpc, startDeployedNode, type DeployedNode, type LocalNode } from "../helpers/node";
import type { FurrowDeployment } from "../../src/chain/deployment";
import {
  FeeCollector__factory,
  Pair__factory,
  PairFactory__factory,
  RewardToken__factory,
  Router__factory,
  StakedFUR__factory,
  WETH9__factory,
} from "../../typechain-types";
import type { Json } from "../../src/format/units";
import type { CollectResult, StakingPositionReport } from "../../src/positions/staking";
import { burnAmounts, E18, protocolFeeLiquidity } from "../../src/model";

const WAD = E18;
/** StakedFUR.PRECISION and REWARD_DURATION (7 days), and a 365-day year. */
const PRECISION = 10n ** 27n;
const DURATION = 604_800n;
const YEAR = 31_536_000n;
const STAKE = 3_000n * E18;

/**
 * The real-yield tasks as a user runs them: a `hardhat node` on a free loopback port, the documented
 * deploy command, then what governance would pass (here: the timelock impersonated) — the fee switch
 * on to the FeeCollector, FUR and WETH as sFUR rewards, a minter for the test's FUR. An LP fills
 * WETH/FUR, a trader swaps, the LP takes a little out (the pair mints the protocol's fee LP to the
 * collector), a staker wraps 3,000 FUR into sFUR and delegates to itself. Then
 * `npx hardhat fees:collect` and, a day later, `staking:position --account` run as child processes
 * with `--json`; every number they print is checked against the chain at the block they read.
 */
describe("Staking tasks (end to end, against a hardhat node)", function () {
  this.timeout(180_000);

  let chain: DeployedNode;
  let node: LocalNode;
  let provider: JsonRpcProvider;
  let d: FurrowDeployment;
  let staker: JsonRpcSigner;
  let keeper: JsonRpcSigner;
  let env: Record<string, string>;
  /** The collector's fee LP just before fees:collect, and the pair then. */
  let feeLp: bigint;
  let collected: Json<CollectResult>;
  let position: Json<StakingPositionReport>;

  before(async function () {
    chain = await startDeployedNode("staking-tasks");
    ({ node, provider, env, d } = chain);
    if (!d.stakedFur || !d.feeCollector) throw new Error("the deployment has no sFUR / FeeCollector");

    // What proposals would do, as the timelock (impersonated): fee switch on, two reward tokens, a minter.
    const lp = await provider.getSigner(1);
    staker = await provider.getSigner(2);
    keeper = await provider.getSigner(3);
    const trader = await provider.getSigner(4);
    const tl = chain.timelock;
    const fur = RewardToken__factory.connect(d.rewardToken, tl);
    await (await PairFactory__factory.connect(d.factory, tl).setFeeTo(d.feeCollector)).wait();
    const sfur = StakedFUR__factory.connect(d.stakedFur, tl);
    await (await sfur.addRewardToken(d.rewardToken)).wait();
    await (await sfur.addRewardToken(d.weth)).wait();
    await (await fur.grantRole(await fur.MINTER_ROLE(), lp.address)).wait();

    // The LP seeds WETH/FUR with 100 WETH : 40,000 FUR (the fee is on: this mint sets kLast).
    const furLp = fur.connect(lp);
    await (await furLp.mint(lp.address, 40_000n * E18)).wait();
    await (await furLp.mint(staker.address, STAKE)).wait();
    const weth = WETH9__factory.connect(d.weth, lp);
    await (await weth.deposit({ value: 100n * E18 })).wait();
    const pair = Pair__factory.connect(d.pairs[0], lp);
    await (await weth.transfer(pair, 100n * E18)).wait();
    await (await furLp.transfer(pair, 40_000n * E18)).wait();
    await (await pair.mint(lp.address)).wait();

    // A trader buys FUR with 10 WETH (k grows by the fee), then the LP burns 1 LP token: the pair
    // first mints the protocol's share of the fee growth to the collector.
    const router = Router__factory.connect(d.router, trader);
    await (await WETH9__factory.connect(d.weth, trader).deposit({ value: 10n * E18 })).wait();
    await (await WETH9__factory.connect(d.weth, trader).approve(d.router, MaxUint256)).wait();
    await (
      await router.swapExactTokensForTokens(10n * E18, 0, [d.weth, d.rewardToken], trader.address, MaxUint256)
    ).wait();
    const beforeBurn = Number(await rpc<string>(node.url, "eth_blockNumber"));
    await (await pair.transfer(pair, E18)).wait();
    await (await pair.burn(lp.address)).wait();
    feeLp = await pair.balanceOf(d.feeCollector);
    // By hand from the pair before the burn: supply · (√k − √kLast) / (5·√k + √kLast).
    const state = await Pair__factory.connect(d.pairs[0], provider).getReserves({ blockTag: beforeBurn });
    const supply = await pair.totalSupply({ blockTag: beforeBurn });
    const kLast = await pair.kLast({ blockTag: beforeBurn });
    expect(feeLp).to.equal(
      protocolFeeLiquidity({ reserve0: state[0], reserve1: state[1], totalSupply: supply }, kLast),
    );
    expect(feeLp).to.be.greaterThan(0n);

    // The staker wraps 3,000 FUR and delegates its sFUR votes to itself.
    await (await fur.connect(staker).approve(d.stakedFur, STAKE)).wait();
    await (await sfur.connect(staker).depositFor(staker.address, STAKE)).wait();
    await (await sfur.connect(staker).delegate(staker.address)).wait();

    // fees:collect (the keeper signs), then a day passes and staking:position reads that block.
    collected = await task<Json<CollectResult>>([
      "fees:collect",
      "--pairs",
      d.pairs[0],
      "--from",
      keeper.address,
    ]);
    await rpc(node.url, "evm_increaseTime", [86_400]);
    await rpc(node.url, "evm_mine");
    // (Asked of the node directly: ethers caches getBlockNumber for a moment.)
    const block = Number(await rpc<string>(node.url, "eth_blockNumber"));
    position = await task<Json<StakingPositionReport>>([
      "staking:position",
      "--account",
      staker.address,
      "--block",
      String(block),
    ]);
  });

  after(async function () {
    await chain?.stop();
  });

  async function task<T>(args: string[]): Promise<T> {
    const out = await runHardhat([...args, "--network", "localhost", "--json"], env);
    if (out.code !== 0) throw new Error(`${args.join(" ")} failed:\n${out.stdout}\n${out.stderr}`);
    return JSON.parse(out.stdout) as T;
  }

  /** The collect's receipt, its block's time, and the pair just before it (reserves, supply, token0). */
  async function collectContext() {
    const receipt = (await provider.getTransactionReceipt(collected.txHash))!;
    const time = BigInt((await provider.getBlock(receipt.blockNumber))!.timestamp);
    const pair = Pair__factory.connect(d.pairs[0], provider);
    const before = { blockTag: receipt.blockNumber - 1 };
    const [[r0, r1], supply, token0] = await Promise.all([
      pair.getReserves(before),
      pair.totalSupply(before),
      pair.token0(),
    ]);
    return { receipt, time, r0, r1, supply, furIs0: token0.toLowerCase() === d.rewardToken.toLowerCase() };
  }

  it("fees:collect burns the collector's fee LP into both tokens and notifies them to sFUR", async function () {
    const r = collected;
    const { receipt, r0, r1, supply, furIs0 } = await collectContext();
    expect(r.collector).to.equal(d.feeCollector);
    expect(r.account).to.equal(keeper.address);
    expect(receipt.from).to.equal(keeper.address);
    expect([r.block, r.gasUsed]).to.deep.equal([receipt.blockNumber, receipt.gasUsed.toString()]);
    expect(r.pairs).to.have.length(1);
    const [p] = r.pairs;
    expect([p.pair, p.burned, p.pol]).to.deep.equal([d.pairs[0], feeLp.toString(), "0"]);
    // No trade since the LP's burn, so no new fee: the collect's burn gives feeLp · reserve / supply.
    const [a0, a1] = burnAmounts(feeLp, r0, r1, supply);
    expect(p.amounts.map((a) => [a.token.address, a.token.symbol, a.amount])).to.deep.equal(
      furIs0
        ? [
            [d.rewardToken, "FUR", a0.toString()],
            [d.weth, "WETH", a1.toString()],
          ]
        : [
            [d.weth, "WETH", a0.toString()],
            [d.rewardToken, "FUR", a1.toString()],
          ],
    );
    // Both are reward tokens and the collector held nothing else: everything burned was notified.
    expect(r.notified.map((n) => [n.token.address, n.amount])).to.deep.equal(
      p.amounts.map((a) => [a.token.address, a.amount]),
    );
    const sfur = StakedFUR__factory.connect(d.stakedFur!, provider);
    const notifies = receipt.logs
      .filter((l) => l.address === d.stakedFur)
      .map((l) => sfur.interface.parseLog(l))
      .filter((e) => e?.name === "RewardNotified");
    expect(notifies.map((e) => [e!.args.token, e!.args.funder, e!.args.received.toString()])).to.deep.equal(
      r.notified.map((n) => [n.token.address, d.feeCollector, n.amount]),
    );
    // The collector is left with nothing: no LP, no FUR, no WETH.
    const collector = FeeCollector__factory.connect(d.feeCollector!, provider);
    for (const token of [d.pairs[0], d.rewardToken, d.weth]) {
      expect(await RewardToken__factory.connect(token, provider).balanceOf(collector), token).to.equal(0n);
    }
  });

  it("staking:position reports the stake, its votes and delegate, and its share", async function () {
    const r = position;
    const sfur = StakedFUR__factory.connect(d.stakedFur!, provider);
    expect(r.stakedFur).to.equal(d.stakedFur);
    expect(r.account).to.equal(staker.address);
    expect([r.balance, r.totalSupply]).to.deep.equal([STAKE.toString(), STAKE.toString()]);
    expect(r.shareWad).to.equal(WAD.toString());
    expect(r.votes).to.equal(STAKE.toString());
    expect(r.delegate).to.equal(staker.address);
    expect(await sfur.getVotes(staker.address, { blockTag: r.block })).to.equal(STAKE);
    // Valued in WETH (the default unit) at the pair's price: FUR · rWeth / rFur.
    const pair = Pair__factory.connect(d.pairs[0], provider);
    const [[r0, r1], token0] = await Promise.all([pair.getReserves({ blockTag: r.block }), pair.token0()]);
    const [rFur, rWeth] = token0.toLowerCase() === d.rewardToken.toLowerCase() ? [r0, r1] : [r1, r0];
    expect(r.unit.symbol).to.equal("WETH");
    expect(r.balanceValue).to.equal(((STAKE * rWeth) / rFur).toString());
  });

  it("staking:position reports each stream's rate, end, APR and what the staker earned a day in", async function () {
    const r = position;
    const { time: notifiedAt } = await collectContext();
    const at = BigInt(r.timestamp);
    expect(at - notifiedAt).to.be.greaterThanOrEqual(86_400n);
    const pair = Pair__factory.connect(d.pairs[0], provider);
    const [[r0, r1], token0] = await Promise.all([pair.getReserves({ blockTag: r.block }), pair.token0()]);
    const [rFur, rWeth] = token0.toLowerCase() === d.rewardToken.toLowerCase() ? [r0, r1] : [r1, r0];
    const furValue = (x: bigint) => (x * rWeth) / rFur;
    const stakeValue = furValue(STAKE);
    expect(r.rewards.map((row) => row.token.symbol)).to.deep.equal(["FUR", "WETH"]);
    let aprSum = 0n;
    for (const row of r.rewards) {
      const received = BigInt(collected.notified.find((n) => n.token.address === row.token.address)!.amount);
      // One notify, nothing left of an earlier stream: rate = received · 1e27 / 604,800 s.
      const rate = (received * PRECISION) / DURATION;
      expect([row.rate, row.periodFinish, row.streaming]).to.deep.equal([
        rate.toString(),
        (notifiedAt + DURATION).toString(),
        true,
      ]);
      const perYear = (rate * YEAR) / PRECISION;
      expect(row.perYear).to.equal(perYear.toString());
      const perYearValue = row.token.symbol === "WETH" ? perYear : furValue(perYear);
      expect(row.perYearValue).to.equal(perYearValue.toString());
      const apr = (perYearValue * WAD) / stakeValue;
      expect(row.aprWad).to.equal(apr.toString());
      aprSum += apr;
      // The only staker, settled last at the notify: rewardPerToken = elapsed · rate / supply, then
      // earned = balance · rewardPerToken / 1e27 (both floored).
      const rpt = ((at - notifiedAt) * rate) / STAKE;
      const earned = (STAKE * rpt) / PRECISION;
      expect(row.earned.amount, row.token.symbol).to.equal(earned.toString());
      expect(earned).to.be.greaterThan(0n);
      const sfur = StakedFUR__factory.connect(d.stakedFur!, provider);
      expect(await sfur.earned(staker.address, row.token.address, { blockTag: r.block })).to.equal(earned);
    }
    expect(r.aprWad).to.equal(aprSum.toString());
  });
});
