/**
 * Token demo: `npm run demo` (`hardhat run scripts/token-demo.ts`).
 *
 * Deploys RewardToken (FUR) on the in-process network, lets the admin grant MINTER_ROLE to a
 * stand-in for the farm, mints, delegates and transfers, and prints every account's balance,
 * delegate and votes after each step — the numbers come from the chain, nothing is computed here.
 * Run it against a node with `--network localhost`.
 */
import { ethers } from "hardhat";
import type { RewardToken } from "../typechain-types";

const fmt = (wei: bigint) =>
  Number(ethers.formatEther(wei)).toLocaleString("en-US", { maximumFractionDigits: 4 });

async function printState(
  title: string,
  token: RewardToken,
  accounts: Record<string, string>,
): Promise<void> {
  const names = Object.fromEntries(Object.entries(accounts).map(([name, address]) => [address, name]));
  const rows = [["account", "balance (FUR)", "delegates to", "votes (FUR)"]];
  for (const [name, address] of Object.entries(accounts)) {
    const delegate = await token.delegates(address);
    const delegateName = delegate === ethers.ZeroAddress ? "-" : (names[delegate] ?? delegate);
    rows.push([name, fmt(await token.balanceOf(address)), delegateName, fmt(await token.getVotes(address))]);
  }
  rows.push(["total supply", fmt(await token.totalSupply()), "", ""]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 || c === 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  rows.slice(1).forEach((r) => console.log(line(r)));
}

async function main() {
  const [admin, farm, alice, bob, carol] = await ethers.getSigners();
  const token = await ethers.deployContract("RewardToken", [admin.address]);
  await token.waitForDeployment();
  const { chainId } = await ethers.provider.getNetwork();
  console.log(
    `RewardToken ${await token.name()} (${await token.symbol()}) at ${await token.getAddress()}, chain ${chainId}`,
  );
  console.log(
    `cap ${fmt(await token.MAX_SUPPLY())} FUR, clock ${await token.CLOCK_MODE()} (now ${await token.clock()})`,
  );

  const accounts = { alice: alice.address, bob: bob.address, carol: carol.address };

  await (await token.grantRole(await token.MINTER_ROLE(), farm.address)).wait();
  await (await token.connect(farm).mint(alice.address, ethers.parseEther("1000"))).wait();
  await (await token.connect(farm).mint(bob.address, ethers.parseEther("250"))).wait();
  await printState(
    "1. the farm (minter) mints 1,000 FUR to alice and 250 FUR to bob: no votes until delegation",
    token,
    accounts,
  );

  await (await token.connect(alice).delegate(alice.address)).wait();
  await (await token.connect(bob).delegate(carol.address)).wait();
  await printState("2. alice delegates to herself, bob delegates to carol", token, accounts);
  const snapshot = await token.clock();

  await (await token.connect(alice).transfer(bob.address, ethers.parseEther("400"))).wait();
  await printState("3. alice transfers 400 FUR to bob: 400 votes move from alice to carol", token, accounts);

  await (await token.connect(bob).burn(ethers.parseEther("50"))).wait();
  await printState("4. bob burns 50 FUR: carol's votes and the supply drop by 50", token, accounts);

  console.log(`\nvotes at the snapshot after step 2 (timestamp ${snapshot}), as a governor would read them:`);
  for (const [name, address] of Object.entries(accounts)) {
    console.log(`  ${name.padEnd(6)} ${fmt(await token.getPastVotes(address, snapshot)).padStart(8)} FUR`);
  }
  console.log(`mintable under the cap: ${fmt(await token.mintableSupply())} FUR`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
