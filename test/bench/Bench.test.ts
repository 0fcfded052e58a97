import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { ROOT, runHardhat } from "../helpers/node";
import {
  COLUMNS,
  README_TABLE_END,
  README_TABLE_START,
  markdown,
  withGasTable,
  withRatios,
  type BenchResults,
} from "../../src/bench/harness";

/**
 * `npm run bench` as a user runs it (a child process), writing to a temporary folder: its figures
 * must equal the committed benchmarks/gas.json and gas.md, so a gas change that was not
 * re-benchmarked and committed fails here, and the benchmark is shown to be deterministic. The
 * peers (Uniswap V2, MasterChef V1, SushiToken) are measured in the same run, beside each figure.
 */
describe("npm run bench", function () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-bench-"));
  let run: { code: number; stdout: string; stderr: string };
  let fresh: BenchResults;

  before(async function () {
    run = await runHardhat(["run", "scripts/bench.ts"], { BENCH_OUT: dir });
    fresh = JSON.parse(fs.readFileSync(path.join(dir, "gas.json"), "utf8")) as BenchResults;
  });

  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The data rows of a Markdown table (the lines that start with an operation id), as cells. */
  const cells = (table: string) =>
    table
      .split("\n")
      .filter((line) => /^\| [a-z]+\./.test(line))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      );

  it("exits 0 and prints every figure beside the peer's, measured in the same run", function () {
    expect(run.code, run.stderr).to.equal(0);
    const { gas, peerGas } = fresh["amm.swap.pair"];
    const printed = `${gas!.toLocaleString("en-US")}\\s+Uniswap V2\\s+${peerGas!.toLocaleString("en-US")}`;
    expect(run.stdout).to.match(new RegExp(`amm\\.swap\\.pair\\s+${printed}\\s+\\d+\\.\\d%`));
    expect(run.stdout).to.match(/bench: farm on MasterChef V1 \.\.\. \d+ figures/);
    expect(run.stdout).to.match(/bench: amm on Uniswap V2 \.\.\. \d+ figures/);
  });

  it("reproduces the committed benchmarks/gas.json to the gas unit (run `npm run bench` and commit)", function () {
    const committed = JSON.parse(
      fs.readFileSync(path.join(ROOT, "benchmarks", "gas.json"), "utf8"),
    ) as BenchResults;
    expect(fresh).to.deep.equal(committed);
  });

  it("reproduces the committed benchmarks/gas.md", function () {
    expect(fs.readFileSync(path.join(dir, "gas.md"), "utf8")).to.equal(
      fs.readFileSync(path.join(ROOT, "benchmarks", "gas.md"), "utf8"),
    );
  });

  it("README's gas table is benchmarks/gas.md's, peers' columns included (`npm run bench` writes it)", function () {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const gasMd = fs.readFileSync(path.join(ROOT, "benchmarks", "gas.md"), "utf8");
    const start = readme.indexOf(README_TABLE_START);
    const end = readme.indexOf(README_TABLE_END);
    expect(start, "README has the gas-table markers").to.be.greaterThan(0);
    expect(end).to.be.greaterThan(start);
    const table = readme.slice(start, end);
    const header = table.split("\n").find((line) => line.startsWith("| id"))!;
    expect(
      header
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    ).to.deep.equal(COLUMNS);
    expect(COLUMNS).to.include.members(["peer", "peer gas", "vs peer", "measured elsewhere"]);
    expect(cells(table)).to.deep.equal(cells(gasMd));
    // Every row with a peer shows its name, its gas and, when Furrow has the operation, the ratio.
    const rows = cells(table);
    for (const [id, r] of Object.entries(fresh)) {
      const row = rows.find((cellsOfRow) => cellsOfRow[0] === id)!;
      if (r.peerGas === undefined) continue;
      expect(row[2], id).to.equal(r.peer);
      expect(row[3], id).to.equal(r.peerGas.toLocaleString("en-US"));
      if (r.gas !== undefined) expect(row[4], id).to.equal(`${(r.vsPeer! * 100).toFixed(1)}%`);
    }
  });

  it("measures every operation id the issues name, and the peer beside each one that has a counterpart", function () {
    const amm = [
      "createPair",
      "addLiquidity",
      "addLiquidity.first",
      "addLiquidityETH",
      "removeLiquidity",
      "removeLiquidityWithPermit",
      "removeLiquidityETH",
      "swap.1hop",
      "swap.2hop",
      "swap.pair",
      "swap.eth",
      "swap.exactOut",
      "swap.toEth",
      "swap.eth.exactOut",
      "swap.feeOnTransfer",
    ].map((op) => `amm.${op}`);
    const farm = [
      "deposit",
      "deposit.first",
      "withdraw",
      "harvest",
      "harvest.settled",
      "withdrawAndHarvest",
      "emergencyWithdraw",
      "updatePool",
      "add.n1",
      "add.n50",
      "set.n50",
    ].map((op) => `farm.${op}`);
    const deploy = ["PairFactory", "Router", "Farm", "RewardToken"].map((c) => `deploy.${c}`);
    const token = ["transfer", "transferFrom", "delegate", "mint"].map((op) => `token.${op}`);
    const furrowOnly = [
      "token.permit",
      "farm.setRewardPerSecond.n50",
      "deploy.ERC20Rewarder",
      "deploy.TimelockController",
      "deploy.FarmGovernor",
      ...["propose", "castVote", "queue", "execute"].map((op) => `governance.${op}`),
    ];
    const peerOf: [string[], string | ((id: string) => string)][] = [
      [amm, "Uniswap V2"],
      [farm, "MasterChef V1"],
      [token, "SushiToken"],
      [
        [...deploy, "deploy.total"],
        (id) =>
          ({
            "deploy.PairFactory": "UniswapV2Factory",
            "deploy.Router": "UniswapV2Router02",
            "deploy.Farm": "MasterChef V1",
            "deploy.RewardToken": "SushiToken",
            "deploy.total": "Uniswap V2 + SushiSwap",
          })[id]!,
      ],
    ];
    for (const [ids, peer] of peerOf) {
      for (const id of ids) {
        const r = fresh[id];
        expect(r?.gas, id).to.be.a("number").and.greaterThan(21_000);
        expect(r.peer, id).to.equal(typeof peer === "string" ? peer : peer(id));
        expect(r.peerGas, id).to.be.a("number").and.greaterThan(21_000);
        expect(r.vsPeer, id).to.equal(Math.round((r.gas! / r.peerGas!) * 1e4) / 1e4);
      }
    }
    for (const id of furrowOnly) {
      expect(fresh[id]?.gas, id).to.be.a("number").and.greaterThan(21_000);
      expect(fresh[id].peer, id).to.equal(undefined);
    }
  });

  it("totals both sides' deployments the same way, and sets the goal strictly below the peers' total", function () {
    const sum = (side: "gas" | "peerGas") => deployIds.reduce((n, id) => n + fresh[id][side]!, 0);
    const deployIds = ["PairFactory", "Router", "Farm", "RewardToken"].map((c) => `deploy.${c}`);
    expect(fresh["deploy.total"].gas).to.equal(sum("gas"));
    expect(fresh["deploy.total"].peerGas).to.equal(sum("peerGas"));
    expect(fresh["deploy.total"].goal).to.equal(sum("peerGas") - 1);
  });

  it("deploys Uniswap V2 exactly as published: the same deployment gas as measured before the bench ran it live", function () {
    // Deployment gas depends only on the creation bytecode and the constructor arguments, so the
    // published build's figures are the ones the issues quoted (measured elsewhere on this EVM).
    expect(fresh["deploy.PairFactory"].peerGas).to.equal(3_051_511);
    expect(fresh["deploy.Router"].peerGas).to.equal(4_757_729);
  });

  it("shows MasterChef's massUpdatePools growing with the pool count while Furrow's add and set do not", function () {
    const mass = [1, 10, 50].map((n) => fresh[`farm.massUpdatePools.n${n}`]);
    for (const r of mass) (expect(r.peer).to.equal("MasterChef V1"), expect(r.gas).to.equal(undefined));
    // Every extra pool costs MasterChef the same (each is staked, one block behind, its index
    // already non-zero): the step from 1 to 10 pools equals the one from 10 to 50, to the gas unit,
    // and `add` at 50 pools is `add` at 1 plus 49 of those steps, up to calldata: the two `add`s
    // name different LP tokens, whose addresses (CREATE2 of Furrow's factory) differ in how many zero
    // bytes they hold, 12 gas each (16 per non-zero calldata byte, 4 per zero byte, EIP-2028), at
    // most 20 of them. Furrow's `add` is the same at both.
    const step = (mass[1].peerGas! - mass[0].peerGas!) / 9;
    expect(Number.isInteger(step), "per-pool step").to.equal(true);
    expect(mass[2].peerGas! - mass[1].peerGas!).to.equal(40 * step);
    const calldata = fresh["farm.add.n50"].peerGas! - fresh["farm.add.n1"].peerGas! - 49 * step;
    expect(calldata % 12, "a whole number of zero bytes").to.equal(0);
    expect(Math.abs(calldata), "at most the 20 bytes of an address").to.be.at.most(20 * 12);
    expect(fresh["farm.add.n50"].gas).to.equal(fresh["farm.add.n1"].gas);
  });

  it("measures sFUR's deposit and withdraw beside SushiBar's enter and leave, with issue 12's goals", function () {
    for (const id of ["staking.deposit", "staking.withdraw"]) {
      expect(fresh[id].peer, id).to.equal("SushiBar");
      expect(fresh[id].peerGas, id).to.be.a("number").and.greaterThan(21_000);
      expect(fresh[id].gas, id).to.be.a("number").and.greaterThan(21_000);
    }
    expect(
      ["staking.deposit", "staking.withdraw", "staking.getReward", "fees.collect"].map(
        (id) => fresh[id].goal,
      ),
    ).to.deep.equal([120_000, 110_000, 110_000, 160_000]);
  });

  it("labels the MasterChefV2 figures as measured elsewhere, with their source", function () {
    for (const id of [
      "farm.deposit",
      "farm.deposit.first",
      "farm.withdraw",
      "farm.harvest",
      "farm.withdrawAndHarvest",
    ]) {
      expect(fresh[id].elsewhere?.name, id).to.equal("MCv2");
      expect(fresh[id].elsewhere?.source, id).to.match(/issue 4/);
    }
    expect(fs.readFileSync(path.join(dir, "gas.md"), "utf8")).to.include(
      "Measured elsewhere: MasterChefV2 figures",
    );
  });
});

describe("bench tables", function () {
  const results: BenchResults = withRatios({
    "amm.swap": { gas: 900, peer: "Uniswap V2", peerGas: 1_200, goal: 1_000 },
    "farm.mass": { peer: "MasterChef V1", peerGas: 30_000 },
    "farm.deposit": { gas: 80, elsewhere: { name: "MCv2", gas: 95, source: "issue 4" }, goal: 75 },
  });

  it("computes vs peer as gas / peer gas to 4 decimals, only where both sides ran", function () {
    expect(results["amm.swap"].vsPeer).to.equal(0.75);
    expect(results["farm.mass"].vsPeer).to.equal(undefined);
    expect(results["farm.deposit"].vsPeer).to.equal(undefined);
  });

  it("writes one padded Markdown row per id, then the sources of the figures measured elsewhere", function () {
    expect(markdown(results)).to.equal(
      [
        "| id           | gas | peer          | peer gas | vs peer | measured elsewhere |  goal | goal met |",
        "| ------------ | --: | ------------- | -------: | ------: | ------------------ | ----: | -------: |",
        "| amm.swap     | 900 | Uniswap V2    |    1,200 |   75.0% |                    | 1,000 |      yes |",
        "| farm.mass    |     | MasterChef V1 |   30,000 |         |                    |       |          |",
        "| farm.deposit |  80 |               |          |         | MCv2 95            |    75 |       NO |",
        "",
        "Measured elsewhere: issue 4.",
      ].join("\n"),
    );
  });

  it("replaces only what lies between the README's markers, and refuses a README without them", function () {
    const readme = `# R\n\n${README_TABLE_START}\n\nold\n\n${README_TABLE_END}\n\nrest\n`;
    const gasMd = "<!-- generated -->\n\n| id | gas |\n| --- | ---: |\n| a.b | 1 |\n";
    expect(withGasTable(readme, gasMd)).to.equal(
      `# R\n\n${README_TABLE_START}\n\n| id | gas |\n| --- | ---: |\n| a.b | 1 |\n\n${README_TABLE_END}\n\nrest\n`,
    );
    expect(() => withGasTable("# R\n", gasMd)).to.throw("README.md has no gas-table markers");
  });
});
