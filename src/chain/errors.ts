import type { ErrorDescription, Interface } from "ethers";
import { HardhatPluginError } from "hardhat/plugins";

/** The plugin name Hardhat prints before a FurrowError that reaches its own handler. */
export const PLUGIN_NAME = "furrow";

/**
 * Every kind of problem a user can fix, with what it means. A FurrowError carries one of these
 * codes (tests and callers branch on the code; the message is what the user reads).
 */
export const FURROW_ERRORS = {
  ARGUMENT: "a task argument is malformed, conflicts with another, or names nothing that exists",
  DEPLOYMENT: "no Furrow deployment (Ignition journal, contract) where the command looks for one",
  DEPLOY_CONFIG: "deploy/parameters/<network>.json is missing or invalid",
  NETWORK: "the selected network lacks a setting the command needs (RPC URL, signer key)",
  STATE: "the chain's state refuses the command (nothing to harvest, a failed transaction)",
  WIRING: "a deployed contract is not wired as the deployment intends",
} as const;

export type FurrowErrorCode = keyof typeof FURROW_ERRORS;

/**
 * The one error class for problems a user can fix. Tasks print its message as one line, without a
 * stack (see tasks/run.ts); any other error is a bug and keeps its stack. A FurrowError that
 * reaches Hardhat's own handler (e.g. from an Ignition module) is printed the same way, as
 * "Error in plugin furrow: ...", because it is a HardhatPluginError.
 *
 * src/model stays free of Hardhat: its AmmMathError is the model's mirror of a Solidity revert
 * (tests compare the two), not a user error, and stays a plain Error.
 */
export class FurrowError extends HardhatPluginError {
  constructor(
    readonly code: FurrowErrorCode,
    message: string,
  ) {
    super(PLUGIN_NAME, message);
    this.name = "FurrowError";
    // HardhatPluginError's constructor sets its own prototype; without this, instanceof FurrowError fails.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** The revert data (hex) an ethers call or transaction error carries, wherever the provider put it. */
export function revertData(err: unknown): string | null {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length > 0) {
    const e = stack.pop();
    if (e === null || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const o = e as { data?: unknown; error?: unknown; info?: unknown; cause?: unknown };
    if (typeof o.data === "string" && /^0x[0-9a-fA-F]{8}/.test(o.data)) return o.data;
    stack.push(o.data, o.error, o.info, o.cause);
  }
  return null;
}

/**
 * The custom error `iface` declares that `err` (a failed call or transaction) reverted with, or
 * null when it carries no revert data or the data is not one of `iface`'s errors. Callers turn the
 * ones a user can act on into a FurrowError with a plain message and rethrow the rest.
 */
export function decodeRevert(err: unknown, iface: Interface): ErrorDescription | null {
  const data = revertData(err);
  if (data === null) return null;
  try {
    return iface.parseError(data);
  } catch {
    return null;
  }
}
