import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { AddressLike } from "ethers";
import { E18, lendingFixture, LLTV, SEED_ASSETS, USDC, type LendingFixture } from "../fixtures";
import { factoryOf, uniswapArtifact } from "../../src/bench/peers/uniswap";
import type {
  BorrowRewards,
  BrokenMarketFactory,
  FeeOnTransferToken,
  MarketDeployer,
  MarketFactory,
  MockERC20,
  MockVault,
  PairFactory,
  PairLookalike,
} from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const DEAD = "0x000000000000000000000000000000000000dEaD";
const MAX_LLTV = 950_000_000_000_000_000n;
const MIN_SEED = 1_000n;
/** ERC-4626 with decimals offset 6: the first deposit into an empty market mints assets * 1e6 shares. */
const VIRTUAL_SHARES = 10n ** 6n;
/** The seed of the DAI markets listed here: 1 DAI. */
const DAI_SEED = E18;
/** Answers of PairLookalike. */
const VALUE = 0;
const REVERT = 1;
const EMPTY = 2;
/** BrokenMarketFactory's flags. */
const BUG = {
  OPEN_LISTING: 1n,
  LP_COLLATERAL: 2n,
  FUR_COLLATERAL: 4n,
  SAME_TOKEN: 8n,
  UNCHECKED_SEED: 16n,
  ANY_LLTV: 32n,
  OPEN_INCENTIVES: 64n,
  VAULT_COLLATERAL: 128n,
} as const;

interface FactoryFixture extends LendingFixture {
  /** An 18-decimal loan token for new markets; admin holds 1,000,000 and approved the factory. */
  dai: MockERC20;
  /** A factory without incentives (setIncentives never called), owned by admin. */
  bare: MarketFactory;
  deployer: MarketDeployer;
  /** Furrow's AMM factory with a DAI/WETH pair. */
  pairFactory: PairFactory;
  furrowPair: string;
}

/**
 * lendingFixture (its factory has the incentives set and lists USDC/WETH) plus DAI, a bare factory,
 * and Furrow's PairFactory with a DAI/WETH pair. Admin approved both factories for DAI and USDC.
 */
async function factoryFixture(): Promise<FactoryFixture> {
  const base = await lendingFixture();
  const { admin, factory, usdc, weth } = base;
  const dai: MockERC20 = await ethers.deployContract("MockERC20", ["Dai", "DAI", 18]);
  const bare: MarketFactory = await ethers.deployContract("MarketFactory", [admin.address]);
  await dai.mint(admin.address, 1_000_000n * E18);
  await usdc.mint(admin.address, 1_000_000n * USDC);
  for (const f of [factory, bare]) {
    await dai.approve(f, ethers.MaxUint256);
    await usdc.approve(f, ethers.MaxUint256);
  }
  const deployer: MarketDeployer = await ethers.getContractAt("MarketDeployer", await factory.deployer());
  const pairFactory: PairFactory = await ethers.deployContract("PairFactory", [admin.address]);
  await pairFactory.createPair(dai, weth);
  const furrowPair = await pairFactory.getPair(dai, weth);
  return { ...base, dai, bare, deployer, pairFactory, furrowPair };
}

/** Lists (loan, collateral) on `factory` with the fixture's oracle and model, `lltv` and `seed`. */
async function list(
  f: FactoryFixture,
  factory: MarketFactory | BrokenMarketFactory,
  loan: AddressLike,
  collateral: AddressLike,
  lltv: bigint = LLTV,
  seed: bigint = DAI_SEED,
  from: HardhatEthersSigner = f.admin,
) {
  return factory.connect(from).createMarket(loan, collateral, f.oracle, f.irm, lltv, seed);
}

async function marketAt(
  factory: MarketFactory | BrokenMarketFactory,
  loan: AddressLike,
  collateral: AddressLike,
) {
  const address = await factory.getMarket(loan, collateral);
  expect(address).to.not.equal(ZERO);
  return ethers.getContractAt("LendingMarket", address);
}

/** A BrokenMarketFactory owned by admin with `bugs`, its incentives set to the fixture's farm. */
async function brokenFactory(f: FactoryFixture, bugs: bigint): Promise<BrokenMarketFactory> {
  const broken: BrokenMarketFactory = await ethers.deployContract("BrokenMarketFactory", [
    f.admin.address,
    bugs,
  ]);
  const rewards: BorrowRewards = await ethers.deployContract("BorrowRewards", [
    f.farm,
    f.token,
    broken,
    f.admin.address,
  ]);
  await broken.setIncentives(f.farm, rewards);
  await f.dai.approve(broken, ethers.MaxUint256);
  await f.usdc.approve(broken, ethers.MaxUint256);
  return broken;
}

describe("MarketFactory", function () {
  describe("constructor", function () {
    it("sets the owner and creates a deployer whose only caller is the factory", async function () {
      const { factory, deployer, admin } = await loadFixture(factoryFixture);
      expect(await factory.owner()).to.equal(admin.address);
      expect(await deployer.factory()).to.equal(await factory.getAddress());
      // the deployer is the factory's own creation: its first CREATE (nonce 1, EIP-161)
      expect(await factory.deployer()).to.equal(
        ethers.getCreateAddress({ from: await factory.getAddress(), nonce: 1 }),
      );
    });

    it("exposes the listing bounds", async function () {
      const { factory } = await loadFixture(factoryFixture);
      expect(await factory.MAX_LLTV()).to.equal(MAX_LLTV);
      expect(await factory.MIN_SEED_ASSETS()).to.equal(MIN_SEED);
      expect(await factory.SEED_RECIPIENT()).to.equal(DEAD);
    });

    it("starts with no incentives and no markets", async function () {
      const { bare, usdc, weth } = await loadFixture(factoryFixture);
      expect(await bare.farm()).to.equal(ZERO);
      expect(await bare.borrowRewards()).to.equal(ZERO);
      expect(await bare.allMarketsLength()).to.equal(0n);
      expect(await bare.getMarket(usdc, weth)).to.equal(ZERO);
      await expect(bare.allMarkets(0)).to.be.revertedWithoutReason(); // the public array getter: no panic code
    });
  });

  describe("MarketDeployer", function () {
    it("refuses to deploy for anyone but the factory", async function () {
      const f = await loadFixture(factoryFixture);
      const { deployer, alice, dai, weth, oracle, irm, rewards } = f;
      await expect(deployer.connect(alice).deploy(dai, weth, oracle, irm, LLTV, rewards, "n", "s"))
        .to.be.revertedWithCustomError(deployer, "NotFactory")
        .withArgs(alice.address);
      // not even the factory's owner
      await expect(deployer.deploy(dai, weth, oracle, irm, LLTV, rewards, "n", "s"))
        .to.be.revertedWithCustomError(deployer, "NotFactory")
        .withArgs(f.admin.address);
    });
  });

  describe("#createMarket", function () {
    describe("when the caller is not the owner", function () {
      it("reverts with OwnableUnauthorizedAccount", async function () {
        const f = await loadFixture(factoryFixture);
        await f.dai.mint(f.alice.address, DAI_SEED);
        await f.dai.connect(f.alice).approve(f.factory, DAI_SEED);
        await expect(list(f, f.factory, f.dai, f.weth, LLTV, DAI_SEED, f.alice))
          .to.be.revertedWithCustomError(f.factory, "OwnableUnauthorizedAccount")
          .withArgs(f.alice.address);
      });

      it("proof: without the owner check anyone lists a market with their own oracle (Sonne)", async function () {
        const f = await loadFixture(factoryFixture);
        const broken = await brokenFactory(f, BUG.OPEN_LISTING);
        await f.dai.mint(f.alice.address, DAI_SEED);
        await f.dai.connect(f.alice).approve(broken, DAI_SEED);
        // alice's "oracle" is the feed itself: any contract with a price() she controls would do
        await broken.connect(f.alice).createMarket(f.dai, f.weth, f.feed, f.irm, LLTV, DAI_SEED);
        expect(await (await marketAt(broken, f.dai, f.weth)).oracle()).to.equal(await f.feed.getAddress());
      });
    });

    describe("when it lists a market", function () {
      it("returns the address of a market wired to its arguments", async function () {
        const f = await loadFixture(factoryFixture);
        const { factory, dai, weth, oracle, irm, rewards } = f;
        const predicted = await factory.createMarket.staticCall(dai, weth, oracle, irm, LLTV, DAI_SEED);
        // the deployer's second CREATE (the fixture's USDC/WETH market was its first, at nonce 1)
        expect(predicted).to.equal(ethers.getCreateAddress({ from: await factory.deployer(), nonce: 2 }));
        await list(f, factory, dai, weth);
        const market = await marketAt(factory, dai, weth);
        expect(await market.getAddress()).to.equal(predicted);
        expect(await market.asset()).to.equal(await dai.getAddress());
        expect(await market.collateralToken()).to.equal(await weth.getAddress());
        expect(await market.oracle()).to.equal(await oracle.getAddress());
        expect(await market.irm()).to.equal(await irm.getAddress());
        expect(await market.lltv()).to.equal(LLTV);
        // the factory, not the deployer: its owner sets the caps
        expect(await market.factory()).to.equal(await factory.getAddress());
        expect(await market.borrowRewards()).to.equal(await rewards.getAddress());
        // min(1.15e18, 1e36 / (0.3 * 0.86e18 + 0.7e18)) = floor(1e36 / 0.958e18)
        expect(await market.liquidationIncentive()).to.equal(1_043_841_336_116_910_229n);
        expect(await market.name()).to.equal("Furrow Lending DAI/WETH");
        expect(await market.symbol()).to.equal("flDAI/WETH");
        // 18 + the decimals offset 6
        expect(await market.decimals()).to.equal(24n);
      });

      it("deposits the seed for the dead address in the same transaction", async function () {
        const f = await loadFixture(factoryFixture);
        const { factory, dai, weth, admin } = f;
        const predicted = await factory.createMarket.staticCall(dai, weth, f.oracle, f.irm, LLTV, DAI_SEED);
        const market = await ethers.getContractAt("LendingMarket", predicted);
        // first deposit: shares = assets * (0 + 1e6) / (0 + 1) = 1e18 * 1e6 = 1e24
        const seedShares = DAI_SEED * VIRTUAL_SHARES;
        const tx = list(f, factory, dai, weth);
        await expect(tx).to.changeTokenBalances(dai, [admin, factory, market], [-DAI_SEED, 0n, DAI_SEED]);
        await expect(tx)
          .to.emit(market, "Deposit")
          .withArgs(await factory.getAddress(), DEAD, DAI_SEED, seedShares);
        await expect(tx).to.emit(market, "Transfer").withArgs(ZERO, DEAD, seedShares);
        expect(await market.balanceOf(DEAD)).to.equal(seedShares);
        expect(await market.totalSupply()).to.equal(seedShares);
        expect(await market.totalAssets()).to.equal(DAI_SEED);
        expect(await market.cash()).to.equal(DAI_SEED);
        // nothing left with the factory: no balance, no allowance
        expect(await dai.allowance(factory, market)).to.equal(0n);
        expect(await market.balanceOf(factory)).to.equal(0n);
        // the market was never empty: its clock starts in the block that deployed and seeded it
        const block = await ethers.provider.getBlock((await (await tx).wait())!.blockNumber);
        expect(await market.lastAccrual()).to.equal(BigInt(block!.timestamp));
      });

      it("emits MarketCreated with every argument", async function () {
        const f = await loadFixture(factoryFixture);
        const { factory, dai, weth, oracle, irm } = f;
        const market = await factory.createMarket.staticCall(dai, weth, oracle, irm, LLTV, DAI_SEED);
        await expect(list(f, factory, dai, weth))
          .to.emit(factory, "MarketCreated")
          .withArgs(market, await dai.getAddress(), await weth.getAddress(), oracle, irm, LLTV, DAI_SEED);
      });

      it("lists the market in the borrower rewards", async function () {
        const f = await loadFixture(factoryFixture);
        const { factory, rewards, dai, weth } = f;
        const market = await factory.createMarket.staticCall(dai, weth, f.oracle, f.irm, LLTV, DAI_SEED);
        const tx = await list(f, factory, dai, weth);
        await expect(tx).to.emit(rewards, "MarketAdded").withArgs(market);
        const block = await ethers.provider.getBlock(tx.blockNumber!);
        const s = await rewards.marketState(market);
        expect([s.index, s.lastUpdate, s.listed]).to.deep.equal([0n, BigInt(block!.timestamp), true]);
      });

      it("registers the market in every view", async function () {
        const f = await loadFixture(factoryFixture);
        const { factory, dai, weth, usdc, market: usdcMarket } = f;
        await list(f, factory, dai, weth);
        const market = await marketAt(factory, dai, weth);
        expect(await factory.allMarketsLength()).to.equal(2n);
        expect(await factory.allMarkets(0)).to.equal(await usdcMarket.getAddress());
        expect(await factory.allMarkets(1)).to.equal(await market.getAddress());
        await expect(factory.allMarkets(2)).to.be.revertedWithoutReason(); // the public array getter: no panic code
        expect(await factory.isMarket(market)).to.equal(true);
        expect(await factory.isMarket(usdcMarket)).to.equal(true);
        expect(await factory.isMarket(dai)).to.equal(false);
        // the pair is ordered: (loan, collateral)
        expect(await factory.getMarket(weth, dai)).to.equal(ZERO);
        expect(await factory.getMarket(usdc, weth)).to.equal(await usdcMarket.getAddress());
      });

      it("lists the reverse pair as a market of its own", async function () {
        const f = await loadFixture(factoryFixture);
        const { factory, usdc, weth, admin } = f;
        await weth.mint(admin.address, DAI_SEED);
        await weth.approve(factory, DAI_SEED);
        await list(f, factory, weth, usdc);
        const reverse = await marketAt(factory, weth, usdc);
        expect(reverse.target).to.not.equal(await factory.getMarket(usdc, weth));
        expect(await reverse.symbol()).to.equal("flWETH/USDC");
      });
    });

    describe("when the incentives are not set", function () {
      it("lists a market that reports to no borrower rewards", async function () {
        const f = await loadFixture(factoryFixture);
        await expect(list(f, f.bare, f.dai, f.weth)).to.not.emit(f.rewards, "MarketAdded");
        const market = await marketAt(f.bare, f.dai, f.weth);
        expect(await market.borrowRewards()).to.equal(ZERO);
        expect(await market.factory()).to.equal(await f.bare.getAddress());
      });
    });

    describe("zero addresses", function () {
      const rows: [string, number][] = [
        ["loan token", 0],
        ["collateral token", 1],
        ["oracle", 2],
        ["rate model", 3],
      ];
      for (const [name, i] of rows) {
        it(`refuses a zero ${name}`, async function () {
          const f = await loadFixture(factoryFixture);
          const args: [AddressLike, AddressLike, AddressLike, AddressLike] = [f.dai, f.weth, f.oracle, f.irm];
          args[i] = ZERO;
          await expect(f.factory.createMarket(...args, LLTV, DAI_SEED)).to.be.revertedWithCustomError(
            f.factory,
            "ZeroAddress",
          );
        });
      }
    });

    describe("lltv", function () {
      const refused: [string, bigint][] = [
        ["0", 0n],
        ["0.95e18 + 1", MAX_LLTV + 1n],
        ["1e18", E18],
        ["2^256 - 1", ethers.MaxUint256],
      ];
      for (const [name, lltv] of refused) {
        it(`refuses ${name} with InvalidLltv`, async function () {
          const f = await loadFixture(factoryFixture);
          await expect(list(f, f.factory, f.dai, f.weth, lltv))
            .to.be.revertedWithCustomError(f.factory, "InvalidLltv")
            .withArgs(lltv);
        });
      }

      it("accepts 0.95e18 exactly", async function () {
        const f = await loadFixture(factoryFixture);
        await list(f, f.factory, f.dai, f.weth, MAX_LLTV);
        const market = await marketAt(f.factory, f.dai, f.weth);
        expect(await market.lltv()).to.equal(MAX_LLTV);
        // floor(1e36 / (0.3 * 0.95e18 + 0.7e18)) = floor(1e36 / 0.985e18)
        expect(await market.liquidationIncentive()).to.equal(1_015_228_426_395_939_086n);
      });

      it("accepts 1 wei, with the incentive capped at 1.15", async function () {
        const f = await loadFixture(factoryFixture);
        await list(f, f.factory, f.dai, f.weth, 1n);
        const market = await marketAt(f.factory, f.dai, f.weth);
        expect(await market.lltv()).to.equal(1n);
        // 1e36 / (0 + 0.7e18) = 1.428e18 > 1.15e18
        expect(await market.liquidationIncentive()).to.equal(1_150_000_000_000_000_000n);
      });

      it("proof: an unbounded lltv lists a market that lends more than the collateral is worth", async function () {
        const f = await loadFixture(factoryFixture);
        const { usdc, weth, alice, bob } = f;
        const broken = await brokenFactory(f, BUG.ANY_LLTV);
        const lltv = 1_500_000_000_000_000_000n;
        await broken.createMarket(usdc, weth, f.oracle, f.irm, lltv, SEED_ASSETS);
        const market = await marketAt(broken, usdc, weth);
        await usdc.connect(bob).approve(market, ethers.MaxUint256);
        await market.connect(bob).deposit(10_000n * USDC, bob.address);
        await weth.connect(alice).approve(market, ethers.MaxUint256);
        await market.connect(alice).supplyCollateral(E18, alice.address);
        // 1 WETH is worth 3,000 USDC; at lltv 1.5 health = 4,500 / 4,000 = 1.125: the borrow passes
        await market.connect(alice).borrow(4_000n * USDC, alice.address);
        expect(await market.healthFactor(alice.address)).to.equal(1_125_000_000_000_000_000n);
        expect(await market.debtOf(alice.address)).to.be.greaterThan(3_000n * USDC);
      });
    });

    describe("seed", function () {
      it("refuses less than MIN_SEED_ASSETS with SeedTooSmall", async function () {
        const f = await loadFixture(factoryFixture);
        for (const seed of [0n, MIN_SEED - 1n]) {
          await expect(list(f, f.factory, f.dai, f.weth, LLTV, seed))
            .to.be.revertedWithCustomError(f.factory, "SeedTooSmall")
            .withArgs(seed, MIN_SEED);
        }
      });

      it("accepts MIN_SEED_ASSETS exactly", async function () {
        const f = await loadFixture(factoryFixture);
        await list(f, f.factory, f.dai, f.weth, LLTV, MIN_SEED);
        const market = await marketAt(f.factory, f.dai, f.weth);
        // 1,000 * 1e6 / 1
        expect(await market.balanceOf(DEAD)).to.equal(1_000_000_000n);
        expect(await market.totalAssets()).to.equal(MIN_SEED);
      });

      it("pulls the seed from the caller: without an allowance the listing reverts", async function () {
        const f = await loadFixture(factoryFixture);
        await f.dai.approve(f.factory, DAI_SEED - 1n);
        await expect(list(f, f.factory, f.dai, f.weth))
          .to.be.revertedWithCustomError(f.dai, "ERC20InsufficientAllowance")
          .withArgs(await f.factory.getAddress(), DAI_SEED - 1n, DAI_SEED);
      });
    });

    describe("duplicates", function () {
      it("refuses a second market for a pair with MarketExists", async function () {
        const f = await loadFixture(factoryFixture);
        await expect(list(f, f.factory, f.usdc, f.weth, LLTV, SEED_ASSETS))
          .to.be.revertedWithCustomError(f.factory, "MarketExists")
          .withArgs(await f.market.getAddress());
        // whatever the other parameters
        await list(f, f.factory, f.dai, f.weth);
        const first = await f.factory.getMarket(f.dai, f.weth);
        await expect(list(f, f.factory, f.dai, f.weth, MAX_LLTV, 5n * DAI_SEED))
          .to.be.revertedWithCustomError(f.factory, "MarketExists")
          .withArgs(first);
      });
    });

    describe("collateral", function () {
      it("refuses the loan token itself", async function () {
        const f = await loadFixture(factoryFixture);
        await expect(list(f, f.factory, f.dai, f.dai))
          .to.be.revertedWithCustomError(f.factory, "CollateralNotAllowed")
          .withArgs(await f.dai.getAddress());
      });

      it("proof: without the check a DAI/DAI market is listed", async function () {
        const f = await loadFixture(factoryFixture);
        const broken = await brokenFactory(f, BUG.SAME_TOKEN);
        await list(f, broken, f.dai, f.dai);
        expect(await (await marketAt(broken, f.dai, f.dai)).collateralToken()).to.equal(
          await f.dai.getAddress(),
        );
      });

      it("refuses FUR, the farm's reward token", async function () {
        const f = await loadFixture(factoryFixture);
        await expect(list(f, f.factory, f.dai, f.token))
          .to.be.revertedWithCustomError(f.factory, "CollateralNotAllowed")
          .withArgs(await f.token.getAddress());
      });

      it("proof: without the check FUR is listed as collateral", async function () {
        const f = await loadFixture(factoryFixture);
        const broken = await brokenFactory(f, BUG.FUR_COLLATERAL);
        await list(f, broken, f.dai, f.token);
        expect(await (await marketAt(broken, f.dai, f.token)).collateralToken()).to.equal(
          await f.token.getAddress(),
        );
      });

      it("accepts FUR before the incentives are set (the factory does not know it yet)", async function () {
        const f = await loadFixture(factoryFixture);
        await list(f, f.bare, f.dai, f.token);
        expect(await (await marketAt(f.bare, f.dai, f.token)).symbol()).to.equal("flDAI/FUR");
      });

      it("accepts FUR as the loan token", async function () {
        const f = await loadFixture(factoryFixture);
        await f.token.mint(f.admin.address, DAI_SEED);
        await f.token.approve(f.factory, DAI_SEED);
        await list(f, f.factory, f.token, f.weth);
        expect(await (await marketAt(f.factory, f.token, f.weth)).asset()).to.equal(
          await f.token.getAddress(),
        );
      });

      it("refuses a Furrow LP token", async function () {
        const f = await loadFixture(factoryFixture);
        await expect(list(f, f.factory, f.usdc, f.furrowPair, LLTV, SEED_ASSETS))
          .to.be.revertedWithCustomError(f.factory, "CollateralNotAllowed")
          .withArgs(f.furrowPair);
      });

      it("proof: without the check a Furrow LP token is listed as collateral (Cream)", async function () {
        const f = await loadFixture(factoryFixture);
        const broken = await brokenFactory(f, BUG.LP_COLLATERAL);
        await list(f, broken, f.usdc, f.furrowPair, LLTV, SEED_ASSETS);
        expect(await (await marketAt(broken, f.usdc, f.furrowPair)).collateralToken()).to.equal(f.furrowPair);
      });

      it("refuses a Uniswap V2 LP token (the published bytecode)", async function () {
        const f = await loadFixture(factoryFixture);
        const uniFactory = await factoryOf(uniswapArtifact("UniswapV2Factory"), f.admin).deploy(
          f.admin.address,
        );
        await (await uniFactory.getFunction("createPair")(f.dai, f.weth)).wait();
        const uniPair = (await uniFactory.getFunction("getPair")(f.dai, f.weth)) as string;
        await expect(list(f, f.factory, f.usdc, uniPair, LLTV, SEED_ASSETS))
          .to.be.revertedWithCustomError(f.factory, "CollateralNotAllowed")
          .withArgs(uniPair);
      });

      describe("vault shares, judged by what they hold", function () {
        /** A chain of `depth` MockVaults, the innermost holding `asset`; returns the outermost. */
        async function vaults(asset: AddressLike, depth: number): Promise<MockVault> {
          let v: MockVault = await ethers.deployContract("MockVault", [asset]);
          for (let i = 1; i < depth; i++) v = await ethers.deployContract("MockVault", [v]);
          return v;
        }

        it("refuses a vault share of a Furrow LP token (a FarmVault's kind), of FUR and of the loan token", async function () {
          const f = await loadFixture(factoryFixture);
          for (const asset of [f.furrowPair, f.token, f.dai]) {
            const share = await vaults(asset, 1);
            await expect(list(f, f.factory, f.dai, share))
              .to.be.revertedWithCustomError(f.factory, "CollateralNotAllowed")
              .withArgs(await share.getAddress());
          }
        });

        it("proof: judged as itself, a vault share of an LP token is listed", async function () {
          const f = await loadFixture(factoryFixture);
          const broken = await brokenFactory(f, BUG.VAULT_COLLATERAL);
          const share = await vaults(f.furrowPair, 1);
          await list(f, broken, f.dai, share);
          expect(await (await marketAt(broken, f.dai, share)).collateralToken()).to.equal(
            await share.getAddress(),
          );
        });

        it("accepts a vault share of a plain token, through up to MAX_VAULT_DEPTH = 3 vaults", async function () {
          const f = await loadFixture(factoryFixture);
          expect(await f.factory.MAX_VAULT_DEPTH()).to.equal(3n);
          for (const depth of [1, 3]) {
            const share = await vaults(f.weth, depth);
            await list(f, f.factory, f.dai, share);
            expect(await (await marketAt(f.factory, f.dai, share)).symbol()).to.equal("flDAI/mVLT");
          }
        });

        it("follows the chain to the LP token three vaults down; refuses a fourth vault and a circular chain", async function () {
          const f = await loadFixture(factoryFixture);
          const deepLp = await vaults(f.furrowPair, 3);
          await expect(list(f, f.factory, f.dai, deepLp))
            .to.be.revertedWithCustomError(f.factory, "CollateralNotAllowed")
            .withArgs(await deepLp.getAddress());
          const tooDeep = await vaults(f.weth, 4);
          await expect(list(f, f.factory, f.dai, tooDeep))
            .to.be.revertedWithCustomError(f.factory, "CollateralNotAllowed")
            .withArgs(await tooDeep.getAddress());
          const circular: PairLookalike = await ethers.deployContract("PairLookalike");
          await circular.setAsset(circular);
          await expect(list(f, f.factory, f.dai, circular))
            .to.be.revertedWithCustomError(f.factory, "CollateralNotAllowed")
            .withArgs(await circular.getAddress());
        });

        it("takes a token whose asset() fails, answers no data or names an account without code for no vault", async function () {
          const f = await loadFixture(factoryFixture);
          const rows: [string, (l: PairLookalike) => Promise<unknown>][] = [
            ["reverts", (l) => l.setAnswer(l.interface.getFunction("asset").selector, REVERT)],
            ["returns no data", (l) => l.setAnswer(l.interface.getFunction("asset").selector, EMPTY)],
            ["names an account without code", (l) => l.setAsset(f.alice.address)],
          ];
          for (const [, setup] of rows) {
            const l: PairLookalike = await ethers.deployContract("PairLookalike");
            await setup(l);
            await list(f, f.factory, f.dai, l);
            expect(await f.factory.getMarket(f.dai, l)).to.not.equal(ZERO);
          }
        });
      });

      describe("LP-token detection on a look-alike", function () {
        type Setup = (l: PairLookalike, f: FactoryFixture) => Promise<unknown>;
        const sel = (l: PairLookalike, name: "token0" | "token1" | "factory" | "getPair") =>
          l.interface.getFunction(name).selector;
        // each row: what the look-alike answers, and whether the factory takes it for an LP token
        const rows: [string, Setup, boolean][] = [
          ["token0 reverts", (l) => l.setAnswer(sel(l, "token0"), REVERT), false],
          ["token0 returns no data", (l) => l.setAnswer(sel(l, "token0"), EMPTY), false],
          [
            "token1 reverts",
            async (l, f) => {
              await l.set(f.dai, f.weth, f.pairFactory, l);
              await l.setAnswer(sel(l, "token1"), REVERT);
            },
            false,
          ],
          [
            "factory reverts",
            async (l, f) => {
              await l.set(f.dai, f.weth, l, l);
              await l.setAnswer(sel(l, "factory"), REVERT);
            },
            false,
          ],
          ["factory is an account without code", (l, f) => l.set(f.dai, f.weth, f.alice.address, l), false],
          ["factory has no getPair", (l, f) => l.set(f.dai, f.weth, f.dai, l), false],
          [
            "getPair returns no data",
            async (l, f) => {
              await l.set(f.dai, f.weth, l, l);
              await l.setAnswer(sel(l, "getPair"), EMPTY);
            },
            false,
          ],
          // claims to be Furrow's DAI/WETH pair, but the factory lists the real one
          ["its factory lists another pair", (l, f) => l.set(f.dai, f.weth, f.pairFactory, l), false],
          // its own factory, which lists it
          ["its factory lists it", (l, f) => l.set(f.dai, f.weth, l, l), true],
        ];
        for (const [name, setup, isPair] of rows) {
          it(`${name}: ${isPair ? "refused" : "accepted"}`, async function () {
            const f = await loadFixture(factoryFixture);
            const lookalike: PairLookalike = await ethers.deployContract("PairLookalike");
            await setup(lookalike, f);
            if (isPair) {
              await expect(list(f, f.factory, f.dai, lookalike))
                .to.be.revertedWithCustomError(f.factory, "CollateralNotAllowed")
                .withArgs(await lookalike.getAddress());
            } else {
              await list(f, f.factory, f.dai, lookalike);
              // a bytes32 symbol (32 bytes, not an ABI string) reads as "?"
              expect(await (await marketAt(f.factory, f.dai, lookalike)).symbol()).to.equal("flDAI/?");
            }
          });
        }
      });
    });

    describe("fee-on-transfer loan token", function () {
      async function feeTokenFixture() {
        const f = await factoryFixture();
        // burns 1% of every transfer
        const fot: FeeOnTransferToken = await ethers.deployContract("FeeOnTransferToken", [100]);
        await fot.mint(f.admin.address, 1_000_000n);
        await fot.approve(f.factory, ethers.MaxUint256);
        // someone sends the factory enough that it could still make a full deposit
        await fot.transfer(f.factory, 200n);
        return { ...f, fot };
      }

      it("is refused, reported as FeeOnTransferLoanToken(token, sent, received)", async function () {
        const f = await loadFixture(feeTokenFixture);
        // 10,000 pulled, 9,900 arrive: the seed is measured, not trusted
        await expect(list(f, f.factory, f.fot, f.weth, LLTV, 10_000n))
          .to.be.revertedWithCustomError(f.factory, "FeeOnTransferLoanToken")
          .withArgs(await f.fot.getAddress(), 10_000n, 9_900n);
      });

      it("is refused when the fee is flat", async function () {
        const f = await loadFixture(factoryFixture);
        const flat = await ethers.deployContract("FlatFeeToken", [1]);
        await flat.mint(f.admin.address, 10_000n);
        await flat.approve(f.factory, ethers.MaxUint256);
        await expect(list(f, f.factory, flat, f.weth, LLTV, 10_000n))
          .to.be.revertedWithCustomError(f.factory, "FeeOnTransferLoanToken")
          .withArgs(await flat.getAddress(), 10_000n, 9_999n);
      });

      it("proof: unmeasured, the market counts more cash than it holds", async function () {
        const f = await loadFixture(feeTokenFixture);
        const broken = await brokenFactory(f, BUG.UNCHECKED_SEED);
        await f.fot.approve(broken, ethers.MaxUint256);
        await f.fot.transfer(broken, 200n); // arrives as 198
        // admin -> factory: 10,000 sent, 9,900 arrive (9,900 + 198 >= 10,000); factory -> market: 9,900 arrive
        await list(f, broken, f.fot, f.weth, LLTV, 10_000n);
        const market = await marketAt(broken, f.fot, f.weth);
        expect(await market.cash()).to.equal(10_000n);
        expect(await f.fot.balanceOf(market)).to.equal(9_900n);
      });
    });

    describe("symbols", function () {
      it("names a collateral without symbol() '?'", async function () {
        const f = await loadFixture(factoryFixture);
        // the feed has no symbol(): its call reverts
        await list(f, f.factory, f.dai, f.feed);
        const market = await marketAt(f.factory, f.dai, f.feed);
        expect(await market.name()).to.equal("Furrow Lending DAI/?");
        expect(await market.symbol()).to.equal("flDAI/?");
      });
    });
  });

  describe("#setIncentives", function () {
    async function incentivesFixture() {
      const f = await factoryFixture();
      const bareRewards: BorrowRewards = await ethers.deployContract("BorrowRewards", [
        f.farm,
        f.token,
        f.bare,
        f.admin.address,
      ]);
      return { ...f, bareRewards };
    }

    it("sets the farm and the rewards once, with IncentivesSet", async function () {
      const { bare, farm, bareRewards } = await loadFixture(incentivesFixture);
      await expect(bare.setIncentives(farm, bareRewards))
        .to.emit(bare, "IncentivesSet")
        .withArgs(await farm.getAddress(), await bareRewards.getAddress());
      expect(await bare.farm()).to.equal(await farm.getAddress());
      expect(await bare.borrowRewards()).to.equal(await bareRewards.getAddress());
    });

    it("makes the markets listed after it report to the rewards", async function () {
      const f = await loadFixture(incentivesFixture);
      await f.bare.setIncentives(f.farm, f.bareRewards);
      const market = await f.bare.createMarket.staticCall(f.dai, f.weth, f.oracle, f.irm, LLTV, DAI_SEED);
      await expect(list(f, f.bare, f.dai, f.weth))
        .to.emit(f.bareRewards, "MarketAdded")
        .withArgs(market);
      expect(await (await marketAt(f.bare, f.dai, f.weth)).borrowRewards()).to.equal(
        await f.bareRewards.getAddress(),
      );
    });

    it("keeps earlier markets without rewards", async function () {
      const f = await loadFixture(incentivesFixture);
      await list(f, f.bare, f.dai, f.weth);
      await f.bare.setIncentives(f.farm, f.bareRewards);
      expect(await (await marketAt(f.bare, f.dai, f.weth)).borrowRewards()).to.equal(ZERO);
      expect((await f.bareRewards.marketState(await f.bare.getMarket(f.dai, f.weth))).listed).to.equal(false);
    });

    it("reverts with OwnableUnauthorizedAccount for anyone but the owner", async function () {
      const { bare, farm, bareRewards, alice } = await loadFixture(incentivesFixture);
      await expect(bare.connect(alice).setIncentives(farm, bareRewards))
        .to.be.revertedWithCustomError(bare, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("proof: open to anyone, an attacker sets them first, locks the owner out and blocks every listing", async function () {
      const f = await loadFixture(incentivesFixture);
      const broken: BrokenMarketFactory = await ethers.deployContract("BrokenMarketFactory", [
        f.admin.address,
        BUG.OPEN_INCENTIVES,
      ]);
      // alice's "farm" is a plain token: it has no rewardToken(), which every listing then asks
      const hers: BorrowRewards = await ethers.deployContract("BorrowRewards", [
        f.lpA,
        f.token,
        broken,
        f.alice.address,
      ]);
      await broken.connect(f.alice).setIncentives(f.lpA, hers);
      const ours: BorrowRewards = await ethers.deployContract("BorrowRewards", [
        f.farm,
        f.token,
        broken,
        f.admin.address,
      ]);
      await expect(broken.setIncentives(f.farm, ours)).to.be.revertedWithCustomError(
        broken,
        "IncentivesAlreadySet",
      );
      await f.dai.approve(broken, ethers.MaxUint256);
      await expect(list(f, broken, f.dai, f.weth)).to.be.revertedWithoutReason();
    });

    it("refuses a second call with IncentivesAlreadySet", async function () {
      const { factory, farm, rewards, bare, bareRewards } = await loadFixture(incentivesFixture);
      await expect(factory.setIncentives(farm, rewards)).to.be.revertedWithCustomError(
        factory,
        "IncentivesAlreadySet",
      );
      await bare.setIncentives(farm, bareRewards);
      await expect(bare.setIncentives(farm, bareRewards)).to.be.revertedWithCustomError(
        bare,
        "IncentivesAlreadySet",
      );
    });

    it("refuses a zero farm or rewards with ZeroAddress", async function () {
      const { bare, farm, bareRewards } = await loadFixture(incentivesFixture);
      await expect(bare.setIncentives(ZERO, bareRewards)).to.be.revertedWithCustomError(bare, "ZeroAddress");
      await expect(bare.setIncentives(farm, ZERO)).to.be.revertedWithCustomError(bare, "ZeroAddress");
    });

    it("refuses rewards of another farm with IncentivesMismatch", async function () {
      const f = await loadFixture(incentivesFixture);
      // a rewards contract bounded by a different "farm" (any address passes its constructor)
      const other: BorrowRewards = await ethers.deployContract("BorrowRewards", [
        f.lpA,
        f.token,
        f.bare,
        f.admin.address,
      ]);
      await expect(f.bare.setIncentives(f.farm, other)).to.be.revertedWithCustomError(
        f.bare,
        "IncentivesMismatch",
      );
      // and the right rewards with the wrong farm
      await expect(f.bare.setIncentives(f.lpA, f.bareRewards)).to.be.revertedWithCustomError(
        f.bare,
        "IncentivesMismatch",
      );
    });

    it("refuses rewards of another factory with IncentivesMismatch", async function () {
      const { bare, farm, rewards } = await loadFixture(incentivesFixture);
      // the fixture's rewards serve the fixture's factory
      await expect(bare.setIncentives(farm, rewards)).to.be.revertedWithCustomError(
        bare,
        "IncentivesMismatch",
      );
    });
  });
});
