/** One lens call per refresh: FurrowLens.overview(user, 0, PAGE) on the chain being shown. */
import { useQuery } from "@tanstack/react-query";
import { readContract } from "wagmi/actions";
import { zeroAddress, type Address } from "viem";
import { config, type Addresses } from "./chain";
import { furrowLensAbi } from "./generated/abis";
import { rootKPerShare, type FeeObservation } from "./lib/derive";

export const PAGE = 100n;

export type Overview = Awaited<ReturnType<typeof readOverview>>;

export async function readOverview(chainId: number, a: Addresses, user: Address | undefined) {
  return readContract(config, {
    chainId: chainId as never,
    address: a.lens,
    abi: furrowLensAbi,
    functionName: "overview",
    args: [user ?? zeroAddress, 0n, PAGE],
  });
}

/** The first √k-per-LP observation of each pair the app saw (kept across reloads), for the fee APR. */
const FEE_KEY = "furrow.feeObservations";
export function firstObservations(o: Overview): Map<string, FeeObservation> {
  const stored = JSON.parse(localStorage.getItem(FEE_KEY) ?? "{}") as Record<string, [string, string]>;
  const out = new Map<string, FeeObservation>();
  for (const p of o.pools) {
    if (!p.isPair) continue;
    const key = p.stakeToken.toLowerCase();
    if (!stored[key]) {
      const g = rootKPerShare({ reserve0: p.reserve0, reserve1: p.reserve1, totalSupply: p.lpTotalSupply });
      stored[key] = [o.farm.timestamp.toString(), g.toString()];
    }
    out.set(key, { timestamp: BigInt(stored[key][0]), rootKPerShare: BigInt(stored[key][1]) });
  }
  localStorage.setItem(FEE_KEY, JSON.stringify(stored));
  return out;
}

/** Where each position stood when the app first saw it (reserves and share), for value vs holding. */
const ENTRY_KEY = "furrow.entries";
export interface Entry {
  timestamp: bigint;
  reserve0: bigint;
  reserve1: bigint;
  staked: bigint;
  lpTotalSupply: bigint;
}
export function entries(o: Overview, user: Address | undefined): Map<bigint, Entry> {
  const out = new Map<bigint, Entry>();
  if (!user) return out;
  const key = `${ENTRY_KEY}.${user.toLowerCase()}`;
  const stored = JSON.parse(localStorage.getItem(key) ?? "{}") as Record<string, string[]>;
  for (const pos of o.positions) {
    const pool = o.pools[Number(pos.pid)];
    if (!pool?.isPair || pos.staked === 0n) continue;
    const k = pos.pid.toString();
    // A changed stake starts a new reference point.
    if (!stored[k] || stored[k][3] !== pos.staked.toString())
      stored[k] = [o.farm.timestamp, pool.reserve0, pool.reserve1, pos.staked, pool.lpTotalSupply].map(
        String,
      );
    const [t, r0, r1, s, supply] = stored[k].map(BigInt);
    out.set(pos.pid, { timestamp: t, reserve0: r0, reserve1: r1, staked: s, lpTotalSupply: supply });
  }
  localStorage.setItem(key, JSON.stringify(stored));
  return out;
}

export function useOverview(chainId: number, a: Addresses | undefined, user: Address | undefined) {
  return useQuery({
    queryKey: ["overview", chainId, a?.lens, user],
    queryFn: () => readOverview(chainId, a!, user),
    enabled: !!a,
    refetchOnWindowFocus: false,
    refetchInterval: false,
    retry: false,
    staleTime: Infinity,
    // Nothing kept once unused: a page reached again by another account or network (a switch and
    // back) reads the chain afresh instead of showing what an earlier visit read.
    gcTime: 0,
  });
}
