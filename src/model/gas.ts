/**
 * Gas as a cost: what a transaction's gas costs in ETH (wei) on L1 or on an L2, from its receipt's
 * `gasUsed` and its calldata. Pure: the assumptions are the numbers of `GAS_PROFILES`, stated and
 * sourced in docs/simulation.md ("Gas as a cost").
 *
 *   cost = gasUsed × executionPrice + L1 data fee
 *
 * The L1 data fee of an L2 transaction is charged for the bytes the sequencer posts to L1. Both
 * L2 kinds here size a transaction as its calldata gas would be on L1, `4 × zero bytes + 16 ×
 * non-zero bytes` (`dataGas`), over its calldata plus `TX_ENVELOPE_BYTES` for the rest of the signed
 * transaction (counted non-zero):
 *  - OP Stack (Ecotone formula, OP Mainnet and Base): `fee = dataGas × (16 × baseFeeScalar ×
 *    l1BaseFee + blobBaseFeeScalar × blobBaseFee) / (16 × 10^6)`, the scalars in millionths;
 *  - Arbitrum: `fee = dataGas × l1PricePerUnit` (ArbOS charges the poster fee per "L1 gas unit" of
 *    the compressed transaction, 16 units a byte; we do not compress: an upper bound).
 */

const GWEI = 10n ** 9n;

/** Bytes of a signed EIP-1559 transaction besides its calldata: type, chain id, nonce, fees, gas,
 * `to`, value, access list and the RLP headers (~45) plus the signature (y parity, r, s: 65). */
export const TX_ENVELOPE_BYTES = 110n;

export type GasProfileName = "l1" | "arbitrum" | "optimism" | "base";

/** How an L2 charges for the L1 data of a transaction. */
export type L1DataFee =
  | {
      kind: "ecotone";
      l1BaseFeeWei: bigint;
      blobBaseFeeWei: bigint;
      baseFeeScalar: bigint;
      blobBaseFeeScalar: bigint;
    }
  | { kind: "arbitrum"; l1PricePerUnitWei: bigint };

/** A gas-price assumption: the price of execution gas and, on an L2, its L1 data fee. */
export interface GasProfile {
  name: string;
  /** Wei per unit of execution gas (L1: base fee + priority fee; L2: its own base fee + tip). */
  executionWei: bigint;
  l1Data?: L1DataFee;
}

/** The L1 base fee every profile assumes (the L2s post to the same L1): 4 gwei, plus a 1 gwei tip on L1. */
export const L1_BASE_FEE_WEI = 4n * GWEI;

/** The documented profiles (docs/simulation.md says where each number comes from). */
export const GAS_PROFILES: Record<GasProfileName, GasProfile> = {
  l1: { name: "l1", executionWei: L1_BASE_FEE_WEI + GWEI },
  arbitrum: {
    name: "arbitrum",
    // ArbOS's minimum L2 base fee on Arbitrum One: 0.01 gwei, which is what it charges most of the time.
    executionWei: GWEI / 100n,
    // The poster fee per L1 gas unit since blobs (ArbOS 20): a small fraction of the L1 base fee.
    l1Data: { kind: "arbitrum", l1PricePerUnitWei: GWEI / 50n },
  },
  optimism: {
    name: "optimism",
    executionWei: GWEI / 1_000n,
    l1Data: {
      kind: "ecotone",
      l1BaseFeeWei: L1_BASE_FEE_WEI,
      blobBaseFeeWei: GWEI / 1_000n,
      baseFeeScalar: 5_227n,
      blobBaseFeeScalar: 1_014_213n,
    },
  },
  base: {
    name: "base",
    executionWei: (5n * GWEI) / 1_000n,
    l1Data: {
      kind: "ecotone",
      l1BaseFeeWei: L1_BASE_FEE_WEI,
      blobBaseFeeWei: GWEI / 1_000n,
      baseFeeScalar: 2_269n,
      blobBaseFeeScalar: 1_055_762n,
    },
  },
};

/** A flat price (e.g. `--gas-price-gwei 3`): execution only, no L1 data fee. */
export function flatGasProfile(gwei: number): GasProfile {
  if (!Number.isFinite(gwei) || gwei < 0) throw new RangeError(`gas price must be >= 0 gwei, got ${gwei}`);
  // To the milli-wei would be meaningless: gwei to 9 decimals is a whole number of wei.
  return { name: `${gwei} gwei`, executionWei: BigInt(Math.round(gwei * 1e9)) };
}

/** `4 × zero bytes + 16 × non-zero bytes` of `data` (hex, with or without 0x) plus the envelope. */
export function dataGas(data: string): bigint {
  const hex = data.startsWith("0x") ? data.slice(2) : data;
  let zeros = 0n;
  let nonZeros = 0n;
  for (let i = 0; i + 1 < hex.length; i += 2) {
    if (hex[i] === "0" && hex[i + 1] === "0") zeros++;
    else nonZeros++;
  }
  return 4n * zeros + 16n * (nonZeros + TX_ENVELOPE_BYTES);
}

/** The L1 data fee in wei of a transaction whose `dataGas` is `units` (0 on L1). */
export function l1DataFee(profile: GasProfile, units: bigint): bigint {
  const d = profile.l1Data;
  if (!d) return 0n;
  if (d.kind === "arbitrum") return units * d.l1PricePerUnitWei;
  const weighted = 16n * d.baseFeeScalar * d.l1BaseFeeWei + d.blobBaseFeeScalar * d.blobBaseFeeWei;
  return (units * weighted) / (16n * 1_000_000n);
}

/** One priced transaction: what it used and what it cost, in wei. */
export interface TxGas {
  gasUsed: bigint;
  /** `dataGas` of its calldata. */
  dataGas: bigint;
}

/** The cost in wei of one transaction under `profile`. */
export function txCostWei(profile: GasProfile, tx: TxGas): bigint {
  return tx.gasUsed * profile.executionWei + l1DataFee(profile, tx.dataGas);
}

/** The cost in wei of transactions under `profile` (each priced on its own, as a chain does). */
export function costWei(profile: GasProfile, txs: readonly TxGas[]): bigint {
  return txs.reduce((sum, tx) => sum + txCostWei(profile, tx), 0n);
}

/** Wei at `ethUsd` dollars per ETH, as a USD number (for the report, which rounds to cents). */
export function weiToUsd(wei: bigint, ethUsd: number): number {
  return (Number(wei) / 1e18) * ethUsd;
}

/** The profile named `name`, or a RangeError listing the names. */
export function gasProfile(name: string): GasProfile {
  const p = (GAS_PROFILES as Record<string, GasProfile>)[name];
  if (!p) throw new RangeError(`unknown gas profile "${name}": use ${Object.keys(GAS_PROFILES).join(", ")}`);
  return p;
}
