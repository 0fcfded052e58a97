import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { LendingMarket, MockAggregator } from "../../typechain-types";
import {
  kinkedRate,
  LendingMarketModel,
  LendingModelError,
  type KinkedRateParams,
  type OracleAnswer,
} from "../../src/model";
import { mineAt, now, sendAt } from "../../src/chain/time";

/** MarketFactory.SEED_RECIPIENT: the listing's seed shares are held by nobody. */
export const DEAD = "0x000000000000000000000000000000000000dEaD";

/** ChainlinkOracle's price for a $-answer with 8 decimals, 18-decimal collateral, 6-decimal loan, no
 * loan feed: answer * 1e36 * 1e6 / (1e8 * 1e18) = answer * 1e16. */
export const priceOfAnswer = (answer: bigint): bigint => answer * 10n ** 16n;

/** Storage of LendingMarket (after ERC20's five slots), checked by a test against the getters. */
export const SLOT = {
  /** Borrows { uint128 assets; uint128 shares } */
  borrows: 5n,
  /** Ledger { uint128 cash; uint128 lastAccrual } */
  ledger: 6n,
  /** Caps { uint128 supply; uint128 borrow } */
  caps: 7n,
  lastPrice: 8n,
  totalBadDebt: 9n,
  /** mapping(address => Position { uint128 collateral; uint128 borrowShares }) */
  positions: 10n,
} as const;

const word = (v: bigint) => ethers.toBeHex(v, 32);
const pack = (low: bigint, high: bigint) => word((high << 128n) | low);

/** Writes the low half (cash) of the Ledger slot, keeping the clock: the market then behaves as one
 * whose cash is read with `balanceOf` would after a donation. */
export async function setCash(market: LendingMarket, cash: bigint): Promise<void> {
  const slot = BigInt(await ethers.provider.getStorage(market, SLOT.ledger));
  await ethers.provider.send("hardhat_setStorageAt", [
    await market.getAddress(),
    word(SLOT.ledger),
    pack(cash, slot >> 128n),
  ]);
}

/** The storage slot of `account`'s Position. */
export function positionSlot(account: string): string {
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [account, SLOT.positions]),
  );
}

/** Writes `account`'s collateral, keeping its borrow shares (what an unchecked collateral decrease leaves). */
export async function setCollateral(
  market: LendingMarket,
  account: string,
  collateral: bigint,
): Promise<void> {
  const slot = positionSlot(account);
  const old = BigInt(await ethers.provider.getStorage(market, slot));
  await ethers.provider.send("hardhat_setStorageAt", [
    await market.getAddress(),
    slot,
    pack(collateral, old >> 128n),
  ]);
}

/** Runtime code that answers every call with `value` as one word (PUSH32 value, MSTORE at 0, RETURN 32). */
export function constantCode(value: bigint): string {
  return "0x7f" + word(value).slice(2) + "60005260206000f3";
}

/** Runtime code that reverts every call with no data. */
export const REVERT_CODE = "0x60006000fd";

/** Replaces the code at `target` (an oracle or a rate model) for the rest of the test. */
export async function setCode(target: { getAddress(): Promise<string> }, code: string): Promise<void> {
  await ethers.provider.send("hardhat_setCode", [await target.getAddress(), code]);
}

/** The error a model step throws (its custom error's name and arguments). */
export function modelError(step: () => unknown): LendingModelError {
  try {
    step();
  } catch (e) {
    if (e instanceof LendingModelError) return e;
    throw e;
  }
  throw new Error("the model step did not revert");
}

/**
 * A market and its BigInt model (src/model/lending.ts), stepped together: every transaction is mined
 * at a chosen second (`dt` after the previous step), and the model is given the same second and the
 * oracle's answer `price` (undefined: the oracle fails).
 */
export class MarketSim {
  private constructor(
    readonly market: LendingMarket,
    readonly model: LendingMarketModel,
    public t: bigint,
    public price: OracleAnswer,
  ) {}

  /** Starts from a market just listed with `seed` for the dead address, no other action since. */
  static async start(market: LendingMarket, rate: KinkedRateParams, seed: bigint): Promise<MarketSim> {
    const deployTime = await market.lastAccrual();
    const price = await market.lastPrice();
    const model = new LendingMarketModel({
      lltv: await market.lltv(),
      rate: (c, b) => kinkedRate(rate, c, b),
      deployTime,
      price,
    });
    model.deposit(DEAD, seed, deployTime);
    return new MarketSim(market, model, await now(), price);
  }

  /** A copy to step on its own (fixtures hand out one object: each test forks it). */
  fork(): MarketSim {
    return new MarketSim(this.market, this.model.clone(), this.t, this.price);
  }

  /** Mines `tx` `dt` seconds after the last step. */
  async send(tx: () => Promise<ContractTransactionResponse>, dt = 1n) {
    this.t += dt;
    return sendAt(this.t, tx);
  }

  /** The next transaction (one expected to revert: give it a gasLimit so it is mined) runs `dt` later. */
  async next(dt = 1n): Promise<void> {
    this.t += dt;
    await time.setNextBlockTimestamp(this.t);
  }

  /** Mines an empty block `dt` later: views then see that second. */
  async mine(dt = 1n): Promise<void> {
    this.t += dt;
    await mineAt(this.t);
  }

  /** The feed answers `answer` (8 decimals) from the next second; the oracle's price follows. */
  async setAnswer(feed: MockAggregator, answer: bigint, dt = 1n): Promise<void> {
    await this.send(() => feed.setAnswer(answer), dt);
    this.price = priceOfAnswer(answer);
  }

  async deposit(user: HardhatEthersSigner, assets: bigint, dt = 1n): Promise<bigint> {
    await this.send(() => this.market.connect(user).deposit(assets, user.address), dt);
    return this.model.deposit(user.address, assets, this.t);
  }

  async redeem(user: HardhatEthersSigner, shares: bigint, dt = 1n): Promise<bigint> {
    await this.send(() => this.market.connect(user).redeem(shares, user.address, user.address), dt);
    return this.model.redeem(user.address, shares, this.t);
  }

  async supplyCollateral(user: HardhatEthersSigner, amount: bigint, dt = 1n): Promise<void> {
    await this.send(() => this.market.connect(user).supplyCollateral(amount, user.address), dt);
    this.model.supplyCollateral(user.address, amount);
  }

  async withdrawCollateral(user: HardhatEthersSigner, amount: bigint, dt = 1n): Promise<void> {
    await this.send(() => this.market.connect(user).withdrawCollateral(amount, user.address), dt);
    this.model.withdrawCollateral(user.address, amount, this.t, this.price);
  }

  async borrow(user: HardhatEthersSigner, assets: bigint, dt = 1n): Promise<bigint> {
    await this.send(() => this.market.connect(user).borrow(assets, user.address), dt);
    return this.model.borrow(user.address, assets, this.t, this.price);
  }

  async repay(payer: HardhatEthersSigner, assets: bigint, onBehalf = payer.address, dt = 1n) {
    await this.send(() => this.market.connect(payer).repay(assets, onBehalf), dt);
    return this.model.repay(onBehalf, assets, this.t);
  }

  async liquidate(liquidator: HardhatEthersSigner, borrower: string, repayAssets: bigint, dt = 1n) {
    await this.send(
      () => this.market.connect(liquidator).liquidate(borrower, repayAssets, liquidator.address),
      dt,
    );
    return this.model.liquidate(borrower, repayAssets, this.t, this.price);
  }

  /** The market's totals equal the model's at the latest block (which must be at `t`). */
  async expectTotals(): Promise<void> {
    const m = this.model;
    expect(await now()).to.equal(this.t);
    expect(await this.market.cash()).to.equal(m.cash);
    expect(await this.market.totalBorrows()).to.equal(m.totalBorrows(this.t));
    expect(await this.market.totalBorrowShares()).to.equal(m.borrowShares);
    expect(await this.market.totalAssets()).to.equal(m.totalAssets(this.t));
    expect(await this.market.totalSupply()).to.equal(m.totalSupply);
    expect(await this.market.totalBadDebt()).to.equal(m.totalBadDebt);
  }
}
