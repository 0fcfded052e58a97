import type { ContractTransactionResponse, Signer } from "ethers";
import { Contract } from "ethers";
import type { BenchContext, Elsewhere } from "../harness";
import type { Farm, MockERC20, Pair, PairFactory, RewardToken } from "../../../typechain-types";
import { factoryOf } from "../peers/uniswap";
import { sushiArtifacts } from "../peers/sushiswap";
import { E18 } from "../../model";

/** Goals of issue 4. */
export const goals: Record<string, number> = {
  "farm.deposit": 82_000,
  "farm.deposit.first": 115_000,
  "farm.withdraw": 80_000,
  "farm.harvest": 75_000,
  "farm.withdrawAndHarvest": 95_000,
  "farm.emergencyWithdraw": 42_000,
  "farm.add.n1": 110_000,
  "farm.add.n50": 110_000,
  "farm.set.n50": 50_000,
};

/**
 * SushiSwap's MasterChefV2 is not published on npm, so it cannot run here: its figures are the ones
 * issue 4 gives (measured outside this repository), beside MasterChef V1 measured live.
 */
const MCV2_SOURCE = "MasterChefV2 figures as given in issue 4 (SushiSwap's MasterChefV2 is not on npm)";
const mcv2 = (gas: number): Elsewhere => ({ name: "MCv2", gas, source: MCV2_SOURCE });
export const elsewhere: Record<string, Elsewhere> = {
  "farm.deposit.first": mcv2(128_724),
  "farm.deposit": mcv2(94_524),
  "farm.withdraw": mcv2(92_162),
  "farm.harvest.settled": mcv2(93_046),
  "farm.harvest": mcv2(93_046),
  "farm.withdrawAndHarvest": mcv2(111_087),
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
  await measure("farm.updatePool", () => farm.updatePool(3));

  // Admin operations: cost must not grow with the number of pools.
  const one = await stakedFarm(ctx, fur, 1);
  const [extra] = await stakeTokens(ctx, 1);
  await measure("farm.add.n1", () => one.farm.add(100, extra.getAddress(), hre.ethers.ZeroAddress));
  const fifty = await stakedFarm(ctx, fur, 50);
  const [extra50] = await stakeTokens(ctx, 1);
  await measure("farm.add.n50", () => fifty.farm.add(100, extra50.getAddress(), hre.ethers.ZeroAddress));
  await measure("farm.set.n50", () => fifty.farm.set(7, 250, hre.ethers.ZeroAddress, false));
  // What MasterChef needs massUpdatePools for (a new emission rate for every pool) is one global
  // index here, whatever the number of pools.
  await measure("farm.setRewardPerSecond.n50", () => fifty.farm.setRewardPerSecond(2n * E18));
}

/** The calls of SushiSwap's MasterChef (V1) the scenario makes. */
interface MasterChef {
  getAddress(): Promise<string>;
  add(
    allocPoint: number,
    lpToken: string | Promise<string>,
    withUpdate: boolean,
  ): Promise<ContractTransactionResponse>;
  set(pid: number, allocPoint: number, withUpdate: boolean): Promise<ContractTransactionResponse>;
  deposit(pid: number, amount: bigint): Promise<ContractTransactionResponse>;
  withdraw(pid: number, amount: bigint): Promise<ContractTransactionResponse>;
  emergencyWithdraw(pid: number): Promise<ContractTransactionResponse>;
  updatePool(pid: number): Promise<ContractTransactionResponse>;
  massUpdatePools(): Promise<ContractTransactionResponse>;
}

/** The scenario's MasterChef as `signer` calls it. */
function chefAs(chef: Contract, signer: Signer): MasterChef {
  return chef.connect(signer) as unknown as MasterChef;
}

/**
 * A MasterChef with `pools` pools of the same stake tokens, each staked by `staker`, paying 12 SUSHI
 * a block (1 a second at 12 s blocks, Furrow's rate), no bonus period. Each chef mints its own
 * SushiToken (the token's owner is the one chef); `holders` get 1 SUSHI first, so their first
 * harvest is not their first SUSHI (as for FUR above).
 */
async function stakedChef(ctx: BenchContext, pools: number, holders: string[] = []) {
  const { hre, signers, send } = ctx;
  const [admin, , staker] = signers;
  const artifacts = sushiArtifacts();
  const sushi = (await factoryOf(artifacts.SushiToken, admin).deploy()) as Contract;
  for (const holder of holders)
    await send(() => sushi.mint(holder, E18) as Promise<ContractTransactionResponse>);
  const block = await hre.ethers.provider.getBlockNumber();
  const contract = (await factoryOf(artifacts.MasterChef, admin).deploy(
    await sushi.getAddress(),
    admin.address,
    12n * E18,
    block,
    block,
  )) as Contract;
  const chef = chefAs(contract, admin);
  await send(() => sushi.transferOwnership(chef.getAddress()) as Promise<ContractTransactionResponse>);
  const tokens = await stakeTokens(ctx, pools);
  for (let i = 0; i < pools; i++) {
    const token = tokens[i];
    await mintStake(ctx, token, staker.address, 1_000n * E18);
    await send(() => token.connect(staker).approve(chef.getAddress(), hre.ethers.MaxUint256));
    await send(() => chef.add(100, token.getAddress(), false));
    await send(() => chefAs(contract, staker).deposit(i, 10n * E18));
  }
  return { chef, contract, tokens };
}

/**
 * The same steps on MasterChef V1, compiled from @sushiswap/core's sources. V1 pays pending SUSHI
 * inside `deposit` and `withdraw`: a harvest is `deposit(pid, 0)` and `withdraw` is also
 * withdraw-and-harvest. `add` and `set` run `massUpdatePools` first (`_withUpdate`), as an owner
 * must to keep rewards right; `massUpdatePools` itself is measured at 1, 10 and 50 pools.
 */
async function masterChefV1(ctx: BenchContext) {
  const { hre, signers, send, measure } = ctx;
  const [, alice] = signers;

  const { chef, contract, tokens } = await stakedChef(ctx, 10, [alice.address]);
  const lp = tokens[3];
  await mintStake(ctx, lp, alice.address, 1_000n * E18);
  await send(() => lp.connect(alice).approve(chef.getAddress(), hre.ethers.MaxUint256));
  const asAlice = chefAs(contract, alice);
  await measure("farm.deposit.first", () => asAlice.deposit(3, 100n * E18));
  await measure("farm.deposit", () => asAlice.deposit(3, 100n * E18));
  await measure("farm.withdraw", () => asAlice.withdraw(3, 10n * E18));
  await measure("farm.harvest.settled", () => asAlice.deposit(3, 0n));
  await measure("farm.harvest", () => asAlice.deposit(3, 0n));
  await measure("farm.withdrawAndHarvest", () => asAlice.withdraw(3, 10n * E18));
  await measure("farm.emergencyWithdraw", () => asAlice.emergencyWithdraw(3));
  await measure("farm.updatePool", () => chef.updatePool(3));

  const one = await stakedChef(ctx, 1);
  const [extra] = await stakeTokens(ctx, 1);
  // Steady state: every pool's accSushiPerShare already non-zero (a pool's first update after its
  // first stake writes it from zero, 17,100 more), as for a chef that has run for a while.
  await send(() => one.chef.massUpdatePools());
  await measure("farm.massUpdatePools.n1", () => one.chef.massUpdatePools());
  await send(() => chef.massUpdatePools());
  await measure("farm.massUpdatePools.n10", () => chef.massUpdatePools());
  await measure("farm.add.n1", () => one.chef.add(100, extra.getAddress(), true));
  const fifty = await stakedChef(ctx, 50);
  const [extra50] = await stakeTokens(ctx, 1);
  await send(() => fifty.chef.massUpdatePools());
  await measure("farm.massUpdatePools.n50", () => fifty.chef.massUpdatePools());
  await measure("farm.add.n50", () => fifty.chef.add(100, extra50.getAddress(), true));
  await measure("farm.set.n50", () => fifty.chef.set(7, 250, true));
}

export const peers = { "MasterChef V1": masterChefV1 };
