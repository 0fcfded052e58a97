import fs from "fs";
import path from "path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { createContext, type Anchor, type Scenario } from "./harness";

/** 2033-05-18: after any wall-clock genesis the reset chain can have, so always accepted. */
const BENCH_START_TIME = 2_000_000_000;

/**
 * Runs every scenario in ./scenarios (alphabetical order), each on the same fresh in-process
 * chain with a fixed clock, and returns every figure with the anchors the scenarios give.
 * Deterministic: the same code gives the same figures.
 */
export async function runScenarios(
  hre: HardhatRuntimeEnvironment,
  onScenario: (name: string, figures: number) => void = () => {},
): Promise<{ figures: Record<string, number>; anchors: Record<string, Anchor> }> {
  const dir = path.join(__dirname, "scenarios");
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort();
  const anchors: Record<string, Anchor> = {};
  const figures: Record<string, number> = {};

  for (const file of files) {
    // Each scenario starts from the same fresh chain so scenarios cannot affect each other.
    await hre.network.provider.send("hardhat_reset", []);
    // A fixed clock: timestamps end up in calldata (permit deadlines), whose gas depends on its
    // zero bytes, so a wall-clock start would change figures from one run to the next.
    await hre.network.provider.send("evm_setNextBlockTimestamp", [BENCH_START_TIME]);
    await hre.network.provider.send("evm_mine", []);
    const scenario = (await import(path.join(dir, file))) as Scenario;
    const { ctx, results } = createContext(hre, await hre.ethers.getSigners());
    await scenario.run(ctx);
    onScenario(file.replace(/\.ts$/, ""), Object.keys(results).length);
    Object.assign(anchors, scenario.anchors);
    Object.assign(figures, results);
  }
  return { figures, anchors };
}
