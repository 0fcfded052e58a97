import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { formatTable } from "../format/table";

/** Seconds between two benchmark transactions: every transaction gets its own block, as on mainnet. */
export const BLOCK_TIME = 12;

/** An anchor figure from an issue: what the reference implementation costs and the goal we set. */
export interface Anchor {
  /** Who the figure comes from, e.g. "Uniswap V2" or "MCv2". */
  reference: string;
  /** Reference gas, measured on the same EVM; undefined when there is none. */
  anchor?: number;
  /** Goal from the issue (gas used must be at or below it). */
  goal?: number;
}

/**
 * What a scenario module gets. `send` mines every transaction in its own block, 12 s after
 * the previous one; `measure` does the same and records the receipt's gasUsed under `id`.
 */
export interface BenchContext {
  hre: HardhatRuntimeEnvironment;
  signers: HardhatEthersSigner[];
  send(tx: () => Promise<ContractTransactionResponse>): Promise<bigint>;
  measure(id: string, tx: () => Promise<ContractTransactionResponse>): Promise<bigint>;
  /** Records a figure that is not one transaction (e.g. a deployment's gas). */
  record(id: string, gas: bigint): void;
}

/** A scenario module in src/bench/scenarios/: `anchors` and `run`. */
export interface Scenario {
  anchors: Record<string, Anchor>;
  run(ctx: BenchContext): Promise<void>;
}

export function createContext(hre: HardhatRuntimeEnvironment, signers: HardhatEthersSigner[]) {
  const results: Record<string, number> = {};

  async function nextBlock(): Promise<void> {
    const latest = await hre.ethers.provider.getBlock("latest");
    await hre.network.provider.send("evm_setNextBlockTimestamp", [latest!.timestamp + BLOCK_TIME]);
  }

  async function send(tx: () => Promise<ContractTransactionResponse>): Promise<bigint> {
    await nextBlock();
    const receipt = await (await tx()).wait();
    if (!receipt || receipt.status !== 1) throw new Error("benchmark transaction failed");
    return receipt.gasUsed;
  }

  const ctx: BenchContext = {
    hre,
    signers,
    send,
    async measure(id, tx) {
      const gas = await send(tx);
      ctx.record(id, gas);
      return gas;
    },
    record(id, gas) {
      if (id in results) throw new Error(`benchmark id measured twice: ${id}`);
      results[id] = Number(gas);
    },
  };
  return { ctx, results };
}

/** One row per figure: id, gas, reference, anchor, gas as a share of the anchor, goal, met. */
function rows(results: Record<string, number>, anchors: Record<string, Anchor>): string[][] {
  const out = [["id", "gas", "reference", "anchor", "vs anchor", "goal", "goal met"]];
  for (const [id, gas] of Object.entries(results)) {
    const a = anchors[id];
    const ratio = a?.anchor ? `${((gas / a.anchor) * 100).toFixed(1)}%` : "";
    const met = a?.goal === undefined ? "" : gas <= a.goal ? "yes" : "NO";
    out.push([
      id,
      gas.toLocaleString("en-US"),
      a?.reference ?? "",
      a?.anchor?.toLocaleString("en-US") ?? "",
      ratio,
      a?.goal?.toLocaleString("en-US") ?? "",
      met,
    ]);
  }
  return out;
}

/** The figures as an aligned text table (what `npm run bench` prints). */
export function table(results: Record<string, number>, anchors: Record<string, Anchor>): string {
  const [head, ...body] = rows(results, anchors);
  return formatTable(
    head,
    body,
    head.map((_, c) => (c === 0 || c === 2 ? "left" : "right")),
  );
}

/** The same figures as a Markdown table (written to benchmarks/gas.md for the README). */
export function markdown(results: Record<string, number>, anchors: Record<string, Anchor>): string {
  const [head, ...body] = rows(results, anchors);
  const line = (r: string[]) => `| ${r.join(" | ")} |`;
  const align = head.map((_, c) => (c === 0 || c === 2 ? "---" : "---:"));
  return [line(head), line(align), ...body.map(line)].join("\n");
}
