import { TASK_COMPILE } from "hardhat/builtin-tasks/task-names";
import { types } from "hardhat/config";
import type {
  ActionType,
  ConfigurableTaskDefinition,
  HardhatRuntimeEnvironment,
  TaskArguments,
} from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { FurrowError } from "../src/chain/errors";
import { DEPLOYER_KEY_VAR, requireNetwork } from "../src/chain/networks";

/**
 * The one error path of every Furrow task. Wraps a task's action so that:
 *  - the selected network's settings are checked first: its RPC URL, and a key when the task
 *    `signs` (loading the config checks nothing, so compile and test never need either);
 *  - a FurrowError (a problem the user can fix) prints "furrow: <message>" as one line, without
 *    a stack, and the command exits with code 1;
 *  - any other error is a bug: it goes on to Hardhat, which prints it with its stack.
 */
export function runTask<A extends TaskArguments>(
  action: ActionType<A>,
  opts: { signs?: boolean } = {},
): ActionType<A> {
  return async (args, hre, runSuper) => {
    try {
      requireNetwork(hre.network, { signer: opts.signs ?? false });
      return await action(args, hre, runSuper);
    } catch (err) {
      if (!(err instanceof FurrowError)) throw err;
      console.error(`furrow: ${err.message}`);
      process.exitCode = 1;
      return undefined;
    }
  };
}

/** The library reads typechain factories, which a fresh clone only has after a compile. */
export async function compile(hre: HardhatRuntimeEnvironment): Promise<void> {
  await hre.run(TASK_COMPILE, { quiet: true });
}

/** The configured account `from` (default: the first), or the user error saying why there is none. */
export async function signerOf(hre: HardhatRuntimeEnvironment, from?: string): Promise<HardhatEthersSigner> {
  const signers = await hre.ethers.getSigners();
  const signer = from ? signers.find((s) => s.address.toLowerCase() === from.toLowerCase()) : signers[0];
  if (!signer && from) {
    throw new FurrowError(
      "ARGUMENT",
      `${from} is not one of the configured accounts of network ${hre.network.name}`,
    );
  }
  if (!signer) {
    throw new FurrowError(
      "NETWORK",
      `network ${hre.network.name} has no account to sign with: set ${DEPLOYER_KEY_VAR}`,
    );
  }
  return signer;
}

/** Options of every reading task: which deployment, and JSON instead of tables. */
export interface ReadArgs {
  deployment?: string;
  json: boolean;
}

/** ReadArgs plus what values are in and at which block. */
export interface ValuationArgs extends ReadArgs {
  weth?: string;
  usdToken?: string;
  ethPrice?: string;
  block?: number;
}

/** Adds `--<name>` (the contract's address, default: the deployment's), `--deployment` and `--json`. */
export function readOptions(
  t: ConfigurableTaskDefinition,
  name: string,
  help: string,
): ConfigurableTaskDefinition {
  return t
    .addOptionalParam(name, help)
    .addOptionalParam(
      "deployment",
      "Ignition deployment folder (default: deploy/deployments/chain-<chainId>)",
    )
    .addFlag("json", "Print JSON (bigints as decimal strings) instead of tables");
}

/** Adds `--weth`, `--usd-token`, `--eth-price` and `--block`: what values are in, and when. */
export function valuationOptions(
  t: ConfigurableTaskDefinition,
  wethHelp: string,
): ConfigurableTaskDefinition {
  return t
    .addOptionalParam("weth", wethHelp)
    .addOptionalParam("usdToken", "Value in this token (a stablecoin) instead of WETH")
    .addOptionalParam("ethPrice", "Value in USD: WETH values times this USD/ETH price")
    .addOptionalParam("block", "Block to read at (default: latest)", undefined, types.int);
}
