/**
 * `npm run app`: a local node on 127.0.0.1:8545 (APP_RPC_PORT), Furrow and the app's contracts
 * deployed with deploy/modules/App.ts, a short simulation on it, the app built and served on
 * 127.0.0.1:5173 (APP_PORT). Ctrl-C stops the node and the server (by their PIDs). Connect a wallet to
 * the node (chain 31337) with the node's first account: the seeded positions are its.
 */
import { runHardhat } from "./lib/localNode";
import { buildApp, deployAndSeed, generateAbis, serveApp } from "./lib/appStack";

async function main() {
  const rpcPort = Number(process.env.APP_RPC_PORT ?? 8545);
  console.log(`furrow app: compiling, starting hardhat node on 127.0.0.1:${rpcPort}, deploying, seeding…`);
  const compiled = await runHardhat(["compile", "--quiet"]);
  if (compiled.code !== 0) throw new Error(compiled.stderr);
  const node = await deployAndSeed({ port: rpcPort });
  await generateAbis();
  await buildApp(node.url);
  const served = await serveApp(Number(process.env.APP_PORT ?? 5173));
  console.log(
    `\n  Furrow app:  ${served.url}\n  node:        ${node.url} (chain 31337; account #0 holds the seeded positions)\n`,
  );
  const stop = async () => {
    await served.stop();
    await node.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
