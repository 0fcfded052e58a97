/**
 * Chains, addresses and the wagmi config. Addresses come from the Ignition journal of each chain
 * (virtual:furrow-deployments, read at build time from deploy/deployments/chain-<id>/).
 */
import { createConfig, http } from "wagmi";
import { injected } from "wagmi/connectors";
import { arbitrumSepolia, baseSepolia, hardhat, optimismSepolia, polygonAmoy, sepolia } from "viem/chains";
import type { Address, Chain } from "viem";
import journals from "virtual:furrow-deployments";

/** The app's contracts on one chain, from its journal. */
export interface Addresses {
  lens: Address;
  farm: Address;
  zap?: Address;
  weth: Address;
  fur: Address;
  router: Address;
  vaultFactory?: Address;
}

const FUTURES = {
  lens: "App#FurrowLens",
  zap: "App#Zap",
  farm: "Farm#Farm",
  weth: "Amm#WETH9",
  fur: "Token#RewardToken",
  router: "Amm#Router",
  vaultFactory: "Furrow#VaultFactory",
} as const;

/** Local node RPC: VITE_RPC_URL at build time, else hardhat node's default. */
const LOCAL_RPC = (import.meta.env.VITE_RPC_URL as string | undefined) ?? "http://127.0.0.1:8545";
const local: Chain = { ...hardhat, rpcUrls: { default: { http: [LOCAL_RPC] } } };
const known: Chain[] = [local, sepolia, arbitrumSepolia, optimismSepolia, baseSepolia, polygonAmoy];

export function addressesOf(chainId: number): Addresses | undefined {
  const j = journals[String(chainId)];
  if (!j || !j[FUTURES.lens] || !j[FUTURES.farm]) return undefined;
  return {
    lens: j[FUTURES.lens] as Address,
    farm: j[FUTURES.farm] as Address,
    zap: j[FUTURES.zap] as Address | undefined,
    weth: j[FUTURES.weth] as Address,
    fur: j[FUTURES.fur] as Address,
    router: j[FUTURES.router] as Address,
    vaultFactory: j[FUTURES.vaultFactory] as Address | undefined,
  };
}

/** Chains with a deployment (lens included) in this build, local first. */
export const chains = known.filter((c) => addressesOf(c.id)) as [Chain, ...Chain[]];
if (chains.length === 0) chains.push(local);

export const config = createConfig({
  chains,
  connectors: [injected()],
  multiInjectedProviderDiscovery: true,
  transports: Object.fromEntries(
    chains.map((c) => [c.id, http(c.rpcUrls.default.http[0], { batch: false })]),
  ),
});

declare module "wagmi" {
  interface Register {
    config: typeof config;
  }
}
