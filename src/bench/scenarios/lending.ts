import type { BenchContext } from "../harness";
import type {
  BorrowRewards,
  ChainlinkOracle,
  Farm,
  KinkedRateModel,
  LendingMarket,
  MarketFactory,
  MockAggregator,
  MockERC20,
  RewardToken,
} from "../../../typechain-types";
import { E18 } from "../../model";

/** Goals of issue 13. */
export const goals: Record<string, number> = {
  "lending.deposit": 90_000,
  "lending.borrow": 130_000,
  "lending.repay": 90_000,
  "lending.liquidate": 170_000,
};

const USDC = 10n ** 6n;
const YEAR = 365n * 24n * 3600n;

/**
 * A USDC (6 decimals) market with WETH (18) collateral at 86% lltv, priced by a $3,000 ETH/USD mock
 * feed through ChainlinkOracle, the kinked model (5%/yr to an 80% kink, 300%/yr above), rewards on:
 * the market's shares are a farm pool and BorrowRewards pays FUR to borrowers at half the supply
 * side's speed. Steady state: alice has supplied before (lending.deposit is her second deposit); bob
 * and carol have posted collateral and borrowed before, so every measured operation updates existing
 * slots, accrues interest over a block and reports to BorrowRewards. lending.liquidate: ETH falls to
 * $2,000, which leaves carol (borrowed 2,500 USDC against 1 WETH) unhealthy, and dave repays half of
 * her debt for collateral.
 */
export async function run({ hre, signers, send, measure }: BenchContext) {
  const { ethers } = hre;
  const [admin, alice, bob, carol, dave] = signers;
  const deploy = async <T>(name: string, args: unknown[]) =>
    (await ethers.deployContract(name, args)) as unknown as T;

  const fur = await deploy<RewardToken>("RewardToken", [admin.address]);
  const start = (await ethers.provider.getBlock("latest"))!.timestamp + 60;
  const farm = await deploy<Farm>("Farm", [await fur.getAddress(), E18, start, admin.address]);
  await send(async () => fur.grantRole(await fur.MINTER_ROLE(), admin.address));
  await send(async () => fur.grantRole(await fur.MINTER_ROLE(), farm.getAddress()));
  const usdc = await deploy<MockERC20>("MockERC20", ["USD Coin", "USDC", 6]);
  const weth = await deploy<MockERC20>("MockERC20", ["Wrapped Ether", "WETH", 18]);
  const feed = await deploy<MockAggregator>("MockAggregator", [8, "ETH / USD", 3_000n * 10n ** 8n]);
  const oracle = await deploy<ChainlinkOracle>("ChainlinkOracle", [
    await feed.getAddress(),
    ethers.ZeroAddress,
    18,
    6,
    3_600,
  ]);
  const irm = await deploy<KinkedRateModel>("KinkedRateModel", [
    0,
    (5n * E18) / 100n / YEAR,
    (300n * E18) / 100n / YEAR,
    (80n * E18) / 100n,
  ]);
  const factory = await deploy<MarketFactory>("MarketFactory", [admin.address]);
  const rewards = await deploy<BorrowRewards>("BorrowRewards", [
    await farm.getAddress(),
    await fur.getAddress(),
    await factory.getAddress(),
    admin.address,
  ]);
  await send(() => factory.setIncentives(farm.getAddress(), rewards.getAddress()));
  await send(() => usdc.mint(admin.address, USDC));
  await send(() => usdc.approve(factory.getAddress(), USDC));
  await send(() =>
    factory.createMarket(
      usdc.getAddress(),
      weth.getAddress(),
      oracle.getAddress(),
      irm.getAddress(),
      860_000_000_000_000_000n,
      USDC,
    ),
  );
  const market = (await ethers.getContractAt(
    "LendingMarket",
    await factory.getMarket(usdc.getAddress(), weth.getAddress()),
  )) as unknown as LendingMarket;
  await send(() => farm.add(100, market.getAddress(), ethers.ZeroAddress));
  await send(() => fur.mint(admin.address, 1_000_000n * E18));
  await send(() => fur.approve(rewards.getAddress(), ethers.MaxUint256));
  await send(() => rewards.fund(1_000_000n * E18));
  await send(() => rewards.setRewardSpeed(market.getAddress(), 0, E18 / 2n));

  for (const who of [alice, bob, carol, dave]) {
    await send(() => usdc.mint(who.address, 1_000_000n * USDC));
    await send(() => weth.mint(who.address, 100n * E18));
    await send(() => usdc.connect(who).approve(market.getAddress(), ethers.MaxUint256));
    await send(() => weth.connect(who).approve(market.getAddress(), ethers.MaxUint256));
  }
  await send(() => market.connect(alice).deposit(100_000n * USDC, alice.address));
  await send(() => market.connect(bob).supplyCollateral(10n * E18, bob.address));
  await send(() => market.connect(bob).borrow(5_000n * USDC, bob.address));
  await send(() => market.connect(carol).supplyCollateral(E18, carol.address));
  await send(() => market.connect(carol).borrow(2_500n * USDC, carol.address));

  await measure("lending.deposit", () => market.connect(alice).deposit(1_000n * USDC, alice.address));
  await measure("lending.borrow", () => market.connect(bob).borrow(1_000n * USDC, bob.address));
  await measure("lending.repay", () => market.connect(bob).repay(500n * USDC, bob.address));
  // $2,000: carol's health is 2,000 * 0.86 / 2,500 = 0.688.
  await send(() => feed.setAnswer(2_000n * 10n ** 8n));
  await measure("lending.liquidate", () =>
    market.connect(dave).liquidate(carol.address, 1_250n * USDC, dave.address),
  );
}
