/**
 * The gas meter: every transaction an actor sends, with what it was doing, read back from its
 * receipt (`gasUsed`) and its calldata (`dataGas`, for an L2's L1 data fee). What it costs is the
 * model's business (src/model/gas.ts): the meter only records.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { dataGas, type TxGas } from "../model";

type Send = (method: string, params?: unknown[]) => Promise<unknown>;

/** One metered transaction: who sent it, doing what, and its gas. */
export interface MeteredTx extends TxGas {
  activity: string;
}

interface Sent {
  from: string;
  hash: string;
  data: string;
  activity: string;
}

/** Records every `eth_sendTransaction` on the provider while installed. */
export class GasMeter {
  /** What the next transactions are for (e.g. "compound"); set by the strategies before they act. */
  activity = "setup";
  private readonly sent: Sent[] = [];
  private uninstall?: () => void;

  constructor(private readonly hre: HardhatRuntimeEnvironment) {}

  /** Wraps the provider's `send` (on top of whatever wraps it already, e.g. pinned block times). */
  install(): this {
    const provider = this.hre.network.provider as unknown as { send: Send };
    const original = provider.send;
    const send: Send = original.bind(provider);
    provider.send = async (method, params) => {
      const result = await send(method, params);
      if (method === "eth_sendTransaction") {
        const tx = (params?.[0] ?? {}) as { from?: string; data?: string; input?: string };
        this.sent.push({
          from: (tx.from ?? "").toLowerCase(),
          hash: String(result),
          data: tx.data ?? tx.input ?? "0x",
          activity: this.activity,
        });
      }
      return result;
    };
    this.uninstall = () => {
      provider.send = original;
    };
    return this;
  }

  remove(): void {
    this.uninstall?.();
    this.uninstall = undefined;
  }

  /** Sets the activity for the duration of `f`. */
  async during<T>(activity: string, f: () => Promise<T>): Promise<T> {
    const before = this.activity;
    this.activity = activity;
    try {
      return await f();
    } finally {
      this.activity = before;
    }
  }

  /** Every transaction `address` sent, in order, with its receipt's gas. */
  async transactionsOf(address: string): Promise<MeteredTx[]> {
    const who = address.toLowerCase();
    const out: MeteredTx[] = [];
    for (const s of this.sent) {
      if (s.from !== who) continue;
      const receipt = await this.hre.ethers.provider.getTransactionReceipt(s.hash);
      if (!receipt) throw new Error(`simulation: no receipt for ${s.hash}`);
      out.push({ activity: s.activity, gasUsed: receipt.gasUsed, dataGas: dataGas(s.data) });
    }
    return out;
  }
}
