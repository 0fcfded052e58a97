import fs from "fs";
import path from "path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  createContext,
  withRatios,
  type BenchContext,
  type BenchResults,
  type Scenario,
  type Side,
} from "./harness";

/** 2033-05-18: after any wall-clock genesis the reset chain can have, so always accepted. */
const BENCH_START_TIME = 2_000_000_000;

/** A fresh chain at the fixed start time: the same accounts, nonces and clock for every side. */
async function freshChain(hre: HardhatRuntimeEnvironment): Promise<void> {
  await hre.network.provider.send("hardhat_reset", []);
  // A fixed clock: timestamps end up in calldata (permit deadlines), whose gas depends on its
  // zero bytes, so a wall-clock start would change figures from one run to the next.
  await hre.network.provider.send("evm_setNextBlockTimestamp", [BENCH_START_TIME]);
  await hre.network.provider.send("evm_mine", []);
}

/**
 * Runs every scenario in ./scenarios (alphabetical order): Furrow's side, then each peer's side
 * (the same steps on the peer's contracts), each on its own fresh in-process chain with a fixed
 * clock, and returns every figure by id with the peer's beside it. Deterministic: the same code
 * and the same published peers give the same figures.
 */
export async function runScenarios(
  hre: HardhatRuntimeEnvironment,
  onSide: (scenario: string, side: string, figures: number) => void = () => {},
): Promise<BenchResults> {
  const dir = path.join(__dirname, "scenarios");
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort();
  const results: BenchResults = {};
  const count = () =>
    Object.values(results).reduce(
      (n, r) => n + (r.gas !== undefined ? 1 : 0) + (r.peerGas !== undefined ? 1 : 0),
      0,
    );

  for (const file of files) {
    const name = file.replace(/\.ts$/, "");
    const scenario = (await import(path.join(dir, file))) as Scenario;
    const sides: [Side, (ctx: BenchContext) => Promise<void>][] = [
      ...(scenario.run ? [[{ kind: "furrow" }, scenario.run] as [Side, typeof scenario.run]] : []),
      ...Object.entries(scenario.peers ?? {}).map(
        ([peer, run]) => [{ kind: "peer", name: peer }, run] as [Side, typeof run],
      ),
    ];
    for (const [side, run] of sides) {
      const before = count();
      await freshChain(hre);
      await run(createContext(hre, await hre.ethers.getSigners(), side, results));
      onSide(name, side.kind === "furrow" ? "Furrow" : side.name, count() - before);
    }
    for (const [id, figure] of Object.entries(scenario.elsewhere ?? {}))
      (results[id] ??= {}).elsewhere = figure;
    for (const [id, goal] of Object.entries(scenario.goals ?? {})) (results[id] ??= {}).goal = goal;
  }
  return withRatios(results);
}
