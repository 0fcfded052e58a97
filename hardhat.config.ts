import { HardhatUserConfig, subtask, vars } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import "@nomicfoundation/hardhat-toolbox";
import "hardhat-contract-sizer";
// Furrow's tasks, imported one by one, and the override of `ignition deploy` that checks its
// signer (after the toolbox, which defines the task it overrides).
import "./tasks/deployments";
import "./tasks/farm";
import "./tasks/ignition";
import "./tasks/lending";
import "./tasks/simulate";
import "./tasks/staking";
import "./tasks/vault";
import { DEPLOYER_KEY_VAR, unsetRpcUrl } from "./src/chain/networks";

// ---------------------------------------------------------------------------
// Offline compiler: Hardhat normally downloads solc; these machines (and many
// CI runners) cannot. We compile with the wasm build shipped by the `solc` npm
// package, and take the version from that package so the two cannot drift.
// ---------------------------------------------------------------------------
// eslint-disable-next-line @typescript-eslint/no-require-imports
const solcPackage = require("solc") as { version(): string };
const SOLC_LONG_VERSION = solcPackage.version().replace(/\.Emscripten\.clang$/, "");
const SOLC_VERSION = SOLC_LONG_VERSION.split("+")[0];

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper();
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: SOLC_LONG_VERSION,
  };
});

// ---------------------------------------------------------------------------
// Networks: RPC URLs and the deployer key come from Hardhat configuration
// variables (`npx hardhat vars set SEPOLIA_RPC_URL`) or environment variables
// of the same name. A missing one never blocks compile or test: the network is
// simply configured without it, and a task that needs it names what to set when
// it runs (tasks/run.ts: the RPC URL for every task, the key for those that sign).
// ---------------------------------------------------------------------------
function setting(name: string): string | undefined {
  return process.env[name] || (vars.has(name) ? vars.get(name) : undefined);
}

const deployerKey = setting(DEPLOYER_KEY_VAR);
const accounts = deployerKey ? [deployerKey] : [];

export const TESTNETS = {
  sepolia: { chainId: 11155111, rpcVar: "SEPOLIA_RPC_URL" },
  arbitrumSepolia: { chainId: 421614, rpcVar: "ARBITRUM_SEPOLIA_RPC_URL" },
  optimismSepolia: { chainId: 11155420, rpcVar: "OPTIMISM_SEPOLIA_RPC_URL" },
  baseSepolia: { chainId: 84532, rpcVar: "BASE_SEPOLIA_RPC_URL" },
  polygonAmoy: { chainId: 80002, rpcVar: "POLYGON_AMOY_RPC_URL" },
} as const;

const testnets = Object.fromEntries(
  Object.entries(TESTNETS).map(([name, { chainId, rpcVar }]) => [
    name,
    // An unset URL becomes an unroutable placeholder naming the variable; a task on that
    // network stops with a one-line message saying what to set.
    { url: setting(rpcVar) ?? unsetRpcUrl(rpcVar), chainId, accounts },
  ]),
);

const forkUrl = process.env.FORK_URL;

// `npm run coverage` compiles instrumented contracts. They get their own artifacts and cache, so
// the child `hardhat` processes that end-to-end tests start (which compile normally) cannot
// overwrite them in the middle of the run.
const coverage = process.argv.includes("coverage");

const config: HardhatUserConfig = {
  solidity: {
    compilers: [
      {
        version: SOLC_VERSION,
        settings: {
          // Hardhat 2 silently defaults to "paris", where OpenZeppelin 5.7 fails on `mcopy`.
          evmVersion: "cancun",
          optimizer: { enabled: true, runs: 20_000 },
        },
      },
    ],
    // The AMM's hot contracts compile through the IR pipeline: measured (npm run bench) it cuts
    // createPair by ~286k gas (Pair runtime 9.8 kB -> 8.4 kB) and every swap/liquidity call by
    // 0.5k-3k; see docs/amm.md. Overrides need the `compilers` form above.
    // `npm run mutation` (MUTATION=1) compiles every mutant: there the legacy pipeline, several times
    // faster to compile here, is used instead; it changes gas, not behaviour, and no AMM test pins gas.
    overrides: {
      ...Object.fromEntries(
        (process.env.MUTATION === "1"
          ? []
          : [
              "amm/Pair",
              "amm/PairFactory",
              "periphery/Router",
              "lending/LendingMarket",
              "lending/MarketDeployer",
              "lending/MarketFactory",
              "lending/BorrowRewards",
            ]
        ).map((name) => [
          `contracts/${name}.sol`,
          {
            version: SOLC_VERSION,
            settings: { evmVersion: "cancun", viaIR: true, optimizer: { enabled: true, runs: 20_000 } },
          },
        ]),
      ),
      // VaultFactory embeds FarmVault's creation code, and FurrowLens with its lending section is
      // 26.1 kB: at 20,000 runs they pass the 24 kB limit (the lens is read by eth_call only).
      ...Object.fromEntries(
        ["vault/FarmVault", "vault/VaultFactory", "lens/FurrowLens"].map((name) => [
          `contracts/${name}.sol`,
          {
            version: SOLC_VERSION,
            settings: { evmVersion: "cancun", optimizer: { enabled: true, runs: 200 } },
          },
        ]),
      ),
    },
  },
  networks: {
    hardhat: {
      // Osaka (the default) caps a transaction at 2^24 gas (EIP-7825); the instrumented Farm of
      // `npm run coverage` needs more than that to deploy, so coverage runs on Prague.
      ...(coverage ? { hardfork: "prague" } : {}),
      forking: forkUrl
        ? { url: forkUrl, blockNumber: process.env.FORK_BLOCK ? Number(process.env.FORK_BLOCK) : undefined }
        : undefined,
    },
    localhost: { url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545" },
    ...testnets,
  },
  paths: {
    // Ignition modules (deploy/modules) and per-chain journals (deploy/deployments/chain-<id>)
    // live in the card's deploy/ folder.
    ignition: "deploy",
    ...(coverage ? { artifacts: "coverage-artifacts", cache: "coverage-cache" } : {}),
  },
  etherscan: {
    // One Etherscan (API v2) key serves every chain below.
    apiKey: setting("ETHERSCAN_API_KEY") ?? "",
    customChains: [
      {
        network: "optimismSepolia",
        chainId: 11155420,
        urls: {
          apiURL: "https://api-sepolia-optimistic.etherscan.io/api",
          browserURL: "https://sepolia-optimism.etherscan.io",
        },
      },
    ],
  },
  sourcify: { enabled: false },
  gasReporter: {
    enabled: process.env.REPORT_GAS === "true",
    offline: true,
  },
  contractSizer: {
    runOnCompile: false,
    except: ["mocks/"],
  },
  mocha: {
    timeout: 120_000,
  },
};

export default config;
