import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import hre from "hardhat";
import { HardhatPluginError } from "hardhat/plugins";
import type { HardhatRuntimeEnvironment, Network } from "hardhat/types";
import { FurrowError } from "../../src/chain/errors";
import { requireNetwork, unsetRpcUrl } from "../../src/chain/networks";
import { runTask } from "../../tasks/run";
import { runHardhat } from "../helpers/node";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deploymentFixture } from "../fixtures/protocol";
import type { WiringCheck } from "../../src/chain/deployment";
import { runCapturing, runJson } from "../helpers/tasks";

/** A network as a task sees it, without a node behind it (only its name and config are read). */
function network(name: string, config: { url?: string; accounts?: unknown }): Network {
  return { name, config } as unknown as Network;
}

/** A stack trace line, as Node prints them ("    at fn (file:line:col)"). */
const STACK_LINE = /^\s+at /m;

describe("User errors", function () {
  describe("FurrowError", function () {
    it("is a HardhatPluginError of the plugin furrow, with its code and message", function () {
      const e = new FurrowError("ARGUMENT", "--farm is not an address: x");
      // HardhatPluginError's constructor resets the prototype: instanceof holds only because
      // FurrowError puts its own back.
      expect(e).to.be.instanceOf(FurrowError);
      expect(HardhatPluginError.isHardhatPluginError(e)).to.equal(true);
      expect(e.pluginName).to.equal("furrow");
      expect(e.code).to.equal("ARGUMENT");
      expect(e.message).to.equal("--farm is not an address: x");
    });

    it("needs its prototype put back: a plain subclass of HardhatPluginError fails instanceof", function () {
      class Plain extends HardhatPluginError {
        constructor(message: string) {
          super("furrow", message);
        }
      }
      expect(new Plain("x")).not.to.be.instanceOf(Plain);
    });
  });

  describe("runTask", function () {
    let saved: typeof process.exitCode;
    let errors: string[];
    let consoleError: typeof console.error;
    beforeEach(function () {
      saved = process.exitCode;
      process.exitCode = undefined;
      errors = [];
      consoleError = console.error;
      console.error = (...parts: unknown[]) => void errors.push(parts.join(" "));
    });
    afterEach(function () {
      console.error = consoleError;
      process.exitCode = saved;
    });

    const noSuper = (() => Promise.resolve()) as never;

    it("prints a FurrowError's message as one line without a stack and exits with code 1", async function () {
      const action = runTask(async () => {
        throw new FurrowError("STATE", "nothing to harvest");
      });
      expect(await action({}, hre, noSuper)).to.equal(undefined);
      expect(errors).to.deep.equal(["furrow: nothing to harvest"]);
      expect(process.exitCode).to.equal(1);
    });

    it("lets any other error through unchanged, with its stack, and prints nothing", async function () {
      const bug = new TypeError("cannot read properties of undefined");
      const action = runTask(async () => {
        throw bug;
      });
      let thrown: unknown;
      await action({}, hre, noSuper).catch((e: unknown) => (thrown = e));
      expect(thrown).to.equal(bug);
      expect((thrown as Error).stack).to.match(STACK_LINE);
      expect(errors).to.deep.equal([]);
      expect(process.exitCode).to.equal(undefined);
    });

    it("returns the action's result and leaves the exit code alone when all goes well", async function () {
      const action = runTask(async (args: { n: number }) => args.n * 2);
      expect(await action({ n: 21 }, hre, noSuper)).to.equal(42);
      expect(errors).to.deep.equal([]);
      expect(process.exitCode).to.equal(undefined);
    });

    it("checks the key of a task that signs before running it", async function () {
      let ran = false;
      const action = runTask(
        async () => {
          ran = true;
        },
        { signs: true },
      );
      const sepolia = { network: network("sepolia", { url: "http://127.0.0.1:9", accounts: [] }) };
      await action({}, sepolia as HardhatRuntimeEnvironment, noSuper);
      expect(ran).to.equal(false);
      expect(errors).to.deep.equal([
        'furrow: network "sepolia" needs DEPLOYER_PRIVATE_KEY: run `npx hardhat vars set DEPLOYER_PRIVATE_KEY` or export DEPLOYER_PRIVATE_KEY=...',
      ]);
      expect(process.exitCode).to.equal(1);
    });
  });

  describe("requireNetwork", function () {
    const unset = unsetRpcUrl("SEPOLIA_RPC_URL");
    const url = "http://127.0.0.1:9";
    const ok = null;
    const rows: [string, { url?: string; accounts?: unknown }, boolean, string | null][] = [
      ["the in-process network, signing", { accounts: { mnemonic: "test test" } }, true, ok],
      ["a testnet with a URL and a key, signing", { url, accounts: ["0x01"] }, true, ok],
      ["a testnet with a URL and no key, reading", { url, accounts: [] }, false, ok],
      ["a node's own accounts, signing", { url, accounts: "remote" }, true, ok],
      ["a testnet with a URL and no key, signing", { url, accounts: [] }, true, "DEPLOYER_PRIVATE_KEY"],
      ["a testnet without a URL, reading", { url: unset, accounts: ["0x01"] }, false, "SEPOLIA_RPC_URL"],
      [
        "a testnet without a URL or a key, signing",
        { url: unset, accounts: [] },
        true,
        "SEPOLIA_RPC_URL and DEPLOYER_PRIVATE_KEY",
      ],
    ];
    for (const [what, config, signer, missing] of rows) {
      it(`${what}: ${missing ? `needs ${missing}` : "passes"}`, function () {
        const check = () => requireNetwork(network("sepolia", config), { signer });
        if (missing === null) {
          expect(check).not.to.throw();
          return;
        }
        const first = missing.split(" ")[0];
        expect(check)
          .to.throw(FurrowError)
          .with.property(
            "message",
            `network "sepolia" needs ${missing}: run \`npx hardhat vars set ${first}\` or export ${first}=...`,
          );
      });
    }
  });

  describe("the tasks, in this process", function () {
    it("deployments:show without a deployment prints one line and exits with code 1", async function () {
      const out = await runCapturing("deployments:show", {
        deployment: "deploy/deployments/chain-none",
        json: false,
      });
      expect(out.errors).to.deep.equal([
        "furrow: no Furrow deployment in deploy/deployments/chain-none: deploy first",
      ]);
      expect(out.exitCode).to.equal(1);
      expect(out.printed).to.deep.equal([]);
    });

    const journals: string[] = [];
    after(function () {
      for (const dir of journals) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** deploymentFixture's addresses as an Ignition journal would list them, with `edit` applied. */
    async function journal(edit: (addresses: Record<string, string>) => void): Promise<string> {
      const f = await loadFixture(deploymentFixture);
      const addresses: Record<string, string> = {
        "Token#RewardToken": await f.token.getAddress(),
        "Governance#TimelockController": await f.timelock.getAddress(),
        "Governance#FarmGovernor": await f.governor.getAddress(),
        "Amm#PairFactory": await f.factory.getAddress(),
        "Amm#Router": await f.router.getAddress(),
        "Amm#WETH9": await f.weth.getAddress(),
        "Farm#Farm": await f.farm.getAddress(),
        "Furrow#Pair_0": await f.pairs[0].getAddress(),
      };
      edit(addresses);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-journal-"));
      journals.push(dir);
      fs.writeFileSync(path.join(dir, "deployed_addresses.json"), JSON.stringify(addresses));
      return dir;
    }

    it("deployments:show passes every wiring check of the deployment and exits with code 0", async function () {
      const out = await runJson("deployments:show", { deployment: await journal(() => {}) });
      const checks = (out.json as { checks: WiringCheck[] }).checks;
      expect(checks.filter((c) => !c.ok)).to.deep.equal([]);
      expect(out.errors).to.deep.equal([]);
      expect(out.exitCode).to.equal(0);
    });

    it("deployments:show prints the checks, then names the failing one and exits with code 1", async function () {
      // The journal says WETH is FUR: the router's WETH no longer matches, every other check holds.
      const dir = await journal((a) => (a["Amm#WETH9"] = a["Token#RewardToken"]));
      const out = await runJson("deployments:show", { deployment: dir });
      const failed = (out.json as { checks: WiringCheck[] }).checks.filter((c) => !c.ok);
      expect(failed.map((c) => c.check)).to.deep.equal(["Router: WETH"]);
      expect(out.errors).to.deep.equal(["furrow: wiring check(s) failed: Router: WETH"]);
      expect(out.exitCode).to.equal(1);
    });

    it("simulate with --days 0 prints one line and exits with code 1 before deploying anything", async function () {
      const block = await hre.ethers.provider.getBlockNumber();
      const out = await runCapturing("simulate", { days: 0, actors: 20, seed: 1, quiet: true });
      expect(out.errors).to.deep.equal(["furrow: --days must be >= 1 and --actors >= 2, got 0 and 20"]);
      expect(out.exitCode).to.equal(1);
      expect(await hre.ethers.provider.getBlockNumber()).to.equal(block);
    });
  });

  /**
   * hardhat.config.ts as a user meets it: `npx hardhat ... --network sepolia` as child processes,
   * with SEPOLIA_RPC_URL and DEPLOYER_PRIVATE_KEY unset (an empty configuration-variable store
   * through XDG_CONFIG_HOME, empty environment variables). Before this change the config itself
   * printed a message and exited 1 while loading, whatever the command.
   */
  describe("the config and the signing tasks, as child processes", function () {
    this.timeout(240_000);
    const vars = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-vars-"));
    const bare = { XDG_CONFIG_HOME: vars, SEPOLIA_RPC_URL: "", DEPLOYER_PRIVATE_KEY: "" };
    // Unreachable: a task that touched the network before its checks would fail differently.
    const withUrl = { ...bare, SEPOLIA_RPC_URL: "http://127.0.0.1:9" };
    type Out = { code: number; stdout: string; stderr: string };
    let help: Out, harvest: Out, deploy: Out, pools: Out;

    before(async function () {
      [help, harvest, deploy, pools] = await Promise.all([
        runHardhat(["--network", "sepolia", "help"], bare),
        runHardhat(["farm:harvest", "--pid", "0", "--network", "sepolia"], withUrl),
        runHardhat(["ignition", "deploy", "deploy/modules/Furrow.ts", "--network", "sepolia"], withUrl),
        runHardhat(["farm:pools", "--network", "sepolia"], bare),
      ]);
    });
    after(function () {
      fs.rmSync(vars, { recursive: true, force: true });
    });

    it("loads the config for a testnet without its URL or key, and lists the tasks", function () {
      expect(help.code, help.stderr).to.equal(0);
      for (const name of [
        "deployments:show",
        "farm:harvest",
        "farm:pools",
        "farm:position",
        "fees:collect",
        "simulate",
        "staking:position",
      ]) {
        expect(help.stdout).to.match(new RegExp(`^  ${name} `, "m"));
      }
    });

    it("farm:harvest without a key fails with the user error, without a stack", function () {
      expect(harvest.code).to.equal(1);
      expect(harvest.stderr.trim()).to.equal(
        'furrow: network "sepolia" needs DEPLOYER_PRIVATE_KEY: run `npx hardhat vars set DEPLOYER_PRIVATE_KEY` or export DEPLOYER_PRIVATE_KEY=...',
      );
      expect(harvest.stdout.trim()).to.equal("");
    });

    it("ignition deploy without a key fails with the same user error, before Ignition starts", function () {
      expect(deploy.code).to.equal(1);
      expect(deploy.stderr.trim()).to.equal(
        'furrow: network "sepolia" needs DEPLOYER_PRIVATE_KEY: run `npx hardhat vars set DEPLOYER_PRIVATE_KEY` or export DEPLOYER_PRIVATE_KEY=...',
      );
      expect(deploy.stdout.trim()).to.equal("");
    });

    it("a reading task without the URL names the variable to set, without a stack", function () {
      expect(pools.code).to.equal(1);
      expect(pools.stderr.trim()).to.equal(
        'furrow: network "sepolia" needs SEPOLIA_RPC_URL: run `npx hardhat vars set SEPOLIA_RPC_URL` or export SEPOLIA_RPC_URL=...',
      );
      expect(pools.stderr).not.to.match(STACK_LINE);
    });
  });
});
