/**
 * The sFUR audit of a run: every event sFUR logged since the deployment replayed through the BigInt
 * reference (src/model/staking.ts), which must agree with the contract on every notify's rate, every
 * payment and, at the end, every holder's `earned` of every token. Then, per reward token,
 *
 *   notified = paid + Σ earned + unstreamed + dust,   0 ≤ dust ≤ roundings
 *
 * (unstreamed: what the stream has still to pay; dust: what the floors kept, each under 1 wei), and
 * for FUR, which is both the wrapped token and a reward: FUR held by sFUR = sFUR supply + FUR
 * notified − FUR paid (the wrap is 1:1, the rest is rewards not yet paid).
 */
import type { Log } from "ethers";
import { StakedFurModel } from "../model";
import { timedLogs, type TimedLog } from "./audit";
import type { Market } from "./market";
import type { Revenue } from "./revenue";

export interface StakingTokenAudit {
  token: string;
  symbol: string;
  notified: bigint;
  paid: bigint;
  /** Σ earned(holder, token) on chain at the end, over every holder sFUR ever had. */
  earned: bigint;
  unstreamed: bigint;
  dust: bigint;
  /** Floors the token went through (the model's count): the dust's bound. */
  roundingBound: bigint;
}

export interface StakingAudit {
  tokens: StakingTokenAudit[];
  /** sFUR's total supply and the FUR it holds at the end, and what of that FUR is rewards. */
  supply: bigint;
  furHeld: bigint;
  furRewardsHeld: bigint;
  events: number;
  notifiesChecked: number;
  payoutsChecked: number;
  /** Holder × token `earned` values compared with the model at the end. */
  earnedChecked: number;
  mismatches: string[];
  /** The model agreed everywhere, every token's dust is within [0, bound] and the FUR balance adds up. */
  exact: boolean;
}

const ZERO = "0x0000000000000000000000000000000000000000";

/** The logs of one transaction, in order, for settling a getReward's payments together. */
function byTransaction(logs: TimedLog[]): TimedLog[][] {
  const out: TimedLog[][] = [];
  for (const l of logs) {
    const last = out[out.length - 1];
    if (last && last[0].log.transactionHash === l.log.transactionHash) last.push(l);
    else out.push([l]);
  }
  return out;
}

export async function auditStaking(
  m: Market,
  rev: Revenue,
  window: { deployBlock: number; endBlock: number },
): Promise<StakingAudit> {
  const provider = m.hre.ethers.provider;
  const sfur = rev.stakedFur;
  const address = rev.stakedFurAddress.toLowerCase();
  const logs = await timedLogs(m, address, window.deployBlock, window.endBlock);
  const endTime = BigInt((await provider.getBlock(window.endBlock))!.timestamp);
  const model = new StakedFurModel();
  const mismatches: string[] = [];
  let notifiesChecked = 0;
  let payoutsChecked = 0;
  const parse = (log: Log) => sfur.interface.parseLog(log);

  for (const tx of byTransaction(logs)) {
    /** Accounts whose getReward in this transaction was already replayed. */
    const claimed = new Set<string>();
    for (const { log, time } of tx) {
      const ev = parse(log);
      if (!ev) continue;
      switch (ev.name) {
        case "RewardTokenAdded": {
          model.addRewardToken((ev.args.token as string).toLowerCase());
          // sFUR starts a new token's account of every holder at paid = 0 (= its rewardPerToken
          // then), but the model's `earned` view takes an (account, token) it never settled as paid =
          // the current rewardPerToken, i.e. earning nothing. Settling each holder now (a transfer of
          // 0 to itself) records the contract's state; it accrues nothing new while no stream runs,
          // as sFUR's listing does not accrue (with a stream running the end check would say so).
          const running = model.tokens.some((t) => model.streams.get(t)!.periodFinish > time);
          if (!running)
            for (const h of model.holders()) if (model.balanceOf(h) > 0n) model.transfer(h, h, 0n, time);
          break;
        }
        case "Transfer": {
          const from = (ev.args.from as string).toLowerCase();
          const to = (ev.args.to as string).toLowerCase();
          model.update(from === ZERO ? null : from, to === ZERO ? null : to, ev.args.value as bigint, time);
          break;
        }
        case "RewardNotified": {
          const token = (ev.args.token as string).toLowerCase();
          const rate = model.notify(token, ev.args.received as bigint, time);
          notifiesChecked++;
          if (rate !== (ev.args.rate as bigint))
            mismatches.push(`notify in block ${log.blockNumber}: rate ${ev.args.rate}, model ${rate}`);
          break;
        }
        case "RewardPaid":
        case "RewardPaymentFailed": {
          const account = (ev.args.account as string).toLowerCase();
          if (claimed.has(account)) break;
          claimed.add(account);
          // One getReward: every payment (and failed one) of this account in the transaction.
          const mine = tx
            .map((l) => ({ l, e: parse(l.log) }))
            .filter(({ e }) => e && (e.name === "RewardPaid" || e.name === "RewardPaymentFailed"))
            .filter(({ e }) => (e!.args.account as string).toLowerCase() === account);
          const failing = new Set(
            mine
              .filter(({ e }) => e!.name === "RewardPaymentFailed")
              .map(({ e }) => (e!.args.token as string).toLowerCase()),
          );
          const expected = model.getReward(account, time, failing);
          for (const { e } of mine.filter(({ e }) => e!.name === "RewardPaid")) {
            const token = (e!.args.token as string).toLowerCase();
            payoutsChecked++;
            if (expected.get(token) !== (e!.args.amount as bigint))
              mismatches.push(
                `RewardPaid ${token} to ${account} in block ${log.blockNumber}: ${e!.args.amount}, model ${expected.get(token)}`,
              );
            expected.delete(token);
          }
          for (const [token, amount] of expected)
            mismatches.push(`getReward of ${account}: model paid ${amount} ${token}, sFUR logged nothing`);
          break;
        }
      }
    }
  }

  const at = { blockTag: window.endBlock };
  const supply = await sfur.totalSupply(at);
  if (supply !== model.supply) mismatches.push(`supply: sFUR ${supply}, model ${model.supply}`);
  let earnedChecked = 0;
  const tokens: StakingTokenAudit[] = [];
  for (const token of model.tokens) {
    const s = model.streams.get(token)!;
    let earned = 0n;
    for (const holder of model.holders()) {
      const onChain = await sfur.earned(holder, token, at);
      const expected = model.earned(holder, token, endTime);
      earnedChecked++;
      if (onChain !== expected)
        mismatches.push(`earned ${holder} ${token}: sFUR ${onChain}, model ${expected}`);
      earned += onChain;
    }
    const unstreamed = model.unstreamed(token, endTime);
    const info = rev.rewardTokens.find((t) => t.address.toLowerCase() === token);
    tokens.push({
      token,
      symbol: info?.symbol ?? token,
      notified: s.notified,
      paid: s.paid,
      earned,
      unstreamed,
      dust: s.notified - s.paid - earned - unstreamed,
      roundingBound: s.roundings,
    });
  }
  const furHeld = await m.fur.balanceOf(rev.stakedFurAddress, at);
  const fur = tokens.find((t) => t.token === m.furAddress);
  const furRewardsHeld = fur ? fur.notified - fur.paid : 0n;
  if (furHeld !== supply + furRewardsHeld)
    mismatches.push(`FUR held ${furHeld} != supply ${supply} + FUR rewards held ${furRewardsHeld}`);
  const exact = mismatches.length === 0 && tokens.every((t) => t.dust >= 0n && t.dust <= t.roundingBound);
  return {
    tokens,
    supply,
    furHeld,
    furRewardsHeld,
    events: logs.length,
    notifiesChecked,
    payoutsChecked,
    earnedChecked,
    mismatches,
    exact,
  };
}
