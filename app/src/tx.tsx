/** Sending a transaction: simulate (decodes a revert before the wallet opens), send, wait; every state shown. */
import { useState } from "react";
import { BaseError, ContractFunctionRevertedError, type Abi, type Address } from "viem";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { config } from "./chain";
import { describeError } from "./lib/errors";
import {
  borrowRewardsAbi,
  erc20RewarderAbi,
  farmAbi,
  farmVaultAbi,
  ierc20ErrorsAbi,
  ierc20Abi,
  lendingMarketAbi,
  pairAbi,
  stakedFurAbi,
  zapAbi,
} from "./generated/abis";

/** Every custom error the app's contracts (and the tokens they move) can raise, for decoding. */
const errorAbi = [
  ...farmAbi,
  ...farmVaultAbi,
  ...zapAbi,
  ...pairAbi,
  ...erc20RewarderAbi,
  ...stakedFurAbi,
  ...lendingMarketAbi,
  ...borrowRewardsAbi,
  ...ierc20ErrorsAbi,
].filter((x) => x.type === "error");

export type TxState =
  | { status: "idle" }
  | { status: "pending"; label: string; hash?: string }
  | { status: "mined"; label: string; hash: string }
  | { status: "failed"; label: string; message: string };

export interface Call {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
  /** ETH sent with the call (a zap from ETH). */
  value?: bigint;
}

/** A revert in plain words: the decoded custom error, else the node's or wallet's short message. */
export function explain(e: unknown): string {
  if (e instanceof BaseError) {
    const revert = e.walk((x) => x instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName)
      return describeError(revert.data.errorName, revert.data.args ?? []);
    return e.shortMessage;
  }
  return e instanceof Error ? e.message : String(e);
}

/** What `call` returns if sent now by `account` (an eth_call), its revert decoded like a send's. */
export async function quote(call: Call, account: Address): Promise<unknown> {
  const abi = [...call.abi, ...errorAbi] as Abi;
  const { result } = await simulateContract(config, { ...call, abi, account } as never);
  return result;
}

export function useTx(account: Address | undefined, onMined: () => void) {
  const [state, setState] = useState<TxState>({ status: "idle" });
  /**
   * Sends `call`, or the call `prepare` returns once it has read what it needs (a zap's quote), and
   * resolves true once it is mined; a failure, in preparing or on chain, shows and resolves false.
   */
  async function send(label: string, call: Call | (() => Promise<Call>)): Promise<boolean> {
    if (!account) return false;
    setState({ status: "pending", label });
    try {
      if (typeof call === "function") call = await call();
      const abi = [...call.abi, ...errorAbi] as Abi;
      const { request } = await simulateContract(config, { ...call, abi, account } as never);
      const hash = await writeContract(config, request as never);
      setState({ status: "pending", label, hash });
      const receipt = await waitForTransactionReceipt(config, { hash });
      if (receipt.status !== "success") throw new Error(`${label}: the transaction reverted`);
      setState({ status: "mined", label, hash });
      onMined();
      return true;
    } catch (e) {
      setState({ status: "failed", label, message: explain(e) });
      return false;
    }
  }
  return { state, send, busy: state.status === "pending" };
}

export function TxStatus({ state }: { state: TxState }) {
  if (state.status === "idle") return null;
  const text =
    state.status === "pending"
      ? `${state.label}: pending${state.hash ? ` (${state.hash.slice(0, 10)}…)` : " (confirm in your wallet)"}`
      : state.status === "mined"
        ? `${state.label}: mined (${state.hash.slice(0, 10)}…)`
        : `${state.label} failed — ${state.message}`;
  return (
    <div className={`tx tx-${state.status}`} data-testid="tx-status" data-status={state.status}>
      {text}
    </div>
  );
}

export {
  borrowRewardsAbi,
  erc20RewarderAbi,
  farmAbi,
  farmVaultAbi,
  ierc20Abi,
  lendingMarketAbi,
  stakedFurAbi,
  zapAbi,
};
