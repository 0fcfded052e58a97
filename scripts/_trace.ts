import hre from "hardhat";
import { createContext } from "./lib/bench/harness";
import * as scenario from "./lib/bench/scenarios/amm";

async function main() {
  const only = process.env.ONLY ?? "amm.swap.pair";
  const { ctx } = createContext(hre, await hre.ethers.getSigners());
  const orig = ctx.measure;
  ctx.measure = async (id, tx) => {
    if (id !== only) return orig(id, tx);
    const resp = await tx();
    const r = await resp.wait();
    const trace = (await hre.network.provider.send("debug_traceTransaction", [resp.hash, {}])) as {
      structLogs: { op: string; gasCost: number; depth: number; gas: number }[];
    };
    const byOp: Record<string, number> = {};
    for (const l of trace.structLogs) {
      const k = `${l.depth}:${l.op}`;
      byOp[k] = (byOp[k] ?? 0) + l.gasCost;
    }
    const rows = Object.entries(byOp).sort((a, b) => b[1] - a[1]).slice(0, 40);
    console.log(id, r!.gasUsed, "steps", trace.structLogs.length);
    for (const [k, v] of rows) console.log(k.padEnd(20), v);
    // per depth total count of ops
    const cnt: Record<number, number> = {};
    for (const l of trace.structLogs) cnt[l.depth] = (cnt[l.depth] ?? 0) + 1;
    console.log(cnt);
    return r!.gasUsed;
  };
  await scenario.run(ctx);
}
main();
