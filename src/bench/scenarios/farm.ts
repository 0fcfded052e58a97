import type { BenchContext, Anchor } from "../harness";
import type { Farm, MockERC20, Pair, PairFactory, RewardToken } from "../../../typechain-types";
import { E18 } from "../../model";

/** Anchors and goals of issue 4 (SushiSwap MasterChef / MasterChefV2). */
export const anchors: Record<string, Anchor> = {
  "farm.deposit": { reference: "MCv2", anchor: 94_524, goal: 82_000 },
  "farm.deposit.first": { reference: "MCv2", anchor: 128_724, goal: 115_000 },
  "farm.withdraw": { reference: "MCv2", anchor: 92_162, goal: 80_000 },
  "farm.harvest": { reference: "MCv2", anchor: 93_046, goal: 75_000 },
  "farm.harvest.settled": { reference: "MCv2", anchor: 93_046 },
  "farm.withdrawAndHarvest": { reference: "MCv2", anchor: 111_087, goal: 95_000 },
  "farm.emergencyWithdraw": { reference: "MC", anchor: 45_017, goal: 42_000 },
  "farm.add.n1": { reference: "MC", anchor: 166_193, goal: 110_000 },
  "farm.add.n50": { reference: "MC", anchor: 1_632_941, goal: 110_000 },
  "farm.set.n50": { reference: "MC", anchor: 1_562_395, goal: 50_000 },
};

/** What a pool stakes: the issue measures with the AMM's LP token ("or a plain ERC-20 until it exists"). */
type StakeToken = MockERC20 | Pair;

/**
 * Mints exactly `amount` of stake token to `to`. For a pair this adds liquidity 1:1, so reserves
 * always equal the LP supply: the first mint adds MINIMUM_LIQUIDITY more (locked by the pair).
 */
async function mintStake(ctx: BenchContext, token: StakeToken, to: string, amount: bigint) {
  const { hre, send } = ctx;
  if (!("token0" in token)) {
    await send(() => (token as MockERC20).mint(to, amount));
    return;
  }
  const pair = token as Pair;
  const locked = (await pair.totalSupply()) === 0n ? await pair.MINIMUM_LIQUIDITY() : 0n;
  for (const side of [await pair.token0(), await pair.token1()]) {
    const t = (await hre.ethers.getContractAt("MockERC20", side)) as unknown as MockERC20;
    await send(() => t.mint(pair.getAddress(), amount + locked));
  }
  await send(() => pair.mint(to));
}

/**
 * Deploys `count` stake tokens: Pair LP tokens from one PairFactory (pair i = base/token i), or
 * plain MockERC20s when FARM_BENCH_STAKE=erc20 (the figures before the AMM existed).
 */
async function stakeTokens(ctx: BenchContext, count: number): Promise<StakeToken[]> {
  const { hre, signers, send } = ctx;
  const plain = process.env.FARM_BENCH_STAKE === "erc20";
  const deployToken = async (i: number | string) =>
    (await hre.ethers.deployContract("MockERC20", [`T ${i}`, `T${i}`, 18])) as unknown as MockERC20;
  if (plain) return Promise.all(Array.from({ length: count }, (_, i) => deployToken(i)));
  const factory = (await hre.ethers.deployContract("PairFactory", [
    signers[0].address,
  ])) as unknown as PairFactory;
  const base = await deployToken("base");
  const out: StakeToken[] = [];
  for (let i = 0; i < count; i++) {
    const other = await deployToken(i);
    await send(() => factory.createPair(base.getAddress(), other.getAddress()));
    const address = await factory.getPair(base.getAddress(), other.getAddress());
    out.push((await hre.ethers.getContractAt("Pair", address)) as unknown as Pair);
  }
  return out;
}

/** A farm with `pools` pools, each staked by `staker`, paying 1 FUR/s. */
async function stakedFarm(ctx: BenchContext, fur: RewardToken, pools: number) {
  const { hre, signers, send } = ctx;
  const [admin, , staker] = signers;
  const now = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
  const farm = (await hre.ethers.deployContract("Farm", [
    await fur.getAddress(),
    E18,
    now,
    admin.address,
  ])) as unknown as Farm;
  const minter = await fur.MINTER_ROLE();
  await send(() => fur.grantRole(minter, farm.getAddress()));
  const tokens = await stakeTokens(ctx, pools);
  for (let i = 0; i < pools; i++) {
    const token = tokens[i];
    await mintStake(ctx, token, staker.address, 1_000n * E18);
    await send(() => token.connect(staker).approve(farm.getAddress(), hre.ethers.MaxUint256));
    await send(() => farm.add(100, token.getAddress(), hre.ethers.ZeroAddress));
    await send(() => farm.connect(staker).deposit(i, 10n * E18, staker.address));
  }
  return { farm, tokens };
}

export async function run(ctx: BenchContext) {
  const { hre, signers, send, measure } = ctx;
  const [admin, alice] = signers;
  const fur = (await hre.ethers.deployContract("RewardToken", [admin.address])) as unknown as RewardToken;

  // User operations: 10 pools registered and staked; alice (no delegate) keeps a token balance.
  const { farm, tokens } = await stakedFarm(ctx, fur, 10);
  const lp = tokens[3];
  await mintStake(ctx, lp, alice.address, 1_000n * E18);
  await send(() => lp.connect(alice).approve(farm.getAddress(), hre.ethers.MaxUint256));
  // The recipient already holds FUR (any earlier harvest); a first-ever FUR receipt costs 17,100
  // more for the zero-to-non-zero balance write, as with any ERC-20.
  await send(async () => fur.grantRole(await fur.MINTER_ROLE(), admin.address));
  await send(() => fur.mint(alice.address, E18));
  await measure("farm.deposit.first", () => farm.connect(alice).deposit(3, 100n * E18, alice.address));
  await measure("farm.deposit", () => farm.connect(alice).deposit(3, 100n * E18, alice.address));
  await measure("farm.withdraw", () => farm.connect(alice).withdraw(3, 10n * E18, alice.address));
  // First harvest after a stake change (the deposit/withdraw settled FUR into the position), then
  // the steady-state harvest of a user who harvests again without changing their stake.
  await measure("farm.harvest.settled", () => farm.connect(alice).harvest(3, alice.address));
  await measure("farm.harvest", () => farm.connect(alice).harvest(3, alice.address));
  await measure("farm.withdrawAndHarvest", () =>
    farm.connect(alice).withdrawAndHarvest(3, 10n * E18, alice.address),
  );
  await measure("farm.emergencyWithdraw", () => farm.connect(alice).emergencyWithdraw(3, alice.address));

  // Admin operations: cost must not grow with the number of pools.
  const one = await stakedFarm(ctx, fur, 1);
  const [extra] = await stakeTokens(ctx, 1);
  await measure("farm.add.n1", () => one.farm.add(100, extra.getAddress(), hre.ethers.ZeroAddress));
  const fifty = await stakedFarm(ctx, fur, 50);
  const [extra50] = await stakeTokens(ctx, 1);
  await measure("farm.add.n50", () => fifty.farm.add(100, extra50.getAddress(), hre.ethers.ZeroAddress));
  await measure("farm.set.n50", () => fifty.farm.set(7, 250, hre.ethers.ZeroAddress, false));
}
