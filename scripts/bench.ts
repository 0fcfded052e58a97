/**
 * Gas benchmark: `npm run bench`.
 *
 * Runs every scenario in scripts/lib/bench/scenarios/ (alphabetical order) on a fresh in-process
 * network, writes benchmarks/gas.json ({ "<operation id>": gasUsed }) and prints the figures
 * beside the anchors the issues give. Deterministic: the same code gives the same file.
 */
import hre from "hardhat";
import fs from "fs";
import path from "path";
import { createContext, table, type Anchor, type Scenario } from "./lib/bench/harness";

async function main() {
  const dir = path.join(__dirname, "lib", "bench", "scenarios");
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort();
  const anchors: Record<string, Anchor> = {};
  const all: Record<string, number> = {};

  for (const file of files) {
    // Each scenario starts from the same fresh chain so scenarios cannot affect each other.
    await hre.network.provider.send("hardhat_reset", []);
    const scenario = (await import(path.join(dir, file))) as Scenario;
    const { ctx, results } = createContext(hre, await hre.ethers.getSigners());
    process.stdout.write(`bench: ${file.replace(/\.ts$/, "")} ... `);
    await scenario.run(ctx);
    console.log(`${Object.keys(results).length} figures`);
    Object.assign(anchors, scenario.anchors);
    Object.assign(all, results);
  }

  const out = path.join(__dirname, "..", "benchmarks", "gas.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(all, null, 2) + "\n");
  console.log(`\n${table(all, anchors)}\n\nwrote ${path.relative(process.cwd(), out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
