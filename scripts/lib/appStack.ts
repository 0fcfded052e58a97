import { spawn, type ChildProcess } from "child_process";
import path from "path";
import { freePort, rpc, runHardhat, startNode, ROOT, type LocalNode } from "./localNode";

/** The Ignition module `npm run app` deploys: Furrow (with LOCAL_LENDING on a local chain) plus the app's lens and zap. */
export const APP_DEPLOY_ARGS = ["ignition", "deploy", "deploy/modules/App.ts", "--network", "localhost"];
const VITE = path.join(ROOT, "node_modules", "vite", "bin", "vite.js");
const WAGMI = path.join(ROOT, "node_modules", "@wagmi", "cli", "dist", "esm", "cli.js");

/** Runs `node <args>` in the repository, resolving with its output; rejects on a non-zero exit. */
export function runNode(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: "pipe",
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")}:\n${out}`))));
  });
}

/** app/src/generated/abis.ts from the Hardhat artifacts (compile first). */
export const generateAbis = () => runNode([WAGMI, "generate", "--config", "app/wagmi.config.ts"]);

/** Static files in app/dist, reading the node at `rpcUrl` for the local chain. */
export const buildApp = (rpcUrl: string) => runNode([VITE, "build", "app"], { VITE_RPC_URL: rpcUrl });

export interface Served {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Serves app/dist on 127.0.0.1 (vite preview), resolved once it answers. */
export async function serveApp(port?: number): Promise<Served> {
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn(
    process.execPath,
    [VITE, "preview", "app", "--host", "127.0.0.1", "--port", String(p), "--strictPort"],
    { cwd: ROOT, stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${p}/`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      if (i > 120 || child.exitCode !== null) throw new Error(`vite preview did not answer on ${url}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        process.kill(child.pid!, "SIGTERM");
      }),
  };
}

/** A node with Furrow and the app's contracts deployed (documented module) and a short simulation run. */
export async function deployAndSeed(opts: { port?: number; users?: string[] } = {}): Promise<LocalNode> {
  const node = await startNode({ port: opts.port });
  try {
    const env = { LOCALHOST_RPC_URL: node.url };
    const deployed = await runHardhat(APP_DEPLOY_ARGS, env);
    if (deployed.code !== 0) throw new Error(`deploy failed:\n${deployed.stdout}\n${deployed.stderr}`);
    const users = opts.users ?? [(await rpc<string[]>(node.url, "eth_accounts"))[0]];
    const seeded = await runHardhat(["run", "--network", "localhost", "scripts/app-seed.ts"], {
      ...env,
      APP_USERS: users.join(","),
    });
    if (seeded.code !== 0) throw new Error(`seeding failed:\n${seeded.stdout}\n${seeded.stderr}`);
    return node;
  } catch (e) {
    await node.stop();
    throw e;
  }
}
