import { expect } from "chai";
import fs from "fs";
import path from "path";
import hre, { ethers } from "hardhat";
import { impersonateAccount, loadFixture, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import {
  LOCAL_LENDING,
  PARAMETERS_DIR,
  loadDeployConfig,
  type DeployConfig,
  type LendingMarketConfig,
} from "../../deploy/config";
import { BOOTSTRAP_SALT, listingSalt } from "../../deploy/modules/parts/furrow";
import { TESTNETS } from "../../hardhat.config";
import { checkWiring } from "../../src/chain/deployment";
import { FurrowError } from "../../src/chain/errors";
import { HARDHAT_DEPLOY_CONFIG, E18 } from "../fixtures";
import { deployWithFrontRunner, timelockError } from "./frontRunner";
import type { MockERC20 } from "../../typechain-types";

const YEAR = 31_536_000n;
const EXECUTOR_ROLE = ethers.id("EXECUTOR_ROLE");
const LENDING_CHECKS = [
  "MarketFactory has code",
  "MarketFactory: owner",
  "MarketFactory: farm",
  "MarketFactory: borrow rewards",
  "MarketFactory: markets",
  "BorrowRewards has code",
  "BorrowRewards: owner",
  "BorrowRewards: farm",
  "BorrowRewards: reward token",
  "BorrowRewards: factory",
];

/** The rate model of LOCAL_LENDING's market, per year. */
const RATES = LOCAL_LENDING.markets[0].rateModel;

/** A market entry with a mock collateral feed (and optionally a loan feed), 80% lltv, the local rates. */
function marketEntry(
  loanToken: string,
  collateralToken: string,
  feeds: { collateral: bigint; loan?: bigint },
  seedAssets: bigint,
): LendingMarketConfig {
  return {
    loanToken,
    collateralToken,
    oracle: {
      collateralFeed: { mock: { decimals: 8, answer: feeds.collateral.toString() } },
      ...(feeds.loan === undefined
        ? {}
        : { loanFeed: { mock: { decimals: 8, answer: feeds.loan.toString() } } }),
      maxStaleness: 86_400,
    },
    lltv: (8n * 10n ** 17n).toString(),
    seedAssets: seedAssets.toString(),
    rateModel: RATES,
  };
}

/**
 * The Furrow module with three markets while a stranger front-runs the timelock (FrontRunning.test.ts):
 *  0. LOCAL_LENDING's: mock USDC (6 decimals, minted to the timelock) against WETH, a $3,000 ETH/USD mock feed;
 *  1. WETH (wrapped from the deployer's ETH) against TKB (an existing 8-decimal token), TKB/USD $2 over ETH/USD $3,000;
 *  2. TKA (an existing 18-decimal token the deployer holds) against WETH, a WETH/TKA feed of 1,500.
 */
async function lendingDeploymentFixture() {
  const signers = await ethers.getSigners();
  const [deployer, stranger] = [signers[0], signers[9]];
  const tka: MockERC20 = await ethers.deployContract("MockERC20", ["Token A", "TKA", 18], stranger);
  const tkb: MockERC20 = await ethers.deployContract("MockERC20", ["Token B", "TKB", 8], stranger);
  await tka.mint(deployer.address, 5n * E18);
  const [tkaAddress, tkbAddress] = [await tka.getAddress(), await tkb.getAddress()];
  const config: DeployConfig = {
    ...HARDHAT_DEPLOY_CONFIG,
    lending: {
      mockTokens: LOCAL_LENDING.mockTokens,
      markets: [
        LOCAL_LENDING.markets[0],
        marketEntry("WETH", tkbAddress, { collateral: 2n * 10n ** 8n, loan: 3_000n * 10n ** 8n }, 10n ** 15n),
        marketEntry(tkaAddress, "WETH", { collateral: 1_500n * 10n ** 8n }, 2n * E18),
      ],
    },
  };
  const { system, deployment, attempts } = await deployWithFrontRunner(hre, config, stranger.address);
  const usdc = await ethers.getContractAt("MockERC20", await system.markets[0].asset());
  return { system, deployment, attempts, deployer, stranger, tka, tkb, usdc, config };
}

/** The shipped hardhat parameters (no markets), with the same stranger. */
async function defaultDeploymentFixture() {
  const stranger = (await ethers.getSigners())[9];
  return deployWithFrontRunner(hre, HARDHAT_DEPLOY_CONFIG, stranger.address);
}

describe("Deployment of the lending markets", function () {
  describe("off by default", function () {
    it("lists no market in any shipped parameter file", function () {
      for (const network of ["hardhat", "localhost", ...Object.keys(TESTNETS)]) {
        expect(loadDeployConfig(network).lending?.markets ?? [], network).to.deep.equal([]);
      }
    });

    it("still deploys the factory and borrower rewards, owned by the timelock, with incentives set", async function () {
      const { system, attempts } = await loadFixture(defaultDeploymentFixture);
      const { marketFactory, borrowRewards, timelock, farm, token } = system;
      const tl = await timelock.getAddress();
      expect(await marketFactory.owner()).to.equal(tl);
      expect(await marketFactory.allMarketsLength()).to.equal(0n);
      expect([await marketFactory.farm(), await marketFactory.borrowRewards()]).to.deep.equal([
        await farm.getAddress(),
        await borrowRewards.getAddress(),
      ]);
      expect(await borrowRewards.owner()).to.equal(tl);
      expect([
        await borrowRewards.farm(),
        await borrowRewards.rewardToken(),
        await borrowRewards.factory(),
      ]).to.deep.equal([await farm.getAddress(), await token.getAddress(), await marketFactory.getAddress()]);
      expect(await borrowRewards.reserve()).to.equal(0n);
      expect(system.markets).to.deep.equal([]);
      // setIncentives ran in the one bootstrap batch, which the stranger could not execute.
      const [set] = await marketFactory.queryFilter(marketFactory.filters.IncentivesSet());
      const tx = await set.getTransaction();
      expect([tx.from, tx.to]).to.deep.equal([system.deployer.address, tl]);
      expect(attempts).to.have.length(1);
    });

    it("passes every wiring check, the lending ones included", async function () {
      const { deployment } = await loadFixture(defaultDeploymentFixture);
      const checks = await checkWiring(ethers.provider, deployment);
      const failed = checks.filter((c) => !c.ok);
      expect(failed, JSON.stringify(failed, null, 2)).to.deep.equal([]);
      expect(checks.map((c) => c.check)).to.include.members(LENDING_CHECKS);
    });
  });

  describe("with markets in the parameters", function () {
    it("lists each market for its pair, in parameter order, with the configured lltv and rate model", async function () {
      const { system, tka, tkb, usdc } = await loadFixture(lendingDeploymentFixture);
      const { marketFactory, markets, weth } = system;
      expect(await marketFactory.allMarketsLength()).to.equal(3n);
      const pairs = [
        [usdc, weth],
        [weth, tkb],
        [tka, weth],
      ] as const;
      for (const [i, [loan, collateral]] of pairs.entries()) {
        const market = await markets[i].getAddress();
        expect(await marketFactory.allMarkets(i)).to.equal(market);
        expect(await marketFactory.getMarket(loan, collateral)).to.equal(market);
        expect([await markets[i].asset(), await markets[i].collateralToken()]).to.deep.equal([
          await loan.getAddress(),
          await collateral.getAddress(),
        ]);
      }
      expect(await markets[0].lltv()).to.equal(86n * 10n ** 16n);
      expect(await markets[1].lltv()).to.equal(8n * 10n ** 17n);
      expect([await markets[0].symbol(), await markets[2].name()]).to.deep.equal([
        "flUSDC/WETH",
        "Furrow Lending TKA/WETH",
      ]);
      // 5%/yr = 5e16 / 31,536,000 s = 1,585,489,599.19 -> 1,585,489,599 per second;
      // 300%/yr = 3e18 / 31,536,000 = 95,129,375,951.29 -> 95,129,375,951.
      for (const market of markets) {
        const irm = await ethers.getContractAt("KinkedRateModel", await market.irm());
        expect([
          await irm.baseRatePerSecond(),
          await irm.slope1PerSecond(),
          await irm.slope2PerSecond(),
          await irm.kink(),
        ]).to.deep.equal([0n, 1_585_489_599n, 95_129_375_951n, 8n * 10n ** 17n]);
      }
      expect((5n * E18) / 100n / YEAR).to.equal(1_585_489_599n);
    });

    it("prices each market through its ChainlinkOracle over the configured feeds, decimals folded in", async function () {
      const { system } = await loadFixture(lendingDeploymentFixture);
      const prices = await Promise.all(
        system.markets.map(async (m) =>
          (await ethers.getContractAt("ChainlinkOracle", await m.oracle())).price(),
        ),
      );
      expect(prices).to.deep.equal([
        // USDC per WETH: 3000e8 · 10^(36 + 6) / 10^(18 + 8) = 3e27 (3,000 USDC per 1e18 wei)
        3n * 10n ** 27n,
        // WETH per TKB: 2e8 · 10^(36 + 18 + 8) / (3000e8 · 10^(8 + 8)) = 2e70 / 3e27, floored
        (2n * 10n ** 70n) / (3n * 10n ** 27n),
        // TKA per WETH: 1500e8 · 10^(36 + 18) / 10^(18 + 8) = 1.5e39
        15n * 10n ** 38n,
      ]);
      const oracle1 = await ethers.getContractAt("ChainlinkOracle", await system.markets[1].oracle());
      expect(await oracle1.maxStaleness()).to.equal(86_400n);
      expect(await oracle1.loanFeed()).to.not.equal(ethers.ZeroAddress);
      const oracle0 = await ethers.getContractAt("ChainlinkOracle", await system.markets[0].oracle());
      expect(await oracle0.loanFeed()).to.equal(ethers.ZeroAddress);
      // The local feed is the settable mock: the simulation moves it.
      const feed = await ethers.getContractAt("MockAggregator", await oracle0.collateralFeed());
      await feed.setAnswer(2_000n * 10n ** 8n);
      expect(await oracle0.price()).to.equal(2n * 10n ** 27n);
    });

    it("seeds every market for the dead address, from the deployer's tokens through the timelock", async function () {
      const { system, tka, usdc, deployer } = await loadFixture(lendingDeploymentFixture);
      const { markets, timelock, weth, marketFactory } = system;
      const dead = await marketFactory.SEED_RECIPIENT();
      const seeds = [10n ** 6n, 10n ** 15n, 2n * E18];
      for (const [i, market] of markets.entries()) {
        // The first deposit of an empty ERC-4626 with offset 6: shares = assets · (0 + 10^6) / (0 + 1).
        expect([await market.totalAssets(), await market.cash(), await market.totalSupply()]).to.deep.equal([
          seeds[i],
          seeds[i],
          seeds[i] * 10n ** 6n,
        ]);
        expect(await market.balanceOf(dead)).to.equal(seeds[i] * 10n ** 6n);
        expect(await market.balanceOf(timelock)).to.equal(0n);
        expect(await market.balanceOf(deployer.address)).to.equal(0n);
      }
      // The timelock spent exactly the seeds it was sent and approved: nothing left, no allowance.
      for (const token of [usdc, weth, tka]) {
        expect(await token.balanceOf(timelock)).to.equal(0n);
        expect(await token.allowance(timelock, marketFactory)).to.equal(0n);
      }
      // USDC is a mock minted straight to the timelock; the deployer kept 5 - 2 TKA and holds no USDC.
      expect(await tka.balanceOf(deployer.address)).to.equal(3n * E18);
      expect(await usdc.balanceOf(deployer.address)).to.equal(0n);
    });

    it("lists each market in its own timelock operation before the bootstrap batch, executed by the deployer after refusing the stranger", async function () {
      const { system, attempts, stranger } = await loadFixture(lendingDeploymentFixture);
      const { marketFactory, timelock, deployer } = system;
      const tl = await timelock.getAddress();
      const created = await marketFactory.queryFilter(marketFactory.filters.MarketCreated());
      expect(created.map((e) => e.args.market)).to.deep.equal(
        await Promise.all(system.markets.map((m) => m.getAddress())),
      );
      // One listing per transaction (a market's creation is about 11M gas: two would pass the 2^24 cap).
      const txs = await Promise.all(created.map((e) => e.getTransaction()));
      expect(new Set(txs.map((t) => t.hash)).size).to.equal(3);
      for (const tx of txs) expect([tx.from, tx.to]).to.deep.equal([deployer.address, tl]);
      // setIncentives came first, in the first listing, so every market reports to BorrowRewards.
      const [incentives] = await marketFactory.queryFilter(marketFactory.filters.IncentivesSet());
      expect(incentives.transactionHash).to.equal(txs[0].hash);
      expect(incentives.index).to.be.lessThan(created[0].index);
      for (const market of system.markets) {
        expect(await market.borrowRewards()).to.equal(await system.borrowRewards.getAddress());
        expect((await system.borrowRewards.marketState(market)).listed).to.equal(true);
      }
      const salts = await timelock.queryFilter(timelock.filters.CallSalt(), 0);
      expect(salts.map((e) => e.args.salt)).to.deep.equal([
        listingSalt(0),
        listingSalt(1),
        listingSalt(2),
        BOOTSTRAP_SALT,
      ]);
      for (const e of salts) expect(await timelock.isOperationDone(e.args.id)).to.equal(true);
      // The stranger tried every operation right after its schedule, and each was refused.
      expect(attempts.map((a) => timelockError(a.revertData))).to.deep.equal(
        salts.map(() => ({
          name: "AccessControlUnauthorizedAccount",
          args: [stranger.address, EXECUTOR_ROLE],
        })),
      );
      // The delay was raised last, by the bootstrap batch, after every listing.
      expect(await timelock.getMinDelay()).to.equal(BigInt(HARDHAT_DEPLOY_CONFIG.governance.timelockDelay));
    });

    it("would lose a listing to the stranger if the executor role were open during it (the refusal can fail)", async function () {
      const [deployer, , , , , , , , , stranger] = await ethers.getSigners();
      // The bug issue 9.3 guards against, on a timelock like the deployment's (delay 0, the deployer
      // proposer and admin): the executor role opened before the listing runs.
      const timelock = await ethers.deployContract("TimelockController", [
        0,
        [deployer],
        [deployer],
        deployer,
      ]);
      await timelock.grantRole(EXECUTOR_ROLE, ethers.ZeroAddress);
      const factory = await ethers.deployContract("MarketFactory", [timelock]);
      const usdc: MockERC20 = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
      const weth: MockERC20 = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
      const feed = await ethers.deployContract("MockAggregator", [8, "ETH / USD", 3_000n * 10n ** 8n]);
      const oracle = await ethers.deployContract("ChainlinkOracle", [feed, ethers.ZeroAddress, 18, 6, 3_600]);
      const irm = await ethers.deployContract("KinkedRateModel", [0, 1, 1, 8n * 10n ** 17n]);
      await usdc.mint(timelock, 10n ** 6n);
      const op: [string[], bigint[], string[], string, string] = [
        [await usdc.getAddress(), await factory.getAddress()],
        [0n, 0n],
        [
          usdc.interface.encodeFunctionData("approve", [await factory.getAddress(), 10n ** 6n]),
          factory.interface.encodeFunctionData("createMarket", [
            await usdc.getAddress(),
            await weth.getAddress(),
            await oracle.getAddress(),
            await irm.getAddress(),
            86n * 10n ** 16n,
            10n ** 6n,
          ]),
        ],
        ethers.ZeroHash,
        listingSalt(0),
      ];
      await timelock.scheduleBatch(...op, 0);
      await expect(timelock.connect(stranger).executeBatch(...op)).to.emit(factory, "MarketCreated");
      await expect(timelock.executeBatch(...op)).to.be.revertedWithCustomError(
        timelock,
        "TimelockUnexpectedOperationState",
      );
    });

    it("leaves the factory the timelock's: neither the deployer nor a stranger can list or set incentives", async function () {
      const { system, stranger, usdc } = await loadFixture(lendingDeploymentFixture);
      const { marketFactory, weth, markets, farm, borrowRewards } = system;
      expect(await marketFactory.owner()).to.equal(await system.timelock.getAddress());
      for (const who of [system.deployer, stranger]) {
        await expect(
          marketFactory
            .connect(who)
            .createMarket(weth, usdc, await markets[0].oracle(), await markets[0].irm(), 1n, 1000n),
        )
          .to.be.revertedWithCustomError(marketFactory, "OwnableUnauthorizedAccount")
          .withArgs(who.address);
        await expect(marketFactory.connect(who).setIncentives(farm, borrowRewards))
          .to.be.revertedWithCustomError(marketFactory, "OwnableUnauthorizedAccount")
          .withArgs(who.address);
        await expect(markets[0].connect(who).setCaps(1n, 1n))
          .to.be.revertedWithCustomError(markets[0], "NotFactoryOwner")
          .withArgs(who.address);
      }
    });

    it("passes every wiring check, one per market included", async function () {
      const { deployment } = await loadFixture(lendingDeploymentFixture);
      const checks = await checkWiring(ethers.provider, deployment);
      const failed = checks.filter((c) => !c.ok);
      expect(failed, JSON.stringify(failed, null, 2)).to.deep.equal([]);
      expect(checks.map((c) => c.check)).to.include.members([
        ...LENDING_CHECKS,
        "Market 0: listed by the factory",
        "Market 2: borrow rewards",
        "Market 1: seeded (dead address holds shares)",
      ]);
      expect(checks.find((c) => c.check === "MarketFactory: markets")!.actual).to.equal("3");
    });

    it("would let a stranger list if the factory left the timelock, and the wiring check says so (the checks can fail)", async function () {
      const { system, deployment, stranger, tka, tkb } = await loadFixture(lendingDeploymentFixture);
      const { marketFactory, markets, timelock } = system;
      const tl = await timelock.getAddress();
      await impersonateAccount(tl);
      await setBalance(tl, E18);
      // The bug guarded against: the factory ends up owned by someone other than the timelock.
      await marketFactory.connect(await ethers.getSigner(tl)).transferOwnership(stranger.address);
      await tkb.connect(stranger).mint(stranger.address, 1000n);
      await tkb.connect(stranger).approve(marketFactory, 1000n);
      // Then the listing front-run works: the stranger lists TKB against TKA first.
      await marketFactory
        .connect(stranger)
        .createMarket(tkb, tka, await markets[0].oracle(), await markets[0].irm(), 5n * 10n ** 17n, 1000n);
      const checks = await checkWiring(ethers.provider, deployment);
      expect(checks.filter((c) => !c.ok).map((c) => [c.check, c.expected, c.actual])).to.deep.equal([
        ["MarketFactory: owner", tl, stranger.address],
        ["MarketFactory: markets", "3", "4"],
      ]);
    });
  });

  describe("parameters", function () {
    /** loadDeployConfig on hardhat.json (or sepolia.json) edited by `edit`, through a temporary file. */
    function loadWith(base: string, edit: (c: DeployConfig) => void): () => DeployConfig {
      const c = JSON.parse(JSON.stringify(loadDeployConfig(base))) as DeployConfig;
      edit(c);
      const name = `lendingtest-${process.pid}-${base}`;
      const file = path.join(PARAMETERS_DIR, `${name}.json`);
      return () => {
        fs.writeFileSync(file, JSON.stringify(c));
        try {
          return loadDeployConfig(name);
        } finally {
          fs.rmSync(file);
        }
      };
    }
    const withMarket = (edit: (m: LendingMarketConfig) => void, base = "hardhat") =>
      loadWith(base, (c) => {
        const lending = JSON.parse(JSON.stringify(LOCAL_LENDING)) as typeof LOCAL_LENDING;
        edit(lending.markets[0]);
        c.lending = lending;
      });
    const where = (base: string) => `deploy/parameters/lendingtest-${process.pid}-${base}.json`;

    it("takes LOCAL_LENDING on a local chain", function () {
      expect(withMarket(() => undefined)().lending).to.deep.equal(LOCAL_LENDING);
    });

    for (const [title, edit, message] of [
      [
        "FUR as a token",
        (m: LendingMarketConfig) => (m.collateralToken = "FUR"),
        "lending.markets[0].collateralToken may not be FUR",
      ],
      [
        "an unknown symbol",
        (m: LendingMarketConfig) => (m.loanToken = "DAI"),
        'lending.markets[0].loanToken must be "WETH", an address or a symbol of lending.mockTokens: DAI',
      ],
      [
        "a token against itself",
        (m: LendingMarketConfig) => (m.collateralToken = "USDC"),
        "lending.markets[0] lends a token against itself",
      ],
      [
        "lltv 0",
        (m: LendingMarketConfig) => (m.lltv = "0"),
        "lending.markets[0].lltv must be a decimal string in (0, 950000000000000000]",
      ],
      [
        "lltv above 0.95",
        (m: LendingMarketConfig) => (m.lltv = "950000000000000001"),
        "lending.markets[0].lltv must be a decimal string in (0, 950000000000000000]",
      ],
      [
        "a seed below 1000 wei",
        (m: LendingMarketConfig) => (m.seedAssets = "999"),
        "lending.markets[0].seedAssets must be a decimal string of at least 1000",
      ],
      [
        "a staleness under a minute",
        (m: LendingMarketConfig) => (m.oracle.maxStaleness = 59),
        "lending.markets[0].oracle.maxStaleness must be an integer from 60 to 604800 seconds",
      ],
      [
        "a zero mock answer",
        (m: LendingMarketConfig) => (m.oracle.collateralFeed = { mock: { decimals: 8, answer: "0" } }),
        "lending.markets[0].oracle.collateralFeed.mock.answer must be a positive decimal string",
      ],
      [
        "a kink of 100%",
        (m: LendingMarketConfig) => (m.rateModel.kink = E18.toString()),
        "lending.markets[0].rateModel.kink must be in (0, 1000000000000000000)",
      ],
      // At 100%: 0 + 0.8 · 5% + 0.2 · 5,000% = 1,004%/yr, over the 1,000% bound.
      [
        "rates past 1,000%/yr",
        (m: LendingMarketConfig) => (m.rateModel.slope2PerYear = (50n * E18).toString()),
        "lending.markets[0].rateModel passes KinkedRateModel's 1,000%/yr bound (317097919837 per second)",
      ],
    ] as const) {
      it(`refuses ${title}, naming the file and the field`, function () {
        const load = withMarket(edit);
        expect(load).to.throw(FurrowError, `${where("hardhat")}: ${message}`);
      });
    }

    it("refuses a second market for the same pair", function () {
      const load = loadWith("hardhat", (c) => {
        c.lending = { ...LOCAL_LENDING, markets: [LOCAL_LENDING.markets[0], LOCAL_LENDING.markets[0]] };
      });
      expect(load).to.throw(FurrowError, "lending.markets[1] lists USDC/WETH a second time");
    });

    it("refuses mock tokens and feeds on a chain with a real WETH (a testnet)", function () {
      const load = loadWith("sepolia", (c) => (c.lending = LOCAL_LENDING));
      expect(load).to.throw(
        FurrowError,
        `${where("sepolia")}: lending.mockTokens[0]: mocks are for local chains only (a file with "weth" names real contracts)`,
      );
      expect(() =>
        loadWith("sepolia", (c) => {
          c.lending = {
            markets: [
              { ...LOCAL_LENDING.markets[0], loanToken: "0x0000000000000000000000000000000000000001" },
            ],
          };
        })(),
      ).to.throw(FurrowError, "lending.markets[0].oracle.collateralFeed: mocks are for local chains only");
    });

    it("takes real feed addresses on a testnet", function () {
      const feed = "0x694AA1769357215DE4FAC081bf1f309aDC325306";
      const c = loadWith("sepolia", (c) => {
        c.lending = {
          markets: [
            {
              ...LOCAL_LENDING.markets[0],
              loanToken: "0x0000000000000000000000000000000000000001",
              oracle: { collateralFeed: feed, maxStaleness: 3600 },
            },
          ],
        };
      })();
      expect(c.lending!.markets[0].oracle.collateralFeed).to.equal(feed);
    });
  });
});
