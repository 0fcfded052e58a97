import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";

/** Mines `tx` in a block with timestamp `at` and returns the receipt. */
export async function sendAt(at: bigint, tx: () => Promise<ContractTransactionResponse>) {
  await time.setNextBlockTimestamp(at);
  const receipt = await (await tx()).wait();
  if (!receipt) throw new Error("no receipt");
  return receipt;
}

/** Mines an empty block at `at`, so views called next see exactly that time. */
export async function mineAt(at: bigint): Promise<void> {
  await time.increaseTo(at);
}

/** Block time of the latest block. */
export async function now(): Promise<bigint> {
  return BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
}

/**
 * Gas a transaction spent beyond its calldata: gasUsed minus EIP-2028 calldata cost (4 per zero
 * byte, 16 per other byte). Two calls that differ only in the addresses they pass then compare
 * equal, however many zero bytes those addresses happen to contain.
 */
export async function executionGas(receipt: { hash: string; gasUsed: bigint }): Promise<bigint> {
  const tx = await ethers.provider.getTransaction(receipt.hash);
  if (!tx) throw new Error("no transaction");
  const data = ethers.getBytes(tx.data);
  const calldata = data.reduce((sum, byte) => sum + (byte === 0 ? 4n : 16n), 0n);
  return receipt.gasUsed - calldata;
}
