import type { Signer, TypedDataDomain } from "ethers";
import { Signature } from "ethers";

/** Anything with EIP-2612 `nonces` and an ERC-5267 `eip712Domain` (OpenZeppelin 5, Furrow's LP). */
export interface PermitToken {
  getAddress(): Promise<string>;
  nonces(owner: string): Promise<bigint>;
  eip712Domain(): Promise<[string, string, string, bigint, string, string, bigint[]]>;
}

/** EIP-2612's typed-data types (the same for every permit token). */
export const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/**
 * Signs an EIP-2612 permit, reading the domain from the token itself (ERC-5267), so it is right
 * on any chain and fork. `nonce` defaults to the owner's current nonce.
 */
export async function signPermit(
  token: PermitToken,
  owner: Signer,
  spender: string,
  value: bigint,
  deadline: bigint,
  nonce?: bigint,
): Promise<Signature> {
  const ownerAddress = await owner.getAddress();
  const [, name, version, chainId, verifyingContract] = await token.eip712Domain();
  const domain: TypedDataDomain = { name, version, chainId, verifyingContract };
  const message = {
    owner: ownerAddress,
    spender,
    value,
    nonce: nonce ?? (await token.nonces(ownerAddress)),
    deadline,
  };
  return Signature.from(await owner.signTypedData(domain, PERMIT_TYPES, message));
}
