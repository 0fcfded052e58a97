import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { ROOT, runHardhat } from "../helpers/node";

/**
 * `npm run bench` as a user runs it (a child process), writing to a temporary folder: its figures
 * must equal the committed benchmarks/gas.json and gas.md, so a gas change that was not
 * re-benchmarked and committed fails here, and the benchmark is shown to be deterministic.
 */
describe("npm run bench", function () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-bench-"));
  let run: { code: number; stdout: string; stderr: string };

  before(async function () {
    run = await runHardhat(["run", "scripts/bench.ts"], { BENCH_OUT: dir });
  });

  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("exits 0 and prints every figure beside its anchor", function () {
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/amm\.swap\.pair\s+[\d,]+\s+Uniswap V2\s+73,162/);
    expect(run.stdout).to.match(/farm\.set\.n50\s+[\d,]+\s+MC\s+1,562,395/);
  });

  it("reproduces the committed benchmarks/gas.json to the gas unit (run `npm run bench` and commit)", function () {
    const fresh = JSON.parse(fs.readFileSync(path.join(dir, "gas.json"), "utf8")) as Record<string, number>;
    const committed = JSON.parse(
      fs.readFileSync(path.join(ROOT, "benchmarks", "gas.json"), "utf8"),
    ) as Record<string, number>;
    expect(fresh).to.deep.equal(committed);
  });

  it("reproduces the committed benchmarks/gas.md", function () {
    expect(fs.readFileSync(path.join(dir, "gas.md"), "utf8")).to.equal(
      fs.readFileSync(path.join(ROOT, "benchmarks", "gas.md"), "utf8"),
    );
  });

  it("README's gas table is benchmarks/gas.md's (one source: copy it over after a bench)", function () {
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
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const gasMd = fs.readFileSync(path.join(ROOT, "benchmarks", "gas.md"), "utf8");
    const start = readme.indexOf("| id ");
    expect(start, "README has the gas table").to.be.greaterThan(0);
    const table = readme.slice(start, readme.indexOf("\n\n", start));
    expect(cells(table)).to.deep.equal(cells(gasMd));
  });

  it("measures every operation id the issues name", function () {
    const fresh = JSON.parse(fs.readFileSync(path.join(dir, "gas.json"), "utf8")) as Record<string, number>;
    const ids = [
      ...["transfer", "transferFrom", "delegate", "permit", "mint"].map((op) => `token.${op}`),
      ...[
        "createPair",
        "addLiquidity",
        "removeLiquidity",
        "swap.1hop",
        "swap.2hop",
        "swap.pair",
        "swap.eth",
      ].map((op) => `amm.${op}`),
      ...[
        "deposit",
        "deposit.first",
        "withdraw",
        "harvest",
        "withdrawAndHarvest",
        "emergencyWithdraw",
        "add.n1",
        "add.n50",
        "set.n50",
      ].map((op) => `farm.${op}`),
      ...[
        "PairFactory",
        "Router",
        "Farm",
        "RewardToken",
        "ERC20Rewarder",
        "TimelockController",
        "FarmGovernor",
      ].map((c) => `deploy.${c}`),
      "deploy.total",
    ];
    for (const id of ids) expect(fresh[id], id).to.be.a("number").and.greaterThan(21_000);
    expect(fresh["deploy.total"]).to.equal(
      fresh["deploy.PairFactory"] +
        fresh["deploy.Router"] +
        fresh["deploy.Farm"] +
        fresh["deploy.RewardToken"],
    );
  });
});
