import type { Contract, ContractTransactionResponse } from "ethers";
import type { BenchContext } from "../harness";
import { factoryOf } from "../peers/uniswap";
import { sushiArtifacts } from "../peers/sushiswap";
import { E18 } from "../../model";

/**
 * SushiBar (SUSHI staked for xSUSHI, which the fee maker's buy-backs grow), compiled from
 * @sushiswap/core's sources: a reference for Furrow's staked FUR, which does not exist yet, so this
 * scenario has a peer side only. Steady state: the bar already holds stakes and SUSHI, and the
 * measured user already holds xSUSHI and SUSHI.
 */
async function sushiBar(ctx: BenchContext) {
  const { signers, send, measure } = ctx;
  const [admin, alice, bob] = signers;
  const artifacts = sushiArtifacts();
  const sushi = (await factoryOf(artifacts.SushiToken, admin).deploy()) as Contract;
  const bar = (await factoryOf(artifacts.SushiBar, admin).deploy(await sushi.getAddress())) as Contract;
  const tx = (p: Promise<unknown>) => p as Promise<ContractTransactionResponse>;
  for (const who of [alice, bob]) {
    await send(() => tx(sushi.mint(who.address, 1_000n * E18)));
    await send(() => tx((sushi.connect(who) as Contract).approve(bar.getAddress(), 2n ** 256n - 1n)));
    await send(() => tx((bar.connect(who) as Contract).enter(100n * E18)));
  }
  // Fees arrive between stakes (what SushiMaker sends), so a share is worth more than 1 SUSHI.
  await send(() => tx(sushi.mint(bar.getAddress(), 10n * E18)));
  await measure("bar.enter", () => tx((bar.connect(alice) as Contract).enter(10n * E18)));
  await measure("bar.leave", () => tx((bar.connect(alice) as Contract).leave(10n * E18)));
}

export const peers = { SushiBar: sushiBar };
