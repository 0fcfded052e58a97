import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { NamedArtifactContractAtFuture } from "@nomicfoundation/ignition-core";
import { ZeroAddress } from "ethers";
import type { DeployConfig, FeedConfig } from "../../config";
import { rateModelArgs } from "../../config";
import { TokenModule } from "./token";

type GovernanceModule = ReturnType<typeof import("./governance").governanceModule>;
type AmmModule = ReturnType<typeof import("./amm").ammModule>;
type FarmModule = ReturnType<typeof import("./farm").farmModule>;

/**
 * The lending side (docs/lending.md): `MarketFactory(timelock)` and
 * `BorrowRewards(farm, FUR, factory, timelock)`, both owned by the timelock from their constructors
 * (nothing to accept later), and, for each configured market, what its listing needs: its
 * `KinkedRateModel`, its `ChainlinkOracle` (over the configured feeds, or `MockAggregator`s on local
 * chains), and its seed, sent by the deployer to the timelock.
 *
 * `createMarket` is owner-only and pulls the seed from its caller, so the listing itself is a call of
 * the timelock's: the Furrow module's bootstrap batch calls `setIncentives(farm, rewards)` (before
 * any listing, so every market reports to BorrowRewards and FUR is refused as collateral), then for
 * each market `loanToken.approve(factory, seed)` and `createMarket(...)`. The deployer never owns
 * the factory, so there is nothing to hand over and nobody else can list first (issue 9.3: only the
 * deployer may execute the batch). The seed is the deployer's: a mock token is minted to the
 * timelock, WETH is wrapped from the deployer's ETH and sent, an address token is sent from the
 * deployer's balance (which must hold it, or the deployment stops at `seedTransfer_<i>`).
 */
export function lendingModule(
  config: DeployConfig,
  governance: GovernanceModule,
  amm: AmmModule,
  farmPart: FarmModule,
) {
  return buildModule("Lending", (m) => {
    const { rewardToken } = m.useModule(TokenModule);
    const { timelock } = m.useModule(governance);
    const { weth } = m.useModule(amm);
    const { farm } = m.useModule(farmPart);
    const lending = config.lending ?? { markets: [] };

    const marketFactory = m.contract("MarketFactory", [timelock]);
    const borrowRewards = m.contract("BorrowRewards", [farm, rewardToken, marketFactory, timelock]);

    const mocks = new Map(
      (lending.mockTokens ?? []).map((t) => [
        t.symbol,
        m.contract("MockERC20", [t.name, t.symbol, t.decimals], { id: `MockERC20_${t.symbol}` }),
      ]),
    );
    const external = new Map<string, NamedArtifactContractAtFuture<"IERC20Metadata">>();
    const token = (ref: string) => {
      if (ref === "WETH") return weth;
      const mock = mocks.get(ref);
      if (mock) return mock;
      const key = ref.toLowerCase();
      if (!external.has(key)) external.set(key, m.contractAt("IERC20Metadata", ref, { id: `ERC20_${key}` }));
      return external.get(key)!;
    };
    const decimals = new Map<string, ReturnType<typeof m.staticCall>>();
    const decimalsOf = (ref: string) => {
      const key = ref.toLowerCase();
      if (!decimals.has(key))
        decimals.set(key, m.staticCall(token(ref), "decimals", [], 0, { id: `decimals_${key}` }));
      return decimals.get(key)!;
    };
    const feed = (f: FeedConfig, id: string) =>
      typeof f === "string"
        ? f
        : m.contract(
            "MockAggregator",
            [f.mock.decimals, f.mock.description ?? "mock feed", BigInt(f.mock.answer)],
            { id },
          );

    const markets = lending.markets.map((mk, i) => {
      const loanToken = token(mk.loanToken);
      const collateralToken = token(mk.collateralToken);
      const oracle = m.contract(
        "ChainlinkOracle",
        [
          feed(mk.oracle.collateralFeed, `MockAggregator_${i}_collateral`),
          mk.oracle.loanFeed === undefined
            ? ZeroAddress
            : feed(mk.oracle.loanFeed, `MockAggregator_${i}_loan`),
          decimalsOf(mk.collateralToken),
          decimalsOf(mk.loanToken),
          mk.oracle.maxStaleness,
        ],
        { id: `ChainlinkOracle_${i}` },
      );
      const irm = m.contract("KinkedRateModel", rateModelArgs(mk.rateModel), { id: `KinkedRateModel_${i}` });
      const seed = BigInt(mk.seedAssets);
      if (mocks.has(mk.loanToken)) {
        m.call(loanToken, "mint", [timelock, seed], { id: `seedMint_${i}` });
      } else {
        const wrapped =
          mk.loanToken === "WETH" ? [m.call(weth, "deposit", [], { value: seed, id: `seedWrap_${i}` })] : [];
        m.call(loanToken, "transfer", [timelock, seed], { id: `seedTransfer_${i}`, after: wrapped });
      }
      return { loanToken, collateralToken, oracle, irm, lltv: BigInt(mk.lltv), seed };
    });

    return {
      marketFactory,
      borrowRewards,
      ...Object.fromEntries(
        markets.flatMap((mk, i) => [
          [`loanToken${i}`, mk.loanToken],
          [`collateralToken${i}`, mk.collateralToken],
          [`oracle${i}`, mk.oracle],
          [`irm${i}`, mk.irm],
        ]),
      ),
    };
  });
}
