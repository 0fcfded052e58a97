import { ethers, network } from "hardhat";

// Raw storage access for the tests that check hand-packed slots (test/*/Layout.test.ts) or write
// state a mutant or a historical bug would have left (test/mutation/).

const coder = ethers.AbiCoder.defaultAbiCoder();

/** The 32-byte word at `slot` of `address`. */
export async function word(address: string, slot: bigint): Promise<bigint> {
  return BigInt(
    await network.provider.send("eth_getStorageAt", [address, ethers.toBeHex(slot, 32), "latest"]),
  );
}

/** Overwrites the word at `slot` of `address`. */
export async function setWord(address: string, slot: bigint, value: bigint): Promise<void> {
  await network.provider.send("hardhat_setStorageAt", [
    address,
    ethers.toBeHex(slot, 32),
    ethers.toBeHex(value, 32),
  ]);
}

/** `width` bits of `value` from bit `from` (0 = least significant). */
export const bits = (value: bigint, from: number, width: number): bigint =>
  (value >> BigInt(from)) & ((1n << BigInt(width)) - 1n);

/** The slot of `mapping[key]` for a mapping declared at `slot` (solc: keccak256(key . slot)). */
export function mappingSlot(
  keyType: "address" | "uint256" | "bytes32",
  key: string | bigint,
  slot: bigint,
): bigint {
  return BigInt(ethers.keccak256(coder.encode([keyType, "uint256"], [key, slot])));
}
