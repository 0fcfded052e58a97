import type { HardhatRuntimeEnvironment } from "hardhat/types";

type Send = (method: string, params?: unknown[]) => Promise<unknown>;

/**
 * Makes block times independent of the wall clock while the simulation runs. Hardhat stamps an
 * auto-mined block with max(previous + 1, wall clock + offset), so on a busy machine a slow
 * transaction would move time by an extra second and change the rewards; instead, every
 * transaction is mined exactly 1 s after the block before it (time only moves further where the
 * simulation moves it). Returns the function that restores the provider.
 */
export function pinBlockTimes(hre: HardhatRuntimeEnvironment): () => void {
  const provider = hre.network.provider as unknown as { send: Send };
  const original = provider.send;
  const send: Send = original.bind(provider);
  provider.send = async (method, params) => {
    if (method === "eth_sendTransaction" || method === "eth_sendRawTransaction") {
      const latest = (await send("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
      await send("evm_setNextBlockTimestamp", [Number(BigInt(latest.timestamp)) + 1]);
    }
    return send(method, params);
  };
  return () => {
    provider.send = original;
  };
}

/** Mines an empty block at unix time `t`. */
export async function setTime(hre: HardhatRuntimeEnvironment, t: bigint): Promise<void> {
  await hre.network.provider.send("evm_setNextBlockTimestamp", [Number(t)]);
  await hre.network.provider.send("evm_mine", []);
}

/** The latest block's number and timestamp. */
export async function latestBlock(hre: HardhatRuntimeEnvironment): Promise<{ number: number; time: bigint }> {
  const b = (await hre.ethers.provider.getBlock("latest"))!;
  return { number: b.number, time: BigInt(b.timestamp) };
}
