import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { formatTable } from "../format/table";

/** Seconds between two benchmark transactions: every transaction gets its own block, as on mainnet. */
export const BLOCK_TIME = 12;

/** A figure that cannot be measured here (the contract is not published on npm), with its source. */
export interface Elsewhere {
  /** Whose figure, e.g. "MasterChefV2". */
  name: string;
  gas: number;
  /** Where it was measured, for the reader to check. */
  source: string;
}

/**
 * Which side a scenario is measuring: Furrow's contracts, or a peer's (named, e.g. "Uniswap V2")
 * running the same steps on a fresh chain with the same accounts and tokens.
 */
export type Side = { kind: "furrow" } | { kind: "peer"; name: string };

/**
 * What a scenario gets. `send` mines every transaction in its own block, 12 s after the previous
 * one; `measure` does the same and records the receipt's gasUsed under `id` for the side running.
 */
export interface BenchContext {
  hre: HardhatRuntimeEnvironment;
  signers: HardhatEthersSigner[];
  side: Side;
  send(tx: () => Promise<ContractTransactionResponse>): Promise<bigint>;
  measure(id: string, tx: () => Promise<ContractTransactionResponse>): Promise<bigint>;
  /** Records a figure that is not one transaction (e.g. a deployment's gas); `peer` overrides the side's name. */
  record(id: string, gas: bigint, peer?: string): void;
  /** The goal an issue sets for `id` (Furrow's gas must be at or below it). */
  goal(id: string, gas: bigint | number): void;
}

/**
 * A scenario module in src/bench/scenarios/. `run` measures Furrow; `peers` (if any) run the same
 * steps on a peer's contracts and record the same ids, each on its own fresh chain. A scenario
 * without `run` measures a peer's operation Furrow does not have yet (a reference for later).
 */
export interface Scenario {
  run?(ctx: BenchContext): Promise<void>;
  peers?: Record<string, (ctx: BenchContext) => Promise<void>>;
  /** The goals the issues set, by id (Furrow's gas must be at or below). */
  goals?: Record<string, number>;
  /** Figures of contracts that cannot be deployed here, by id. */
  elsewhere?: Record<string, Elsewhere>;
}

/** Every figure of a bench run, by operation id, in the order first measured. */
export interface BenchRow {
  /** Furrow's gas; undefined for a peer-only row (an operation Furrow does not have). */
  gas?: number;
  /** The peer measured in the same run: its name and gas. */
  peer?: string;
  peerGas?: number;
  /** gas / peerGas, rounded to 4 decimals. */
  vsPeer?: number;
  elsewhere?: Elsewhere;
  goal?: number;
}
export type BenchResults = Record<string, BenchRow>;

/** Collects one side's figures into `results` (shared by every side of every scenario). */
export function createContext(
  hre: HardhatRuntimeEnvironment,
  signers: HardhatEthersSigner[],
  side: Side,
  results: BenchResults,
): BenchContext {
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

  const row = (id: string) => (results[id] ??= {});
  const ctx: BenchContext = {
    hre,
    signers,
    side,
    send,
    async measure(id, tx) {
      const gas = await send(tx);
      ctx.record(id, gas);
      return gas;
    },
    record(id, gas, peer) {
      const r = row(id);
      if (side.kind === "furrow") {
        if (r.gas !== undefined) throw new Error(`benchmark id measured twice: ${id}`);
        r.gas = Number(gas);
      } else {
        if (r.peerGas !== undefined) throw new Error(`peer benchmark id measured twice: ${id}`);
        r.peer = peer ?? side.name;
        r.peerGas = Number(gas);
      }
    },
    goal(id, gas) {
      row(id).goal = Number(gas);
    },
  };
  return ctx;
}

/** Adds `vsPeer` wherever both sides were measured, and orders each row's fields the same way. */
export function withRatios(results: BenchResults): BenchResults {
  const out: BenchResults = {};
  for (const [id, r] of Object.entries(results)) {
    const vsPeer =
      r.gas !== undefined && r.peerGas !== undefined
        ? Math.round((r.gas / r.peerGas) * 1e4) / 1e4
        : undefined;
    out[id] = JSON.parse(
      JSON.stringify({
        gas: r.gas,
        peer: r.peer,
        peerGas: r.peerGas,
        vsPeer,
        elsewhere: r.elsewhere,
        goal: r.goal,
      }),
    ) as BenchRow;
  }
  return out;
}

const gasText = (gas: number | undefined) => gas?.toLocaleString("en-US") ?? "";
export const COLUMNS = ["id", "gas", "peer", "peer gas", "vs peer", "measured elsewhere", "goal", "goal met"];
const LEFT = new Set([0, 2, 5]);

/** One row per id: Furrow's gas, the peer measured in the same run, the ratio, other figures, goal. */
function rows(results: BenchResults): string[][] {
  const out = [COLUMNS];
  for (const [id, r] of Object.entries(results)) {
    const met = r.goal === undefined || r.gas === undefined ? "" : r.gas <= r.goal ? "yes" : "NO";
    out.push([
      id,
      gasText(r.gas),
      r.peer ?? "",
      gasText(r.peerGas),
      r.vsPeer === undefined ? "" : `${(r.vsPeer * 100).toFixed(1)}%`,
      r.elsewhere ? `${r.elsewhere.name} ${gasText(r.elsewhere.gas)}` : "",
      gasText(r.goal),
      met,
    ]);
  }
  return out;
}

/** The figures as an aligned text table (what `npm run bench` prints). */
export function table(results: BenchResults): string {
  const [head, ...body] = rows(results);
  return formatTable(
    head,
    body,
    head.map((_, c) => (LEFT.has(c) ? "left" : "right")),
  );
}

/** The same figures as a Markdown table (columns padded as prettier pads them), then the sources of the figures measured elsewhere. */
export function markdown(results: BenchResults): string {
  const [head, ...body] = rows(results);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(3, ...all.map((r) => r[c].length)));
  const pad = (cell: string, c: number) => (LEFT.has(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]));
  const line = (r: string[]) => `| ${r.map(pad).join(" | ")} |`;
  const rule = `| ${widths.map((w, c) => (LEFT.has(c) ? "-".repeat(w) : "-".repeat(w - 1) + ":")).join(" | ")} |`;
  const sources = [
    ...new Set(Object.values(results).flatMap((r) => (r.elsewhere ? [r.elsewhere.source] : []))),
  ];
  return [
    [line(head), rule, ...body.map(line)].join("\n"),
    ...(sources.length ? [`Measured elsewhere: ${sources.join("; ")}.`] : []),
  ].join("\n\n");
}

/** Where the README's copy of the table starts and ends. */
export const README_TABLE_START = "<!-- gas table: written by `npm run bench` from benchmarks/gas.md -->";
export const README_TABLE_END = "<!-- end of gas table -->";

/** `readme` with the text between the two markers replaced by gas.md's table and notes. */
export function withGasTable(readme: string, gasMd: string): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start) throw new Error("README.md has no gas-table markers");
  const table = gasMd.slice(gasMd.indexOf("| id"));
  return `${readme.slice(0, start + README_TABLE_START.length)}\n\n${table.trimEnd()}\n\n${readme.slice(end)}`;
}
