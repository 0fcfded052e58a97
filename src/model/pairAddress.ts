import { getCreate2Address, keccak256, solidityPackedKeccak256 } from "ethers";

/**
 * Pair addresses from the compiled Pair: the init-code hash is keccak256 of the artifact's
 * creation bytecode (what PairFactory.PAIR_INIT_CODE_HASH() returns), never a pasted constant.
 */
export function pairInitCodeHash(pairCreationBytecode: string): string {
  return keccak256(pairCreationBytecode);
}

/** The two tokens in pair order (lower address first). */
export function sortTokens(tokenA: string, tokenB: string): [string, string] {
  if (tokenA.toLowerCase() === tokenB.toLowerCase()) throw new Error(`IdenticalAddresses(${tokenA})`);
  return BigInt(tokenA) < BigInt(tokenB) ? [tokenA, tokenB] : [tokenB, tokenA];
}

/** CREATE2 address of the factory's pair of `tokenA` and `tokenB` (either order). */
export function computePairAddress(
  factory: string,
  initCodeHash: string,
  tokenA: string,
  tokenB: string,
): string {
  const [token0, token1] = sortTokens(tokenA, tokenB);
  const salt = solidityPackedKeccak256(["address", "address"], [token0, token1]);
  return getCreate2Address(factory, salt, initCodeHash);
}
