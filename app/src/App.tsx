import { useState } from "react";
import { useAccount, useConnect, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { addressesOf, chains } from "./chain";
import { useOverview } from "./data";
import { useTx, TxStatus } from "./tx";
import { PoolsPage } from "./pages/Pools";
import { PositionsPage } from "./pages/Positions";
import { VaultsPage } from "./pages/Vaults";
import { StakingPage } from "./pages/Staking";
import { LendingPage } from "./pages/Lending";

const TABS = {
  pools: "Pools",
  positions: "My positions",
  vaults: "Vaults",
  staking: "Staking",
  lending: "Lending",
} as const;
type Tab = keyof typeof TABS;

export function App() {
  const { address, chainId: walletChain, isConnected } = useAccount();
  const connectors = useConnectors();
  const { connect } = useConnect();
  const { disconnect } = useDisconnect();
  const { switchChain } = useSwitchChain();
  const [tab, setTab] = useState<Tab>("pools");

  const wrongNetwork = isConnected && (walletChain === undefined || !addressesOf(walletChain));
  // Shown chain: the wallet's when Furrow is deployed there, else the first deployed one (read only).
  const chainId = !wrongNetwork && walletChain !== undefined ? walletChain : chains[0].id;
  const addresses = addressesOf(chainId);
  // On a wrong network the pages show the deployed chain read only: no user, so no action is offered.
  const user = wrongNetwork ? undefined : address;
  const overview = useOverview(chainId, addresses, user);
  const tx = useTx(user, () => void overview.refetch());

  return (
    <div className="app">
      <header>
        <h1>Furrow</h1>
        <nav>
          {(Object.keys(TABS) as Tab[]).map((t) => (
            <button
              key={t}
              className={tab === t ? "active" : ""}
              onClick={() => setTab(t)}
              data-testid={`tab-${t}`}
            >
              {TABS[t]}
            </button>
          ))}
        </nav>
        <div className="wallet">
          {isConnected ? (
            <>
              <span data-testid="account">{address}</span>
              <button onClick={() => disconnect()}>Disconnect</button>
            </>
          ) : (
            connectors
              .filter((c) => c.type === "injected")
              .map((c) => (
                <button key={c.uid} onClick={() => connect({ connector: c })} data-testid="connect">
                  Connect {c.name}
                </button>
              ))
          )}
        </div>
      </header>
      {wrongNetwork && (
        <div className="banner" data-testid="wrong-network">
          Furrow is not deployed on this network (chain {walletChain}).{" "}
          {chains.map((c) => (
            <button key={c.id} onClick={() => switchChain({ chainId: c.id })} data-testid={`switch-${c.id}`}>
              Switch to {c.name}
            </button>
          ))}
        </div>
      )}
      {!addresses && <div className="banner">No Furrow deployment (with its lens) in this build.</div>}
      <div className="toolbar">
        <button onClick={() => void overview.refetch()} data-testid="refresh" disabled={overview.isFetching}>
          Refresh
        </button>
        {overview.data && (
          <span
            className="muted"
            data-testid="block"
            data-timestamp={overview.data.farm.timestamp.toString()}
          >
            block {overview.data.farm.blockNumber.toString()} (
            {new Date(Number(overview.data.farm.timestamp) * 1000)
              .toISOString()
              .slice(0, 19)
              .replace("T", " ")}{" "}
            UTC) · values in ETH, priced from the pools' reserves (no oracle)
          </span>
        )}
        {overview.error && <span className="error">Could not read the lens: {overview.error.message}</span>}
      </div>
      <TxStatus state={tx.state} />
      {overview.data && addresses && (
        <main>
          {tab === "pools" && <PoolsPage o={overview.data} a={addresses} />}
          {tab === "positions" && <PositionsPage o={overview.data} a={addresses} user={user} tx={tx} />}
          {tab === "vaults" && <VaultsPage o={overview.data} a={addresses} user={user} tx={tx} />}
          {tab === "staking" && <StakingPage o={overview.data} a={addresses} user={user} tx={tx} />}
          {tab === "lending" && <LendingPage o={overview.data} user={user} tx={tx} />}
        </main>
      )}
    </div>
  );
}
