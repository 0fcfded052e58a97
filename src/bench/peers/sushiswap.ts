import fs from "fs";

/**
 * SushiSwap's MasterChef (V1), SushiToken and SushiBar, compiled from the sources `@sushiswap/core`
 * 1.4.2 publishes (it ships ABIs, not bytecode) with their own compiler, solc 0.6.12 from npm
 * (the `solc-0.6.12` alias), through solc's standard-JSON API. Their `@openzeppelin/contracts`
 * imports are OpenZeppelin 3.x, installed as `oz3`. Settings (our choice, not checked against
 * SushiSwap's mainnet build): optimizer on, 200 runs, the compiler's default EVM (istanbul).
 */

/** The part of solc-js's wrapper used here (the package has no type declarations). */
interface SolcJs {
  version(): string;
  compile(
    input: string,
    callbacks: { import: (path: string) => { contents: string } | { error: string } },
  ): string;
}

interface StandardJsonOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
}

/** A compiled contract: what `ethers.ContractFactory` needs. */
export interface Artifact {
  abi: unknown[];
  bytecode: string;
}

export const SUSHI_CONTRACTS = ["MasterChef", "SushiToken", "SushiBar"] as const;
export type SushiContract = (typeof SUSHI_CONTRACTS)[number];

const SOURCE_ROOT = "@sushiswap/core/contracts/";
export const SUSHI_SETTINGS = { optimizer: { enabled: true, runs: 200 } } as const;

/** Source unit names as the sources write them; OpenZeppelin's resolve to OpenZeppelin 3 (`oz3`). */
function readSource(unit: string): string {
  const file = unit.replace(/^@openzeppelin\/contracts\//, "oz3/");
  return fs.readFileSync(require.resolve(file), "utf8");
}

let compiled: Record<SushiContract, Artifact> | undefined;

/** Compiles once per process (~1–2 s) and returns each contract's ABI and creation bytecode. */
export function sushiArtifacts(): Record<SushiContract, Artifact> {
  if (compiled) return compiled;
  const solc = require("solc-0.6.12") as SolcJs;
  const sources: Record<string, { content: string }> = {};
  for (const name of SUSHI_CONTRACTS)
    sources[`${SOURCE_ROOT}${name}.sol`] = { content: readSource(`${SOURCE_ROOT}${name}.sol`) };
  const input = {
    language: "Solidity",
    sources,
    settings: { ...SUSHI_SETTINGS, outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
  };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (unit) => {
        try {
          return { contents: readSource(unit) };
        } catch {
          return { error: `not found: ${unit}` };
        }
      },
    }),
  ) as StandardJsonOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error(
      `solc ${solc.version()} failed on @sushiswap/core:\n${errors.map((e) => e.formattedMessage).join("\n")}`,
    );
  }
  const out = {} as Record<SushiContract, Artifact>;
  for (const name of SUSHI_CONTRACTS) {
    const unit = output.contracts[`${SOURCE_ROOT}${name}.sol`][name];
    out[name] = { abi: unit.abi, bytecode: `0x${unit.evm.bytecode.object}` };
  }
  compiled = out;
  return out;
}
