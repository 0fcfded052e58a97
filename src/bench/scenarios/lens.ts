import type { BenchContext } from "../harness";
import type { MockERC20 } from "../../../typechain-types";
import { E18 } from "../../model";

/** Issue 14: the user call with 20 pools stays well inside a node's default eth_call limit (50M in geth). */
export const goals: Record<string, number> = {
  "lens.user.20pools": 5_000_000,
};

/** Pools in the measured page: half pairs, half single tokens, every fourth with a bonus rewarder. */
const POOLS = 20;

/**
 * FurrowLens.overview(user, 0, 20) as an app's refresh calls it, measured with eth_estimateGas (the
 * eth_call's gas plus the 21,000 and calldata of a transaction). A farm at 1 FUR/s with 20 pools:
 * 10 token/token pairs (seeded 1,000 : 1,000) and 10 single-token pools, every fourth pool with a
 * funded ERC20Rewarder; the user holds a stake in all 20 and an hour has passed, so every pending
 * amount is non-zero; sFUR with four reward streams, the user staking in it; one lending market
 * in which the user supplies, posts collateral and borrows. No VaultFactory (the vault list is
 * measured empty). No peer: MasterChef has no
 * on-chain lens; apps read it with one call per pool and field.
 */
export async function run({ hre, signers, send, record }: BenchContext) {
  const { ethers } = hre;
  const [admin, user] = signers;
  const deadline = 2n ** 40n;

  const fur = await ethers.deployContract("RewardToken", [admin.address]);
  const weth = await ethers.deployContract("WETH9");
  const factory = await ethers.deployContract("PairFactory", [admin.address]);
  const router = await ethers.deployContract("Router", [factory, weth]);
  const start = (await ethers.provider.getBlock("latest"))!.timestamp + 60;
  const farm = await ethers.deployContract("Farm", [fur, E18, start, admin.address]);
  const minter = await fur.MINTER_ROLE();
  await send(() => fur.grantRole(minter, farm));
  const bonus = await ethers.deployContract("MockERC20", ["Bonus", "BONUS", 18]);
  await send(() => bonus.mint(admin.address, 1_000_000n * E18));

  const tokens: MockERC20[] = [];
  for (let i = 0; i <= POOLS / 2; i++) {
    const token = (await ethers.deployContract("MockERC20", [
      `Token ${i}`,
      `T${i}`,
      18,
    ])) as unknown as MockERC20;
    for (const who of [admin, user]) {
      await send(() => token.mint(who.address, 10_000n * E18));
      await send(() => token.connect(who).approve(router, ethers.MaxUint256));
    }
    tokens.push(token);
  }
  const stakes: string[] = [];
  for (let i = 0; i < POOLS / 2; i++) {
    await send(() =>
      router.addLiquidity(tokens[i], tokens[i + 1], 1_000n * E18, 1_000n * E18, 0, 0, user.address, deadline),
    );
    stakes.push(await factory.getPair(tokens[i], tokens[i + 1]));
    stakes.push(await tokens[i].getAddress());
  }
  for (const [pid, stake] of stakes.entries()) {
    let rewarder = ethers.ZeroAddress;
    if (pid % 4 === 0) {
      const r = await ethers.deployContract("ERC20Rewarder", [farm, pid, bonus, E18 / 10n, admin.address]);
      await send(() => bonus.approve(r, ethers.MaxUint256));
      await send(() => r.fund(10_000n * E18));
      rewarder = await r.getAddress();
    }
    await send(() => farm.add(100, stake, rewarder));
    const token = await ethers.getContractAt("MockERC20", stake);
    await send(() => token.connect(user).approve(farm, ethers.MaxUint256));
    await send(() => farm.connect(user).deposit(pid, 100n * E18, user.address));
  }
  // sFUR with four streaming reward tokens, the user staking 1,000 FUR.
  const sFur = await ethers.deployContract("StakedFUR", [fur, admin.address]);
  await send(() => fur.grantRole(minter, admin.address));
  await send(() => fur.mint(user.address, 1_000n * E18));
  await send(() => fur.connect(user).approve(sFur, ethers.MaxUint256));
  await send(() => sFur.connect(user).depositFor(user.address, 1_000n * E18));
  for (const token of tokens.slice(0, 4)) {
    await send(() => sFur.addRewardToken(token));
    await send(() => token.connect(user).approve(sFur, ethers.MaxUint256));
    await send(() => sFur.connect(user).notifyRewardAmount(token, 100n * E18));
  }
  // One lending market (T0 lent against WETH, a $3,000 mock feed), the user supplying, posting
  // collateral and borrowing in it, BorrowRewards paying its borrowers.
  const marketFactory = await ethers.deployContract("MarketFactory", [admin.address]);
  const borrowRewards = await ethers.deployContract("BorrowRewards", [
    farm,
    fur,
    marketFactory,
    admin.address,
  ]);
  await send(() => marketFactory.setIncentives(farm, borrowRewards));
  const feed = await ethers.deployContract("MockAggregator", [8, "ETH / USD", 3_000n * 10n ** 8n]);
  const oracle = await ethers.deployContract("ChainlinkOracle", [feed, ethers.ZeroAddress, 18, 18, 86_400]);
  const irm = await ethers.deployContract("KinkedRateModel", [
    0,
    1_585_489_599n,
    95_129_375_951n,
    8n * 10n ** 17n,
  ]);
  const loan = tokens[0];
  await send(() => loan.approve(marketFactory, 1_000n));
  await send(() => marketFactory.createMarket(loan, weth, oracle, irm, 86n * 10n ** 16n, 1_000n));
  const market = await ethers.getContractAt("LendingMarket", await marketFactory.allMarkets(0));
  await send(() => weth.connect(user).deposit({ value: E18 }));
  await send(() => weth.connect(user).approve(market, ethers.MaxUint256));
  await send(() => loan.connect(user).approve(market, ethers.MaxUint256));
  await send(() => market.connect(user).deposit(100n * E18, user.address));
  await send(() => market.connect(user).supplyCollateral(E18, user.address));
  await send(() => market.connect(user).borrow(10n * E18, user.address));

  await hre.network.provider.send("evm_increaseTime", [3_600]);
  await hre.network.provider.send("evm_mine", []);

  const lens = await ethers.deployContract("FurrowLens", [farm, ethers.ZeroAddress, sFur, marketFactory]);
  const o = await lens.overview(user.address, 0, POOLS);
  if (
    o.pools.length !== POOLS ||
    o.positions.some((p) => !p.ok || p.pendingFur === 0n) ||
    o.staking.rewards.some((r) => r.earned === 0n) ||
    o.markets.length !== 1 ||
    !o.markets[0].ok ||
    !o.markets[0].priceOk ||
    o.markets[0].debt === 0n
  )
    throw new Error("lens.user.20pools: the page does not hold 20 readable positions and a market");
  record("lens.user.20pools", await lens.overview.estimateGas(user.address, 0, POOLS));
}
