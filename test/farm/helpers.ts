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
