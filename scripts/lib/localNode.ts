import { spawn, type ChildProcess } from "child_process";
import net from "net";
import path from "path";

export const ROOT = path.join(__dirname, "..", "..");
/** Hardhat's CLI entry, run with node directly so the PID we hold is the server itself. */
export const HARDHAT_CLI = require.resolve("hardhat/internal/cli/cli.js");

/** A free TCP port on 127.0.0.1 (asks the OS for one, then releases it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The environment for a child hardhat process: ours, minus what would pick a network or fork. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!("HARDHAT_NETWORK" in extra)) delete env.HARDHAT_NETWORK;
  if (!("FORK_URL" in extra)) delete env.FORK_URL;
  if (!("FORK_BLOCK" in extra)) delete env.FORK_BLOCK;
  return env;
}

export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export interface LocalNode {
  url: string;
  port: number;
  pid: number;
  /** Everything the node printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `hardhat node` on 127.0.0.1 and `port` (default: a free one) (optionally forking `forkUrl`), waits until
 * it answers JSON-RPC, and returns a handle that stops it by its PID.
 */
export async function startNode(
  opts: { forkUrl?: string; timeoutMs?: number; port?: number } = {},
): Promise<LocalNode> {
  const port = opts.port ?? (await freePort());
  const args = [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(port)];
  if (opts.forkUrl) args.push("--fork", opts.forkUrl);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited (${child.exitCode}):\n${log}`);
    try {
      await rpc<string>(url, "eth_chainId");
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`hardhat node did not answer on ${url}:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  return {
    url,
    port,
    pid: child.pid!,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        process.kill(child.pid!, "SIGTERM");
      }),
  };
}

/** Runs a hardhat command as a user would, as a child process; resolves with its output. */
export function runHardhat(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HARDHAT_CLI, ...args], {
      cwd: ROOT,
      env: childEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`hardhat ${args.join(" ")} timed out:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
