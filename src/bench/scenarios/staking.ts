import type { Contract, ContractTransactionResponse } from "ethers";
import type { BenchContext } from "../harness";
import type {
  FeeCollector,
  MockERC20,
  Pair,
  PairFactory,
  RewardToken,
  StakedFUR,
} from "../../../typechain-types";
import { factoryOf } from "../peers/uniswap";
import { sushiArtifacts } from "../peers/sushiswap";
import { E18 } from "../../model";

/** Goals of issue 12. */
export const goals: Record<string, number> = {
  "staking.deposit": 120_000,
  "staking.withdraw": 110_000,
  "staking.getReward": 110_000,
  "fees.collect": 160_000,
};

/**
 * sFUR with two reward tokens streaming, and a FeeCollector on one pair. Steady state: alice (the
 * measured holder, no delegate) already staked twice, so she is owed both tokens; bob also stakes;
 * the collector has collected the pair before (checked once) and both tokens are allow-listed.
 */
export async function run(ctx: BenchContext) {
  const { hre, signers, send, measure } = ctx;
  const [admin, alice, bob] = signers;
  const deploy = async <T>(name: string, args: unknown[]) =>
    (await hre.ethers.deployContract(name, args)) as unknown as T;
  const fur = await deploy<RewardToken>("RewardToken", [admin.address]);
  const sfur = await deploy<StakedFUR>("StakedFUR", [await fur.getAddress(), admin.address]);
  const factory = await deploy<PairFactory>("PairFactory", [admin.address]);
  const collector = await deploy<FeeCollector>("FeeCollector", [
    await factory.getAddress(),
    await sfur.getAddress(),
    admin.address,
  ]);
  const tokenA = await deploy<MockERC20>("MockERC20", ["Token A", "TKA", 18]);
  const tokenB = await deploy<MockERC20>("MockERC20", ["Token B", "TKB", 18]);
  await send(async () => fur.grantRole(await fur.MINTER_ROLE(), admin.address));
  for (const t of [tokenA, tokenB]) {
    await send(() => sfur.addRewardToken(t.getAddress()));
    await send(() => t.mint(admin.address, 1_000_000n * E18));
    await send(() => t.approve(sfur.getAddress(), hre.ethers.MaxUint256));
  }
  for (const who of [alice, bob]) {
    await send(() => fur.mint(who.address, 1_000n * E18));
    await send(() => fur.connect(who).approve(sfur.getAddress(), hre.ethers.MaxUint256));
    await send(() => sfur.connect(who).depositFor(who.address, 100n * E18));
  }
  for (const t of [tokenA, tokenB]) await send(() => sfur.notifyRewardAmount(t.getAddress(), 1_000n * E18));
  await send(() => sfur.connect(alice).depositFor(alice.address, 10n * E18));
  await send(() => sfur.connect(alice).getReward());
  await send(() => sfur.connect(alice).depositFor(alice.address, 10n * E18));

  await measure("staking.deposit", () => sfur.connect(alice).depositFor(alice.address, 10n * E18));
  await measure("staking.withdraw", () => sfur.connect(alice).withdrawTo(alice.address, 10n * E18));
  await measure("staking.getReward", () => sfur.connect(alice).getReward());

  // The collector: one pair of the two reward tokens, fee LP received, collected once before.
  await send(() => factory.setFeeTo(collector.getAddress()));
  await send(() => factory.createPair(tokenA.getAddress(), tokenB.getAddress()));
  const pair = (await hre.ethers.getContractAt(
    "Pair",
    await factory.getPair(tokenA.getAddress(), tokenB.getAddress()),
  )) as unknown as Pair;
  const addLiquidity = async (to: string) => {
    for (const t of [tokenA, tokenB]) await send(() => t.mint(pair.getAddress(), 100n * E18));
    await send(() => pair.mint(to));
  };
  await addLiquidity(bob.address);
  for (let i = 0; i < 2; i++) {
    await send(() => pair.connect(bob).transfer(collector.getAddress(), E18));
    if (i === 0) await send(() => collector.collect([pair.getAddress()]));
  }
  await measure("fees.collect", () => collector.collect([pair.getAddress()]));
}

/**
 * SushiBar (SUSHI staked for xSUSHI, which the fee maker's buy-backs grow), compiled from
 * @sushiswap/core's sources: the peer of sFUR's deposit and withdraw. Steady state: the bar already
 * holds stakes and SUSHI, and the measured user already holds xSUSHI and SUSHI.
 */
async function sushiBar(ctx: BenchContext) {
  const { signers, send, measure } = ctx;
  const [admin, alice, bob] = signers;
  const artifacts = sushiArtifacts();
  const sushi = (await factoryOf(artifacts.SushiToken, admin).deploy()) as Contract;
  const bar = (await factoryOf(artifacts.SushiBar, admin).deploy(await sushi.getAddress())) as Contract;
  const tx = (p: Promise<unknown>) => p as Promise<ContractTransactionResponse>;
  for (const who of [alice, bob]) {
    await send(() => tx(sushi.mint(who.address, 1_000n * E18)));
    await send(() => tx((sushi.connect(who) as Contract).approve(bar.getAddress(), 2n ** 256n - 1n)));
    await send(() => tx((bar.connect(who) as Contract).enter(100n * E18)));
  }
  // Fees arrive between stakes (what SushiMaker sends), so a share is worth more than 1 SUSHI.
  await send(() => tx(sushi.mint(bar.getAddress(), 10n * E18)));
  await measure("staking.deposit", () => tx((bar.connect(alice) as Contract).enter(10n * E18)));
  await measure("staking.withdraw", () => tx((bar.connect(alice) as Contract).leave(10n * E18)));
}

export const peers = { SushiBar: sushiBar };
