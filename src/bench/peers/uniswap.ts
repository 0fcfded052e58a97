import fs from "fs";
import type { Signer } from "ethers";
import { ContractFactory, Signature } from "ethers";
import { PERMIT_TYPES } from "../../chain/permit";
import type { Artifact } from "./sushiswap";

/**
 * Uniswap V2 exactly as published on npm: `@uniswap/v2-core` 1.0.1 (UniswapV2Factory, whose pairs
 * are UniswapV2Pair) and `@uniswap/v2-periphery` 1.1.0-beta.0 (UniswapV2Router02), deployed from the
 * bytecode in their `build/` folders. The router's bytecode holds the init-code hash of the
 * published pair, so it finds the pairs this factory creates.
 */
const BUILDS = {
  UniswapV2Factory: "@uniswap/v2-core/build/UniswapV2Factory.json",
  UniswapV2Pair: "@uniswap/v2-core/build/UniswapV2Pair.json",
  UniswapV2Router02: "@uniswap/v2-periphery/build/UniswapV2Router02.json",
} as const;
export type UniswapContract = keyof typeof BUILDS;

/** The published build JSON's ABI and creation bytecode (`bytecode`, or `evm.bytecode.object`). */
export function uniswapArtifact(name: UniswapContract): Artifact {
  const build = JSON.parse(fs.readFileSync(require.resolve(BUILDS[name]), "utf8")) as {
    abi: unknown[];
    bytecode?: string;
    evm?: { bytecode: { object: string } };
  };
  const object = build.bytecode ?? build.evm!.bytecode.object;
  return { abi: build.abi, bytecode: object.startsWith("0x") ? object : `0x${object}` };
}

/** A contract factory for a peer's artifact, signed by `signer`. */
export function factoryOf(artifact: Artifact, signer: Signer): ContractFactory {
  return new ContractFactory(artifact.abi as never, artifact.bytecode, signer);
}

/**
 * Signs an EIP-2612 permit for a UniswapV2Pair, whose domain is `name()`, version "1", the chain id
 * and the pair (it predates ERC-5267, so the domain cannot be read from the token).
 */
export async function signUniswapPermit(
  pair: { getAddress(): Promise<string>; name(): Promise<string>; nonces(owner: string): Promise<bigint> },
  owner: Signer,
  spender: string,
  value: bigint,
  deadline: bigint,
): Promise<Signature> {
  const ownerAddress = await owner.getAddress();
  const { chainId } = await owner.provider!.getNetwork();
  const domain = {
    name: await pair.name(),
    version: "1",
    chainId,
    verifyingContract: await pair.getAddress(),
  };
  const message = { owner: ownerAddress, spender, value, nonce: await pair.nonces(ownerAddress), deadline };
  return Signature.from(await owner.signTypedData(domain, PERMIT_TYPES, message));
}
