import http from "http";
import { Transaction, toQuantity } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { TimelockController__factory } from "../../typechain-types";
import type { DeployConfig } from "../../deploy/config";
import { deployFurrow } from "../../src/chain/deploy";
import type { FurrowDeployment } from "../../src/chain/deployment";

/** An EIP-1193 `request`, as Ignition calls it. */
export type Request = (args: { method: string; params?: unknown[] | object }) => Promise<unknown>;

/** One try of the stranger's: the execute it sent and how the chain answered. */
export interface FrontRunAttempt {
  /** The execute call the stranger sent (to the timelock). */
  tx: { from: string; to: string; data: string };
  /** Revert data of the same call simulated just before sending it; undefined if it would succeed. */
  revertData?: string;
}

const timelockInterface = TimelockController__factory.createInterface();

/**
 * A stranger watching the deployer's transactions: as soon as one that schedules a timelock
 * operation (`schedule` or `scheduleBatch`) is mined, it sends that operation's `execute` /
 * `executeBatch` from `stranger`, before the deployer can send its next transaction. With a zero
 * delay and an executor role open to anyone, that execute succeeds and the deployer's own one
 * reverts (`TimelockUnexpectedOperationState`).
 *
 * `wrap(request)` returns a `request` that forwards everything and does the above after each
 * transaction it forwards; `attempts` lists what the stranger tried.
 */
export function frontRunner(stranger: string) {
  const attempts: FrontRunAttempt[] = [];

  async function after(request: Request, method: string, params: unknown): Promise<void> {
    const sent = sentTransaction(method, params);
    const data = sent && executeOf(sent.data);
    if (!sent || !data) return;
    const tx = { from: stranger, to: sent.to, data };
    const attempt: FrontRunAttempt = { tx };
    attempts.push(attempt);
    try {
      await request({ method: "eth_call", params: [tx, "latest"] });
    } catch (e) {
      attempt.revertData = revertDataOf(e) ?? "0x";
    }
    // Sent even when it would revert: a front-runner does not care, and the chain records it.
    await request({ method: "eth_sendTransaction", params: [{ ...tx, gas: toQuantity(2_000_000) }] }).catch(
      () => undefined,
    );
  }

  function wrap(request: Request): Request {
    return async (args) => {
      const result = await request(args);
      await after(request, args.method, args.params);
      return result;
    };
  }

  return { attempts, after, wrap };
}

/** The `to` and `data` of a transaction that `eth_sendTransaction` / `eth_sendRawTransaction` sent. */
function sentTransaction(method: string, params: unknown): { to: string; data: string } | undefined {
  if (!Array.isArray(params) || params.length === 0) return undefined;
  if (method === "eth_sendTransaction") {
    const { to, data, input } = params[0] as { to?: string; data?: string; input?: string };
    return to && (data ?? input) ? { to, data: (data ?? input)! } : undefined;
  }
  if (method === "eth_sendRawTransaction") {
    const tx = Transaction.from(params[0] as string);
    return tx.to ? { to: tx.to, data: tx.data } : undefined;
  }
  return undefined;
}

/** The calldata that executes the operation `data` schedules; undefined if `data` schedules nothing. */
function executeOf(data: string): string | undefined {
  const call = timelockInterface.parseTransaction({ data });
  if (call?.name === "schedule") {
    const [target, value, payload, predecessor, salt] = call.args;
    return timelockInterface.encodeFunctionData("execute", [target, value, payload, predecessor, salt]);
  }
  if (call?.name === "scheduleBatch") {
    const [targets, values, payloads, predecessor, salt] = call.args;
    return timelockInterface.encodeFunctionData("executeBatch", [
      targets,
      values,
      payloads,
      predecessor,
      salt,
    ]);
  }
  return undefined;
}

/** The revert data in an error from an in-process provider or a JSON-RPC answer (`data` or `data.data`). */
function revertDataOf(e: unknown): string | undefined {
  let v: unknown = e;
  for (let depth = 0; depth < 4 && typeof v === "object" && v !== null; depth++) {
    const { data, error } = v as { data?: unknown; error?: unknown };
    if (typeof data === "string" && data.startsWith("0x")) return data;
    v = data ?? error;
  }
  return undefined;
}

/** Decodes a front-runner's revert data as a TimelockController error: name and arguments. */
export function timelockError(revertData: string | undefined): { name: string; args: unknown[] } | undefined {
  if (!revertData) return undefined;
  const error = timelockInterface.parseError(revertData);
  return error ? { name: error.name, args: [...error.args] } : undefined;
}

/**
 * A JSON-RPC proxy on 127.0.0.1 in front of `upstream` (a `hardhat node`) with the front-runner in
 * it: what a deployer would see if a stranger's bot were watching the node it sends to.
 */
export async function frontRunningProxy(upstream: string, stranger: string) {
  const runner = frontRunner(stranger);
  let nextId = 1;
  const forward = async (message: { method: string; params?: unknown }) => {
    const res = await fetch(upstream, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: nextId++,
        method: message.method,
        params: message.params ?? [],
      }),
    });
    return (await res.json()) as { result?: unknown; error?: unknown };
  };
  const request: Request = async ({ method, params }) => {
    const answer = await forward({ method, params });
    if (answer.error) throw answer.error;
    return answer.result;
  };
  const handle = async (message: { id?: unknown; method: string; params?: unknown }) => {
    const answer = await forward(message);
    if (!answer.error) await runner.after(request, message.method, message.params);
    return { ...answer, jsonrpc: "2.0", id: message.id };
  };

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", async () => {
      try {
        const parsed = JSON.parse(body);
        // One at a time, in order, as a node answers them: the front-run lands between two sends.
        const out = Array.isArray(parsed)
          ? await parsed.reduce(
              async (acc: Promise<unknown[]>, m) => [...(await acc), await handle(m)],
              Promise.resolve([]),
            )
          : await handle(parsed);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
      } catch (e) {
        res.writeHead(500).end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    attempts: runner.attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Deploys Furrow with `config` through the in-process provider while `stranger` front-runs every
 * bootstrap schedule with its own execute (`frontRunner`); the provider is restored afterwards.
 */
export async function deployWithFrontRunner(
  hre: HardhatRuntimeEnvironment,
  config: DeployConfig,
  stranger: string,
) {
  const runner = frontRunner(stranger);
  const provider = hre.network.provider;
  const hadOwnRequest = Object.prototype.hasOwnProperty.call(provider, "request");
  const request = provider.request.bind(provider) as Request;
  provider.request = runner.wrap(request) as typeof provider.request;
  try {
    const system = await deployFurrow(hre, config);
    const deployment: FurrowDeployment = { dir: "", ...system.addresses };
    return { system, deployment, attempts: runner.attempts };
  } finally {
    if (hadOwnRequest) provider.request = request as typeof provider.request;
    else Reflect.deleteProperty(provider, "request");
  }
}
