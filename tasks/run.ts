import type { ActionType, TaskArguments } from "hardhat/types";
import { FurrowError } from "../src/chain/errors";
import { requireNetwork } from "../src/chain/networks";

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
