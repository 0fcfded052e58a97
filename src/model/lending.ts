/**
 * BigInt reference of one isolated lending market (contracts/lending/LendingMarket.sol with
 * contracts/libraries/LendingMath.sol, KinkedRateModel.sol and BorrowRewards.sol), step for step and
 * with the same roundings, so a stateful test can demand equality to the wei.
 *
 * Supply side (ERC-4626, OpenZeppelin 5, decimals offset 6; cash counted by the market):
 *   totalAssets = cash + borrows (with interest to now; realised bad debt already taken out)
 *   shares = assets * (totalSupply + 1e6) / (totalAssets + 1)       deposit floor, withdraw ceil
 *   assets = shares * (totalAssets + 1) / (totalSupply + 1e6)       redeem floor, mint ceil
 * Borrow side (one virtual asset, 1e6 virtual shares): borrow mints shares rounded up, a repayment
 * burns shares rounded down and pays their value rounded up; debt is always rounded up.
 * Interest: borrows += borrows * (x + x²/2 + x³/6) / 1e18, x = min(rate, MAX) * elapsed (x <= 1e22),
 * capped so borrows stay within uint128.
 * Health: collateral * price / 1e36 * lltv / 1e18 * 1e18 / debt (each step floored).
 * Liquidation: seized = repaid * incentive / 1e18 * 1e36 / price (floored), incentive =
 * min(1.15, 1 / (0.3 * lltv + 0.7)); collateral gone with debt left: the rest is bad debt at once.
 *
 * A step that the contract would revert throws a `LendingModelError` naming the custom error, with
 * the model unchanged (every step runs on a copy first).
 */

export const LENDING_WAD = 10n ** 18n;
export const PRICE_SCALE = 10n ** 36n;
/** ERC-4626 supply shares: 10 ** _decimalsOffset() with offset 6. */
export const SUPPLY_VIRTUAL_SHARES = 10n ** 6n;
/** Borrow shares: LendingMath.VIRTUAL_SHARES and VIRTUAL_ASSETS. */
export const BORROW_VIRTUAL_SHARES = 10n ** 6n;
export const BORROW_VIRTUAL_ASSETS = 1n;
export const MAX_EXPONENT = 10n ** 22n;
export const UINT128_MAX = (1n << 128n) - 1n;
export const UINT96_MAX = (1n << 96n) - 1n;
export const SECONDS_PER_YEAR = 365n * 24n * 60n * 60n;
export const MAX_LIQUIDATION_INCENTIVE = 1_150_000_000_000_000_000n;
export const STALE_LIQUIDATION_HEALTH = 950_000_000_000_000_000n;
/** 1,000% a year, per second, rounded down (LendingMarket's and KinkedRateModel's bound). */
export const MAX_BORROW_RATE_PER_SECOND = (10n * LENDING_WAD) / SECONDS_PER_YEAR;
/** BorrowRewards' index scale. */
export const REWARD_INDEX_SCALE = 10n ** 24n;
const INDEX_MOD = 1n << 160n;

export const mulDivDown = (x: bigint, y: bigint, d: bigint): bigint => (x * y) / d;
export const mulDivUp = (x: bigint, y: bigint, d: bigint): bigint => {
  const n = x * y;
  return n === 0n ? 0n : (n - 1n) / d + 1n;
};
const mulDiv = (x: bigint, y: bigint, d: bigint, up: boolean) =>
  up ? mulDivUp(x, y, d) : mulDivDown(x, y, d);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * The collateral price (1e36-scaled, loan units per collateral unit) at which `debt` against
 * `collateral` has health exactly 1 under the market's rounding: health ≥ 1 ⟺
 * floor(floor(collateral · price / 1e36) · lltv / 1e18) ≥ debt ⟺ price ≥
 * ceil(ceil(debt · 1e18 / lltv) · 1e36 / collateral). Below it the position can be liquidated.
 * Null without debt; 2^256 − 1 with debt and no collateral (no price makes it healthy).
 * (The lending tasks and the app both use this one.)
 */
export function liquidationPrice(debt: bigint, collateral: bigint, lltv: bigint): bigint | null {
  if (debt === 0n) return null;
  if (collateral === 0n) return (1n << 256n) - 1n;
  return mulDivUp(mulDivUp(debt, LENDING_WAD, lltv), PRICE_SCALE, collateral);
}

/** A 1e36-scaled price per collateral wei as loan-token wei per whole collateral token, rounded up. */
export function pricePerWholeToken(price: bigint, collateralDecimals: number | bigint): bigint {
  return mulDivUp(price, 10n ** BigInt(collateralDecimals), PRICE_SCALE);
}

/** LendingMath.toShares{Down,Up}: borrow assets to borrow shares. */
export function toBorrowShares(
  assets: bigint,
  totalAssets: bigint,
  totalShares: bigint,
  up: boolean,
): bigint {
  return mulDiv(assets, totalShares + BORROW_VIRTUAL_SHARES, totalAssets + BORROW_VIRTUAL_ASSETS, up);
}

/** LendingMath.toAssets{Down,Up}: borrow shares to borrow assets. */
export function toBorrowAssets(
  shares: bigint,
  totalAssets: bigint,
  totalShares: bigint,
  up: boolean,
): bigint {
  return mulDiv(shares, totalAssets + BORROW_VIRTUAL_ASSETS, totalShares + BORROW_VIRTUAL_SHARES, up);
}

/** LendingMath.compoundedGrowth: e^(rate * elapsed) - 1 to three terms, 1e18-scaled. */
export function compoundedGrowth(ratePerSecond: bigint, elapsed: bigint): bigint {
  const x = min(ratePerSecond * elapsed, MAX_EXPONENT);
  const x2 = (x * x) / (2n * LENDING_WAD);
  const x3 = (x2 * x) / (3n * LENDING_WAD);
  return x + x2 + x3;
}

/** The market's constructor: min(1.15e18, 1e36 / (3 * lltv / 10 + 0.7e18)). */
export function liquidationIncentive(lltv: bigint): bigint {
  return min(
    MAX_LIQUIDATION_INCENTIVE,
    (LENDING_WAD * LENDING_WAD) / ((3n * lltv) / 10n + 700_000_000_000_000_000n),
  );
}

export interface KinkedRateParams {
  base: bigint;
  slope1: bigint;
  slope2: bigint;
  kink: bigint;
}

/** KinkedRateModel.utilization: borrows / (cash + borrows), floored (0 without borrows). */
export function kinkedUtilization(cash: bigint, borrows: bigint): bigint {
  return borrows === 0n ? 0n : (borrows * LENDING_WAD) / (cash + borrows);
}

/** KinkedRateModel.borrowRatePerSecond. */
export function kinkedRate(p: KinkedRateParams, cash: bigint, borrows: bigint): bigint {
  const u = kinkedUtilization(cash, borrows);
  if (u <= p.kink) return p.base + (u * p.slope1) / LENDING_WAD;
  return p.base + (p.kink * p.slope1) / LENDING_WAD + ((u - p.kink) * p.slope2) / LENDING_WAD;
}

/** A revert the contract would raise: its custom error's name and arguments. */
export class LendingModelError extends Error {
  constructor(
    readonly error: string,
    readonly args: (bigint | string)[] = [],
  ) {
    super(`${error}(${args.join(", ")})`);
  }
}

const fail = (error: string, ...args: (bigint | string)[]): never => {
  throw new LendingModelError(error, args);
};

// ------------------------------------------------------------------ borrower rewards

export interface RewardAccount {
  index: bigint;
  owed: bigint;
}

/** BorrowRewards for one market: an index per market and per account, paid from a reserve. */
export class BorrowRewardsModel {
  index = 0n;
  allocated = 0n;
  accounts = new Map<string, RewardAccount>();
  /** Everything emitted to the index so far (what the reserve lost to it). */
  credited = 0n;

  constructor(
    public speed: bigint,
    public reserve: bigint,
    public lastUpdate: bigint,
  ) {}

  clone(): BorrowRewardsModel {
    const c = Object.assign(new BorrowRewardsModel(this.speed, this.reserve, this.lastUpdate), this);
    c.accounts = new Map([...this.accounts].map(([k, v]) => [k, { ...v }]));
    return c;
  }

  account(who: string): RewardAccount {
    return this.accounts.get(who) ?? { index: 0n, owed: 0n };
  }

  /** _grow: the index after emitting to `now` over `totalShares`, and what was credited. */
  private grow(totalShares: bigint, now: bigint): { index: bigint; credited: bigint } {
    if (totalShares === 0n || this.speed === 0n) return { index: this.index, credited: 0n };
    const emitted = min(this.speed * (now - this.lastUpdate), this.reserve);
    const delta = (emitted * REWARD_INDEX_SCALE) / totalShares;
    if (delta === 0n) return { index: this.index, credited: 0n };
    // All of the emission is allocated: owed amounts, floored from index differences spanning several
    // emissions, then never pass it.
    return { index: (this.index + delta) % INDEX_MOD, credited: emitted };
  }

  /** _accrueMarket. */
  accrue(totalShares: bigint, now: bigint): bigint {
    if (this.lastUpdate === now) return this.index;
    const { index, credited } = this.grow(totalShares, now);
    this.index = index;
    this.allocated += credited;
    this.reserve -= credited;
    this.credited += credited;
    this.lastUpdate = now;
    return index;
  }

  private static owed(a: RewardAccount, shares: bigint, index: bigint): bigint {
    return a.owed + (shares * ((index - a.index + INDEX_MOD) % INDEX_MOD)) / REWARD_INDEX_SCALE;
  }

  /** _settle. */
  private settle(who: string, shares: bigint, index: bigint): RewardAccount {
    const a = this.account(who);
    if (a.index === index) return a;
    const next = { index, owed: min(BorrowRewardsModel.owed(a, shares, index), UINT96_MAX) };
    this.accounts.set(who, next);
    return next;
  }

  /** onBorrowChange, called by the market with the balances from before the change. */
  onBorrowChange(who: string, accountShares: bigint, totalShares: bigint, now: bigint): void {
    this.settle(who, accountShares, this.accrue(totalShares, now));
  }

  /** claim: returns what is paid. */
  claim(who: string, accountShares: bigint, totalShares: bigint, now: bigint): bigint {
    const a = this.settle(who, accountShares, this.accrue(totalShares, now));
    const amount = a.owed;
    if (amount === 0n) return 0n;
    this.accounts.set(who, { index: a.index, owed: 0n });
    this.allocated -= amount;
    return amount;
  }

  /** pendingReward at `now`. */
  pending(who: string, accountShares: bigint, totalShares: bigint, now: bigint): bigint {
    return BorrowRewardsModel.owed(this.account(who), accountShares, this.grow(totalShares, now).index);
  }
}

// ------------------------------------------------------------------ the market

export interface Position {
  collateral: bigint;
  borrowShares: bigint;
}

export interface LendingMarketConfig {
  lltv: bigint;
  /** The rate model: borrow rate per second from (cash, borrows). */
  rate: (cash: bigint, borrows: bigint) => bigint;
  /** Block time of the deployment (the first accrual). */
  deployTime: bigint;
  /** The oracle's price at deployment (0: it failed). */
  price: bigint;
  supplyCap?: bigint;
  borrowCap?: bigint;
  rewards?: BorrowRewardsModel;
}

/** What the oracle answers: a price, or nothing (stale, broken or zero answer: the call reverts). */
export type OracleAnswer = bigint | undefined;

export class LendingMarketModel {
  readonly lltv: bigint;
  readonly incentive: bigint;
  readonly rate: (cash: bigint, borrows: bigint) => bigint;
  cash = 0n;
  borrowAssets = 0n;
  borrowShares = 0n;
  totalSupply = 0n;
  totalBadDebt = 0n;
  lastAccrual: bigint;
  lastPrice: bigint;
  supplyCap: bigint;
  borrowCap: bigint;
  rewards?: BorrowRewardsModel;
  balances = new Map<string, bigint>();
  positions = new Map<string, Position>();
  /** Audit totals: interest accrued, and interest lost to the uint128 cap. */
  interest = 0n;

  constructor(c: LendingMarketConfig) {
    this.lltv = c.lltv;
    this.incentive = liquidationIncentive(c.lltv);
    this.rate = c.rate;
    this.lastAccrual = c.deployTime;
    this.lastPrice = c.price;
    this.supplyCap = c.supplyCap ?? UINT128_MAX;
    this.borrowCap = c.borrowCap ?? UINT128_MAX;
    this.rewards = c.rewards;
  }

  clone(): LendingMarketModel {
    const c: LendingMarketModel = Object.assign(Object.create(LendingMarketModel.prototype), this);
    c.balances = new Map(this.balances);
    c.positions = new Map([...this.positions].map(([k, v]) => [k, { ...v }]));
    c.rewards = this.rewards?.clone();
    return c;
  }

  /** Runs `step` on a copy and keeps the result only if it did not revert. */
  private atomic<T>(step: (m: LendingMarketModel) => T): T {
    const next = this.clone();
    const result = step(next);
    Object.assign(this, next);
    return result;
  }

  balanceOf(who: string): bigint {
    return this.balances.get(who) ?? 0n;
  }

  position(who: string): Position {
    return this.positions.get(who) ?? { collateral: 0n, borrowShares: 0n };
  }

  // ---------------------------------------------------------------- interest

  /** The bounded rate: min(model rate, MAX_BORROW_RATE_PER_SECOND). */
  borrowRate(cash: bigint, borrows: bigint): bigint {
    return min(this.rate(cash, borrows), MAX_BORROW_RATE_PER_SECOND);
  }

  /** _interest: what `elapsed` seconds add to `borrows`. */
  interestFor(borrows: bigint, cash: bigint, elapsed: bigint): bigint {
    const interest = mulDivDown(
      borrows,
      compoundedGrowth(this.borrowRate(cash, borrows), elapsed),
      LENDING_WAD,
    );
    return min(interest, UINT128_MAX - borrows);
  }

  /** Total borrows with interest to `now` (the view, no state change). */
  totalBorrows(now: bigint): bigint {
    const elapsed = now - this.lastAccrual;
    if (elapsed === 0n || this.borrowAssets === 0n) return this.borrowAssets;
    return this.borrowAssets + this.interestFor(this.borrowAssets, this.cash, elapsed);
  }

  totalAssets(now: bigint): bigint {
    return this.cash + this.totalBorrows(now);
  }

  /** _accrue. Returns the interest added. */
  accrue(now: bigint): bigint {
    const elapsed = now - this.lastAccrual;
    if (elapsed === 0n) return 0n;
    this.lastAccrual = now;
    if (this.borrowAssets === 0n) return 0n;
    const interest = this.interestFor(this.borrowAssets, this.cash, elapsed);
    this.borrowAssets += interest;
    this.interest += interest;
    return interest;
  }

  utilization(now: bigint): bigint {
    const b = this.totalBorrows(now);
    return b === 0n ? 0n : mulDivDown(b, LENDING_WAD, this.cash + b);
  }

  debtOf(who: string, now: bigint): bigint {
    return toBorrowAssets(this.position(who).borrowShares, this.totalBorrows(now), this.borrowShares, true);
  }

  // ---------------------------------------------------------------- supply side (ERC-4626)

  convertToShares(assets: bigint, now: bigint, up = false): bigint {
    return mulDiv(assets, this.totalSupply + SUPPLY_VIRTUAL_SHARES, this.totalAssets(now) + 1n, up);
  }

  convertToAssets(shares: bigint, now: bigint, up = false): bigint {
    return mulDiv(shares, this.totalAssets(now) + 1n, this.totalSupply + SUPPLY_VIRTUAL_SHARES, up);
  }

  maxDeposit(now: bigint): bigint {
    const assets = this.totalAssets(now);
    return this.supplyCap > assets ? this.supplyCap - assets : 0n;
  }

  /** OpenZeppelin 5.7's maxWithdraw is previewRedeem(maxRedeem): the cash in whole shares, floored twice,
   * so up to a wei below the cash when the cash binds (the market's min with the cash then changes nothing). */
  maxWithdraw(who: string, now: bigint): bigint {
    return min(this.convertToAssets(this.maxRedeem(who, now), now), this.cash);
  }

  maxRedeem(who: string, now: bigint): bigint {
    return min(this.balanceOf(who), this.convertToShares(this.cash, now));
  }

  private move(who: string, shares: bigint) {
    this.balances.set(who, this.balanceOf(who) + shares);
    this.totalSupply += shares;
  }

  private burnShares(who: string, shares: bigint) {
    const held = this.balanceOf(who);
    if (shares > held) fail("ERC20InsufficientBalance", who, held, shares);
    this.move(who, -shares);
  }

  private payOut(assets: bigint) {
    if (assets > this.cash) fail("InsufficientCash", assets, this.cash);
    this.cash -= assets;
  }

  /** deposit(assets, receiver): returns the shares minted. */
  deposit(receiver: string, assets: bigint, now: bigint): bigint {
    return this.atomic((m) => {
      m.accrue(now);
      const maxAssets = m.maxDeposit(now);
      if (assets > maxAssets) fail("ERC4626ExceededMaxDeposit", receiver, assets, maxAssets);
      const shares = m.convertToShares(assets, now);
      m.cash += assets;
      m.move(receiver, shares);
      return shares;
    });
  }

  /** mint(shares, receiver): returns the assets pulled. */
  mint(receiver: string, shares: bigint, now: bigint): bigint {
    return this.atomic((m) => {
      m.accrue(now);
      const maxShares = m.convertToShares(m.maxDeposit(now), now);
      if (shares > maxShares) fail("ERC4626ExceededMaxMint", receiver, shares, maxShares);
      const assets = m.convertToAssets(shares, now, true);
      m.cash += assets;
      m.move(receiver, shares);
      return assets;
    });
  }

  /** withdraw(assets, receiver, owner): returns the shares burnt. */
  withdraw(owner: string, assets: bigint, now: bigint): bigint {
    return this.atomic((m) => {
      m.accrue(now);
      const maxAssets = m.maxWithdraw(owner, now);
      if (assets > maxAssets) fail("ERC4626ExceededMaxWithdraw", owner, assets, maxAssets);
      const shares = m.convertToShares(assets, now, true);
      m.burnShares(owner, shares);
      m.payOut(assets);
      return shares;
    });
  }

  /** redeem(shares, receiver, owner): returns the assets paid. */
  redeem(owner: string, shares: bigint, now: bigint): bigint {
    return this.atomic((m) => {
      m.accrue(now);
      const maxShares = m.maxRedeem(owner, now);
      if (shares > maxShares) fail("ERC4626ExceededMaxRedeem", owner, shares, maxShares);
      const assets = m.convertToAssets(shares, now);
      m.burnShares(owner, shares);
      m.payOut(assets);
      return assets;
    });
  }

  /** A share transfer (ERC-20 `transfer`). */
  transferShares(from: string, to: string, shares: bigint): void {
    this.atomic((m) => {
      m.burnShares(from, shares);
      m.move(to, shares);
    });
  }

  // ---------------------------------------------------------------- borrow side

  /** _health with borrow totals (assets, shares) and a price. */
  healthAt(p: Position, assets: bigint, shares: bigint, price: bigint): bigint {
    if (p.borrowShares === 0n) return (1n << 256n) - 1n;
    const debt = toBorrowAssets(p.borrowShares, assets, shares, true);
    const maxDebt = mulDivDown(mulDivDown(p.collateral, price, PRICE_SCALE), this.lltv, LENDING_WAD);
    return mulDivDown(maxDebt, LENDING_WAD, debt);
  }

  /** healthFactor(account): the oracle's price, or the last good one when it fails. */
  healthFactor(who: string, now: bigint, oracle: OracleAnswer): bigint {
    const price = oracle ?? this.lastPrice;
    return this.healthAt(this.position(who), this.totalBorrows(now), this.borrowShares, price);
  }

  /** _freshPrice: borrows and collateral withdrawals need the oracle. */
  private freshPrice(oracle: OracleAnswer): bigint {
    if (oracle === undefined || oracle === 0n) return fail("PriceUnavailable");
    this.lastPrice = oracle;
    return oracle;
  }

  private requireHealthy(who: string, oracle: OracleAnswer) {
    const health = this.healthAt(
      this.position(who),
      this.borrowAssets,
      this.borrowShares,
      this.freshPrice(oracle),
    );
    if (health < LENDING_WAD) fail("Unhealthy", who, health);
  }

  private report(who: string) {
    this.rewards?.onBorrowChange(who, this.position(who).borrowShares, this.borrowShares, this.lastAccrual);
  }

  supplyCollateral(onBehalf: string, amount: bigint): void {
    if (amount === 0n) fail("ZeroAmount");
    const p = this.position(onBehalf);
    this.positions.set(onBehalf, { ...p, collateral: p.collateral + amount });
  }

  withdrawCollateral(who: string, amount: bigint, now: bigint, oracle: OracleAnswer): void {
    this.atomic((m) => {
      if (amount === 0n) fail("ZeroAmount");
      m.accrue(now);
      const p = m.position(who);
      if (amount > p.collateral) fail("InsufficientCollateral", amount, p.collateral);
      m.positions.set(who, { ...p, collateral: p.collateral - amount });
      if (p.borrowShares !== 0n) m.requireHealthy(who, oracle);
    });
  }

  /** borrow(assets, receiver): returns the borrow shares minted. */
  borrow(who: string, assets: bigint, now: bigint, oracle: OracleAnswer): bigint {
    return this.atomic((m) => {
      if (assets === 0n) fail("ZeroAmount");
      m.accrue(now);
      if (assets > m.cash) fail("InsufficientCash", assets, m.cash);
      const newBorrows = m.borrowAssets + assets;
      if (newBorrows > m.borrowCap) fail("BorrowCapExceeded", newBorrows, m.borrowCap);
      const shares = toBorrowShares(assets, m.borrowAssets, m.borrowShares, true);
      m.report(who);
      const p = m.position(who);
      m.positions.set(who, { ...p, borrowShares: p.borrowShares + shares });
      m.borrowAssets = newBorrows;
      m.borrowShares += shares;
      m.cash -= assets;
      m.requireHealthy(who, oracle);
      return shares;
    });
  }

  /** _burnDebt: the last repayment's rounding up clears the total. */
  private burnDebt(who: string, shares: bigint, assets: bigint) {
    const p = this.position(who);
    this.positions.set(who, { ...p, borrowShares: p.borrowShares - shares });
    this.borrowShares -= shares;
    // The last share takes the virtual shares' part of the total with it (LendingMarket._burnDebt).
    this.borrowAssets =
      assets >= this.borrowAssets || this.borrowShares === 0n ? 0n : this.borrowAssets - assets;
  }

  /** repay(assets, onBehalf) (`assets` = 2^256 - 1: all): returns { repaid, shares }. */
  repay(onBehalf: string, assets: bigint, now: bigint): { repaid: bigint; shares: bigint } {
    return this.atomic((m) => {
      if (assets === 0n) fail("ZeroAmount");
      m.accrue(now);
      const p = m.position(onBehalf);
      if (p.borrowShares === 0n) fail("NoDebt", onBehalf);
      let shares =
        assets === (1n << 256n) - 1n
          ? p.borrowShares
          : toBorrowShares(assets, m.borrowAssets, m.borrowShares, false);
      shares = min(shares, p.borrowShares);
      if (shares === 0n) fail("ZeroAmount");
      const repaid = toBorrowAssets(shares, m.borrowAssets, m.borrowShares, true);
      m.report(onBehalf);
      m.burnDebt(onBehalf, shares, repaid);
      m.cash += repaid;
      return { repaid, shares };
    });
  }

  /**
   * liquidate(borrower, repayAssets, receiver): returns what the liquidator paid, the shares burnt, the
   * collateral seized and the bad debt realised. A failing oracle liquidates at the last good price
   * below STALE_LIQUIDATION_HEALTH only.
   */
  liquidate(
    borrower: string,
    repayAssets: bigint,
    now: bigint,
    oracle: OracleAnswer,
  ): { repaid: bigint; shares: bigint; seized: bigint; badDebt: bigint } {
    return this.atomic((m) => {
      if (repayAssets === 0n) fail("ZeroAmount");
      m.accrue(now);
      const p = m.position(borrower);
      if (p.borrowShares === 0n) fail("NoDebt", borrower);
      const fresh = oracle !== undefined && oracle !== 0n;
      const price = fresh ? oracle : m.lastPrice;
      if (!fresh && price === 0n) fail("PriceUnavailable");
      if (fresh) m.lastPrice = price;
      const health = m.healthAt(p, m.borrowAssets, m.borrowShares, price);
      const threshold = fresh ? LENDING_WAD : STALE_LIQUIDATION_HEALTH;
      if (health >= threshold) fail("Healthy", borrower, health, threshold);
      let shares =
        repayAssets === (1n << 256n) - 1n
          ? p.borrowShares
          : toBorrowShares(repayAssets, m.borrowAssets, m.borrowShares, false);
      shares = min(shares, p.borrowShares);
      if (shares === 0n) fail("ZeroAmount");
      let repaid = toBorrowAssets(shares, m.borrowAssets, m.borrowShares, true);
      let seized = mulDivDown(mulDivDown(repaid, m.incentive, LENDING_WAD), PRICE_SCALE, price);
      if (seized > p.collateral) {
        seized = p.collateral;
        repaid = mulDivUp(mulDivUp(seized, price, PRICE_SCALE), LENDING_WAD, m.incentive);
        shares = min(toBorrowShares(repaid, m.borrowAssets, m.borrowShares, false), p.borrowShares);
      }
      m.report(borrower);
      m.burnDebt(borrower, shares, repaid);
      const after = m.position(borrower);
      after.collateral -= seized;
      let badDebt = 0n;
      if (after.collateral === 0n && after.borrowShares !== 0n) {
        // The last borrower's bad debt is all that is left (LendingMarket._realizeBadDebt).
        badDebt =
          after.borrowShares === m.borrowShares
            ? m.borrowAssets
            : min(toBorrowAssets(after.borrowShares, m.borrowAssets, m.borrowShares, true), m.borrowAssets);
        m.borrowAssets -= badDebt;
        m.borrowShares -= after.borrowShares;
        after.borrowShares = 0n;
        m.totalBadDebt += badDebt;
      }
      m.positions.set(borrower, after);
      m.cash += repaid;
      return { repaid, shares, seized, badDebt };
    });
  }
}
