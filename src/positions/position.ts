import { ZeroAddress, isAddress } from "ethers";
import { IRewarder__factory } from "../../typechain-types";
import { pairAt, stakedToken, underlying, type FarmContext, type StakedToken } from "./context";
import { stakeValue } from "./pools";
import { WAD } from "../model";
import { FurrowError } from "../chain/errors";
import { tokenInfo, type TokenInfo, type Unit } from "./valuation";

/** An amount of a token, with its value in the unit (null without a price route). */
export interface TokenAmount {
  token: TokenInfo;
  amount: bigint;
  value: bigint | null;
}

/**
 * What the staked tokens were at entry, replayed from the farm's events for the account:
 * each Deposit(to = account) adds the tokens its LP amount was worth in the pair at that block;
 * each Withdraw/EmergencyWithdraw(user = account) removes the same fraction of the held tokens as
 * of the stake (average cost). Unknown when the events do not add up to the current stake.
 */
export type Entry =
  | {
      known: true;
      /** Deposits and withdrawals replayed. */
      events: number;
      firstBlock: number;
      /** The tokens the stake was at entry (for a plain token: the stake itself). */
      held: TokenAmount[];
      /** Those tokens valued at today's prices. */
      holdValue: bigint | null;
      /** value − holdValue: fees earned minus impermanent loss, in the unit. */
      difference: bigint | null;
      /** difference / holdValue, scaled by 1e18. */
      differenceWad: bigint | null;
    }
  | { known: false; reason: string };

export interface PositionRow {
  pid: number;
  staked: StakedToken;
  /** userInfo.amount. */
  amount: bigint;
  /** amount / the pool's totalStaked, scaled by 1e18. */
  poolShareWad: bigint;
  /** For LP pools: amount / the pair's totalSupply, scaled by 1e18; null for plain tokens. */
  pairShareWad: bigint | null;
  /** The tokens behind the stake now (for a plain token: the stake itself). */
  underlying: TokenAmount[];
  value: bigint | null;
  /** farm.pendingReward(pid, account). */
  pending: TokenAmount;
  /** rewarder.pendingTokens(pid, account, pending). */
  bonus: TokenAmount[];
  entry: Entry;
}

export interface PositionReport {
  chainId: bigint;
  farm: string;
  account: string;
  block: number;
  timestamp: bigint;
  unit: Unit;
  /** Pools where the account has stake or anything pending. */
  positions: PositionRow[];
  /** Sums over positions; null if any part has no price. */
  totalValue: bigint | null;
  totalPendingValue: bigint | null;
}

export interface PositionOptions {
  /** First block of the event scan (default 0; raise it on providers that limit eth_getLogs). */
  fromBlock?: number;
}

/** The account's position in every pool of the farm at the context's block. */
export async function readPosition(
  ctx: FarmContext,
  account: string,
  opts: PositionOptions = {},
): Promise<PositionReport> {
  if (!isAddress(account)) throw new FurrowError("ARGUMENT", `--account is not an address: ${account}`);
  const { farm, valuer } = ctx;
  const blockTag = ctx.block;
  const n = Number(await farm.poolLength({ blockTag }));
  const positions: PositionRow[] = [];
  for (let pid = 0; pid < n; pid++) {
    const [user, pendingAmount, info, rewarder, lp] = await Promise.all([
      farm.userInfo(pid, account, { blockTag }),
      farm.pendingReward(pid, account, { blockTag }),
      farm.poolInfo(pid, { blockTag }),
      farm.rewarder(pid, { blockTag }),
      farm.lpToken(pid, { blockTag }),
    ]);
    const bonus = await pendingBonus(ctx, rewarder, pid, account, pendingAmount);
    if (user.amount === 0n && pendingAmount === 0n && bonus.every((b) => b.amount === 0n)) continue;

    const staked = await stakedToken(ctx.provider, lp, blockTag);
    const parts = await amounts(ctx, staked, user.amount);
    const value = await stakeValue(ctx, staked, user.amount);
    positions.push({
      pid,
      staked,
      amount: user.amount,
      poolShareWad: info.totalStaked === 0n ? 0n : (user.amount * WAD) / info.totalStaked,
      pairShareWad:
        staked.pair === null || staked.pair.totalSupply === 0n
          ? null
          : (user.amount * WAD) / staked.pair.totalSupply,
      underlying: parts,
      value,
      pending: {
        token: ctx.rewardToken,
        amount: pendingAmount,
        value: await valuer.value(ctx.rewardToken.address, pendingAmount),
      },
      bonus,
      entry: await entry(ctx, pid, account, staked, user.amount, value, opts.fromBlock ?? 0),
    });
  }
  const sum = (vs: (bigint | null)[]) =>
    vs.some((v) => v === null) ? null : vs.reduce<bigint>((a, v) => a + v!, 0n);
  return {
    chainId: ctx.chainId,
    farm: ctx.farmAddress,
    account,
    block: ctx.block,
    timestamp: ctx.timestamp,
    unit: valuer.unit,
    positions,
    totalValue: sum(positions.map((p) => p.value)),
    totalPendingValue: sum(positions.flatMap((p) => [p.pending.value, ...p.bonus.map((b) => b.value)])),
  };
}

/** The tokens a stake is made of: the pair's two, or the staked token itself. */
function partsOf(staked: StakedToken): TokenInfo[] {
  return staked.pair
    ? [staked.pair.token0, staked.pair.token1]
    : [{ address: staked.address, symbol: staked.name, decimals: staked.decimals }];
}

async function valued(ctx: FarmContext, token: TokenInfo, amount: bigint): Promise<TokenAmount> {
  return { token, amount, value: await ctx.valuer.value(token.address, amount) };
}

/** The token amounts behind `amount` of the staked token, valued. */
async function amounts(ctx: FarmContext, staked: StakedToken, amount: bigint): Promise<TokenAmount[]> {
  const split = staked.pair ? underlying(amount, staked.pair) : [amount];
  return Promise.all(partsOf(staked).map((t, i) => valued(ctx, t, split[i])));
}

async function pendingBonus(
  ctx: FarmContext,
  rewarder: string,
  pid: number,
  account: string,
  pending: bigint,
): Promise<TokenAmount[]> {
  if (rewarder === ZeroAddress) return [];
  const [tokens, values] = await IRewarder__factory.connect(rewarder, ctx.provider).pendingTokens(
    pid,
    account,
    pending,
    { blockTag: ctx.block },
  );
  return Promise.all(tokens.map(async (t, i) => valued(ctx, await tokenInfo(ctx.provider, t), values[i])));
}

interface StakeEvent {
  block: number;
  index: number;
  /** + for a deposit credited to the account, − for its withdrawals. */
  delta: bigint;
}

async function stakeEvents(
  ctx: FarmContext,
  pid: number,
  account: string,
  fromBlock: number,
): Promise<StakeEvent[]> {
  const { farm } = ctx;
  const toBlock = ctx.block;
  const [deposits, withdrawals, emergencies] = await Promise.all([
    farm.queryFilter(farm.filters.Deposit(undefined, pid, undefined, account), fromBlock, toBlock),
    farm.queryFilter(farm.filters.Withdraw(account, pid), fromBlock, toBlock),
    farm.queryFilter(farm.filters.EmergencyWithdraw(account, pid), fromBlock, toBlock),
  ]);
  return [
    ...deposits.map((e) => ({ block: e.blockNumber, index: e.index, delta: e.args.amount })),
    ...withdrawals.map((e) => ({ block: e.blockNumber, index: e.index, delta: -e.args.amount })),
    ...emergencies.map((e) => ({ block: e.blockNumber, index: e.index, delta: -e.args.amount })),
  ].sort((a, b) => a.block - b.block || a.index - b.index);
}

async function entry(
  ctx: FarmContext,
  pid: number,
  account: string,
  staked: StakedToken,
  amount: bigint,
  value: bigint | null,
  fromBlock: number,
): Promise<Entry> {
  if (amount === 0n) return { known: false, reason: "nothing staked" };
  let events: StakeEvent[];
  try {
    events = await stakeEvents(ctx, pid, account, fromBlock);
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return { known: false, reason: `event scan failed (${message}); try --from-block` };
  }
  // held[i] are the entry amounts of the remaining stake, replayed event by event.
  const tokens = partsOf(staked);
  let held = tokens.map(() => 0n);
  let stake = 0n;
  for (const e of events) {
    if (e.delta > 0n) {
      const add = staked.pair
        ? underlying(e.delta, await pairAt(ctx.provider, staked.address, e.block))
        : [e.delta];
      held = held.map((h, i) => h + add[i]);
      stake += e.delta;
    } else {
      const out = -e.delta;
      if (out > stake) {
        // Stake from before fromBlock: the replay cannot be trusted.
        return { known: false, reason: `withdrawals before a matching deposit since block ${fromBlock}` };
      }
      held = held.map((h) => h - (h * out) / stake);
      stake -= out;
    }
  }
  if (stake !== amount) {
    return {
      known: false,
      reason: `events since block ${fromBlock} account for ${stake} of the stake ${amount}`,
    };
  }
  const heldAmounts = await Promise.all(tokens.map((t, i) => valued(ctx, t, held[i])));
  const holdValue = heldAmounts.some((h) => h.value === null)
    ? null
    : heldAmounts.reduce((a, h) => a + h.value!, 0n);
  const difference = value === null || holdValue === null ? null : value - holdValue;
  return {
    known: true,
    events: events.length,
    firstBlock: events[0].block,
    held: heldAmounts,
    holdValue,
    difference,
    differenceWad: difference === null || holdValue === 0n ? null : (difference * WAD) / holdValue!,
  };
}
