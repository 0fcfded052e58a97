import { expect } from "chai";
import fs from "fs";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { JsonRpcProvider, JsonRpcSigner, MaxUint256, ZeroAddress, getAddress, parseUnits } from "ethers";
import { ROOT, rpc, type LocalNode, nodeProvider } from "../helpers/node";
import { buildApp, deployAndSeed, generateAbis, serveApp, type Served } from "../../scripts/lib/appStack";
import { readDeployment } from "../../src/chain/deployment";
import {
  BorrowRewards__factory,
  ERC20Rewarder__factory,
  Farm__factory,
  FarmVault__factory,
  FurrowLens__factory,
  IERC20__factory,
  IPriceOracle__factory,
  ChainlinkOracle__factory,
  LendingMarket__factory,
  MockAggregator__factory,
  MockERC20__factory,
  Pair__factory,
  RewardToken__factory,
  StakedFUR__factory,
  Zap__factory,
} from "../../typechain-types";
import {
  aprBreakdown,
  apyFromApr,
  feeApr,
  formatHealth,
  formatRate,
  formatUnitsFixed,
  liquidationPricePerToken,
  pricePerWholeToken,
  pricesInWeth,
  ratePerYear,
  rewardApr,
  rootKPerShare,
  SFUR_PRECISION,
  stakeValue,
  stakingApr,
  valueOf,
  vaultNetApr,
  type PricedPool,
} from "../../app/src/lib/derive";
import { describeError } from "../../app/src/lib/errors";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const SHOTS = path.join(ROOT, "docs", "app");
/** What the injected script leaves on the page's window (see `before`). */
interface Instrumented {
  __furrowMarks: { rows: number[]; block: number[] };
  __furrowWallet: { emit(event: string, data: unknown): void };
}
/** The pricing fields of a lens PoolView. */
const priced = (p: PricedPool): PricedPool => ({
  stakeToken: p.stakeToken,
  isPair: p.isPair,
  token0: p.token0,
  token1: p.token1,
  reserve0: p.reserve0,
  reserve1: p.reserve1,
  lpTotalSupply: p.lpTotalSupply,
});
/** The page's render budget after the node answers (issue 14). */
const RENDER_BUDGET_MS = 1_000;

/**
 * The app in a real browser against a local node, as a user: Debian's chromium driven by
 * playwright-core, a wallet injected into the page (an EIP-1193 provider announced by EIP-6963) that
 * forwards to the node with its first unlocked account. Deploys with the documented module
 * (deploy/modules/App.ts), seeds with the short simulation, builds and serves the app.
 */
describe("App (end to end, in chromium against a hardhat node)", function () {
  this.timeout(240_000);
  const journal = path.join(ROOT, "deploy", "deployments", "chain-31337");
  const backup = `${journal}.bak-app-${process.pid}`;
  let node: LocalNode;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let provider: JsonRpcProvider;
  let account: string;
  let lensAddress: string;
  /** Every JSON-RPC request the page sent to the node over HTTP (the app's reads). */
  const reads: { method: string; to?: string }[] = [];
  /** Every request the page made of the injected wallet (EIP-1193), by method. */
  const walletCalls: string[] = [];
  /** The params of every wallet_switchEthereumChain the page asked for. */
  const switches: unknown[][] = [];
  /** The chain the wallet reports (hex); the node's own while undefined. */
  let walletChain: string | undefined;
  /** Timestamps for the blocks of the page's next transactions, in order (undefined: the node's clock). */
  const sendTimestamps: (number | undefined)[] = [];
  let authorized = false;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    if (fs.existsSync(journal)) fs.renameSync(journal, backup);
    node = await deployAndSeed();
    account = (await rpc<string[]>(node.url, "eth_accounts"))[0];
    provider = nodeProvider(node.url);
    lensAddress = JSON.parse(fs.readFileSync(path.join(journal, "deployed_addresses.json"), "utf8"))[
      "App#FurrowLens"
    ];
    await generateAbis();
    await buildApp(node.url);
    served = await serveApp();

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    page.on("request", (req) => {
      if (!req.url().startsWith(node.url)) return;
      const body = JSON.parse(req.postData() ?? "{}") as { method: string; params?: { to?: string }[] };
      reads.push({ method: body.method, to: body.params?.[0]?.to });
    });
    await page.exposeFunction("__furrowRpc", async (method: string, params: unknown[]) => {
      walletCalls.push(method);
      // Like a wallet: no account is exposed until the page asks for one.
      if (method === "eth_requestAccounts") authorized = true;
      if (method === "eth_requestAccounts" || method === "eth_accounts")
        return { result: authorized ? [account] : [] };
      if (method === "eth_chainId" && walletChain) return { result: walletChain };
      if (method === "eth_sendTransaction" && sendTimestamps.length > 0) {
        const at = sendTimestamps.shift();
        if (at !== undefined) await rpc(node.url, "evm_setNextBlockTimestamp", [at]);
      }
      if (method === "wallet_switchEthereumChain") {
        // The user accepts: the wallet is on the asked chain from now on (31337 is the node's).
        switches.push(params);
        const asked = (params[0] as { chainId: string }).chainId;
        walletChain = asked === "0x7a69" ? undefined : asked;
        return { result: null };
      }
      const res = await fetch(node.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      return (await res.json()) as { result?: unknown; error?: unknown };
    });
    await page.addInitScript(() => {
      const w = window as unknown as {
        __furrowRpc(m: string, p: unknown[]): Promise<{ result?: unknown; error?: unknown }>;
        __furrowWallet: { emit(event: string, data: unknown): void };
        __furrowMarks: { rows: number[]; block: number[] };
      };
      const listeners = new Map<string, Set<(data: unknown) => void>>();
      const provider = {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const r = await w.__furrowRpc(method, params ?? []);
          if (r.error) throw r.error;
          return r.result;
        },
        on(event: string, fn: (data: unknown) => void) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(fn);
        },
        removeListener(event: string, fn: (data: unknown) => void) {
          listeners.get(event)?.delete(fn);
        },
      };
      // What a wallet does when its user changes network: tell the page (EIP-1193 chainChanged).
      w.__furrowWallet = { emit: (event, data) => listeners.get(event)?.forEach((fn) => fn(data)) };
      // When the pools' rows first appear and each time the block label changes (performance.now()).
      const marks = { rows: [] as number[], block: [] as number[] };
      w.__furrowMarks = marks;
      let shownBlock: string | null = null;
      new MutationObserver(() => {
        const now = performance.now();
        if (marks.rows.length === 0 && document.querySelector("[data-testid=pools] tbody tr"))
          marks.rows.push(now);
        const b = document.querySelector("[data-testid=block]")?.textContent ?? null;
        if (b !== null && b !== shownBlock) marks.block.push(now);
        shownBlock = b;
      }).observe(document, { subtree: true, childList: true, characterData: true });
      const announce = () =>
        window.dispatchEvent(
          new CustomEvent("eip6963:announceProvider", {
            detail: Object.freeze({
              info: {
                uuid: "6f1c2a3e-0000-4000-8000-000000000001",
                name: "Test Wallet",
                icon: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
                rdns: "dev.furrow.testwallet",
              },
              provider,
            }),
          }),
        );
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    });
  });

  after(async function () {
    await browser?.close();
    await served?.stop();
    provider?.destroy();
    await node?.stop();
    fs.rmSync(journal, { recursive: true, force: true });
    if (fs.existsSync(backup)) fs.renameSync(backup, journal);
  });

  const cell = (table: string, key: string, field: string) =>
    page.locator(
      `[data-testid=${table}] tr[${table === "vaults" ? "data-vault" : "data-pid"}="${key}"] [data-field=${field}]`,
    );
  /** When the node's answers to the page's HTTP requests ended, on the page's performance.now() clock. */
  const nodeAnswers = () =>
    page.evaluate(
      (url) =>
        performance
          .getEntriesByType("resource")
          .filter((e) => e.name.startsWith(url))
          .map((e) => (e as PerformanceResourceTiming).responseEnd),
      node.url,
    );
  /** A new block, then the page's Refresh, awaited until the page shows that block. */
  async function refresh() {
    const before = await page.getByTestId("block").innerText();
    await provider.send("evm_mine", []);
    await page.getByTestId("refresh").click();
    await page.waitForFunction(
      (b) => document.querySelector("[data-testid=block]")?.textContent !== b,
      before,
    );
  }
  /** The block the page shows (its lens call's), to read the chain at the same block. */
  const shownBlock = async () => Number((await page.getByTestId("block").innerText()).split(" ")[1]);
  /** The block timestamp the page's lens call ran at (the lens returns it; the toolbar shows it). */
  const shownTime = async () => BigInt((await page.getByTestId("block").getAttribute("data-timestamp"))!);
  async function waitMined(label: string) {
    const status = page.getByTestId("tx-status");
    await status.filter({ hasText: label }).waitFor();
    await page.waitForFunction(
      () => document.querySelector("[data-testid=tx-status]")?.getAttribute("data-status") !== "pending",
    );
    expect(await status.getAttribute("data-status"), await status.innerText()).to.equal("mined");
  }

  it("shows every pool with numbers that match the chain, read in one lens call", async function () {
    const started = Date.now();
    await page.goto(served.url);
    await page.locator("[data-testid=pools] tbody tr").first().waitFor();
    expect(Date.now() - started).to.be.lessThan(10_000);
    // The page's only read is the lens call, and the rows are on screen within 1 s of its answer.
    expect(reads).to.deep.equal([{ method: "eth_call", to: lensAddress.toLowerCase() }]);
    const answers = await nodeAnswers();
    expect(answers).to.have.length(1);
    const rendered = await page.evaluate(() => (window as unknown as Instrumented).__furrowMarks.rows[0]);
    expect(rendered - answers[0]).to.be.within(0, RENDER_BUDGET_MS);
    const lens = FurrowLens__factory.connect(lensAddress, provider);
    const d = readDeployment(journal);
    const farm = Farm__factory.connect(d.farm, provider);
    const o = await lens.overview(account, 0, 100);
    const pools = o.pools.map(priced);
    const prices = pricesInWeth(pools, d.weth);
    const n = Number(await farm.poolLength());
    expect(await page.locator("[data-testid=pools] tbody tr").count()).to.equal(n);
    const [rate, total] = [await farm.rewardPerSecond(), await farm.totalAllocPoint()];
    for (let pid = 0; pid < n; pid++) {
      const info = await farm.poolInfo(pid);
      const stake = await farm.lpToken(pid);
      const furPerSecond = (rate * info.allocPoint) / total;
      let tvl: bigint | null;
      if (pools[pid].isPair) {
        const pair = Pair__factory.connect(stake, provider);
        const [r0, r1] = await pair.getReserves();
        const supply = await pair.totalSupply();
        tvl = stakeValue(
          prices,
          { ...pools[pid], reserve0: r0, reserve1: r1, lpTotalSupply: supply },
          info.totalStaked,
        );
        expect(await cell("pools", String(pid), "aprFees").innerText()).to.equal("—"); // first visit
      } else {
        tvl = stakeValue(prices, pools[pid], info.totalStaked);
        expect(await cell("pools", String(pid), "aprFees").innerText()).to.equal("0.00%");
      }
      expect(await cell("pools", String(pid), "tvl").innerText()).to.equal(
        `${formatUnitsFixed(tvl!, 18, 4)} ETH`,
      );
      expect(await cell("pools", String(pid), "furPerDay").innerText()).to.equal(
        formatUnitsFixed(furPerSecond * 86_400n, 18, 2),
      );
      expect(await cell("pools", String(pid), "aprFur").innerText()).to.equal(
        formatRate(rewardApr(prices, d.rewardToken, furPerSecond, tvl)),
      );
      const rewarder = await farm.rewarder(pid);
      if (rewarder !== "0x0000000000000000000000000000000000000000") {
        const r = ERC20Rewarder__factory.connect(rewarder, provider);
        const bonusApr = rewardApr(prices, await r.rewardToken(), await r.rewardPerSecond(), tvl);
        expect(await cell("pools", String(pid), "aprBonus").innerText()).to.equal(formatRate(bonusApr));
      }
    }
    await page.screenshot({ path: path.join(SHOTS, "pools.png"), fullPage: true });
  });

  it("refreshes with exactly one RPC call, the lens, and renders within 1 s of its answer", async function () {
    reads.length = 0;
    walletCalls.length = 0;
    await page.evaluate(() => performance.clearResourceTimings());
    const before = await page.getByTestId("block").innerText();
    await provider.send("evm_mine", []);
    await page.getByTestId("refresh").click();
    await page.waitForFunction(
      (b) => document.querySelector("[data-testid=block]")?.textContent !== b,
      before,
    );
    expect(reads).to.deep.equal([{ method: "eth_call", to: lensAddress.toLowerCase() }]);
    expect(walletCalls).to.deep.equal([]); // nothing through the injected provider either
    const answers = await nodeAnswers();
    expect(answers).to.have.length(1);
    const shown = await page.evaluate(() => (window as unknown as Instrumented).__furrowMarks.block.at(-1)!);
    expect(shown - answers[0]).to.be.within(0, RENDER_BUDGET_MS);
  });

  it("connects the injected wallet found by EIP-6963", async function () {
    await page.getByTestId("connect").filter({ hasText: "Test Wallet" }).click();
    expect((await page.getByTestId("account").innerText()).toLowerCase()).to.equal(account.toLowerCase());
  });

  it("refreshes the connected wallet's pages with the one lens call and no wallet request", async function () {
    reads.length = 0;
    walletCalls.length = 0;
    const before = await page.getByTestId("block").innerText();
    await provider.send("evm_mine", []);
    await page.getByTestId("refresh").click();
    await page.waitForFunction(
      (b) => document.querySelector("[data-testid=block]")?.textContent !== b,
      before,
    );
    expect(reads).to.deep.equal([{ method: "eth_call", to: lensAddress.toLowerCase() }]);
    expect(walletCalls).to.deep.equal([]);
  });

  it("approves and deposits LP into the farm; the stake moves on chain", async function () {
    const d = readDeployment(journal);
    const farm = Farm__factory.connect(d.farm, provider);
    const signer = await provider.getSigner(account);
    const pair = Pair__factory.connect(await farm.lpToken(0), signer);
    await (await pair.approve(d.farm, 0)).wait(); // so the app has to ask for an approval
    await page.getByTestId("refresh").click();
    await page.getByTestId("tab-positions").click();
    const [stakedBefore, walletBefore] = [
      (await farm.userInfo(0, account)).amount,
      await pair.balanceOf(account),
    ];
    expect(walletBefore).to.be.greaterThan(parseUnits("1", 18));
    await page.getByTestId("amount-0").fill("1");
    await page.getByTestId("approve-0").click();
    await waitMined("Approve");
    expect(await pair.allowance(account, d.farm)).to.equal(MaxUint256);
    await page.getByTestId("deposit-0").click();
    await waitMined("Deposit into");
    expect((await farm.userInfo(0, account)).amount).to.equal(stakedBefore + parseUnits("1", 18));
    expect(await pair.balanceOf(account)).to.equal(walletBefore - parseUnits("1", 18));
    await page.screenshot({ path: path.join(SHOTS, "positions.png"), fullPage: true });
  });

  it("harvests one pool, then all pools in one multicall", async function () {
    const d = readDeployment(journal);
    const fur = RewardToken__factory.connect(d.rewardToken, provider);
    const farm = Farm__factory.connect(d.farm, provider);
    const before = await fur.balanceOf(account);
    await page.getByTestId("harvest-1").click();
    await waitMined("Harvest");
    expect(await fur.balanceOf(account)).to.be.greaterThan(before);
    await provider.send("evm_increaseTime", [3_600]);
    await provider.send("evm_mine", []);
    await page.getByTestId("refresh").click();
    const mid = await fur.balanceOf(account);
    const block = await provider.getBlockNumber();
    await page.getByTestId("harvest-all").click();
    await waitMined("Harvest all");
    const receipt = await provider.getBlock(block + 1, true);
    expect(receipt!.transactions.length).to.equal(1);
    expect(await fur.balanceOf(account)).to.be.greaterThan(mid);
    for (const pid of [0, 1, 2]) expect((await farm.userInfo(pid, account)).accrued).to.equal(0n);
  });

  it("shows a revert decoded into plain words and changes nothing", async function () {
    const d = readDeployment(journal);
    const farm = Farm__factory.connect(d.farm, provider);
    const staked = (await farm.userInfo(1, account)).amount;
    await page.getByTestId("amount-1").fill("99999999");
    await page.getByTestId("withdraw-1").click();
    const status = page.getByTestId("tx-status");
    await page.waitForFunction(
      () => document.querySelector("[data-testid=tx-status]")?.getAttribute("data-status") === "failed",
    );
    expect(await status.innerText()).to.contain(
      `InsufficientStake: You tried to withdraw ${parseUnits("99999999", 18)} but only ${staked} is staked.`,
    );
    expect((await farm.userInfo(1, account)).amount).to.equal(staked);
  });

  it("deposits into a vault; the shares arrive on chain", async function () {
    const lens = FurrowLens__factory.connect(lensAddress, provider);
    const [v] = await lens.vaults(account, 0, 1);
    const vault = FarmVault__factory.connect(v.vault, provider);
    const before = await vault.balanceOf(account);
    await page.getByTestId("tab-vaults").click();
    const id = v.vault.toLowerCase();
    await page.getByTestId(`vault-amount-${id}`).fill("0.5");
    const approve = page.getByTestId(`vault-approve-${id}`);
    if (await approve.count()) {
      await approve.click();
      await waitMined("Approve");
    }
    const pair = Pair__factory.connect(v.asset, provider);
    const walletBefore = await pair.balanceOf(account);
    await page.getByTestId(`vault-deposit-${id}`).click();
    await waitMined("Vault deposit");
    expect(await pair.balanceOf(account)).to.equal(walletBefore - parseUnits("0.5", 18));
    const after = await vault.balanceOf(account);
    expect(after).to.be.greaterThan(before);
    const [shown] = await lens.vaults(account, 0, 1);
    expect(shown.shares).to.equal(after);
    await page.screenshot({ path: path.join(SHOTS, "vaults.png"), fullPage: true });
  });

  it("shows each vault's net APR and APY: the pool's APR with the performance fee taken from rewards", async function () {
    await refresh();
    const lens = FurrowLens__factory.connect(lensAddress, provider);
    const d = readDeployment(journal);
    // The page's state (reserves, supplies) at its block, and the timestamp its call ran at.
    const o = await lens.overview(account, 0, 100, { blockTag: await shownBlock() });
    const now = await shownTime();
    const stored = await page.evaluate(() => localStorage.getItem("furrow.feeObservations"));
    const first = JSON.parse(stored!) as Record<string, [string, string]>;
    const prices = pricesInWeth(o.pools.map(priced), d.weth);
    expect(o.vaults.length).to.be.greaterThan(0);
    for (const v of o.vaults) {
      const p = o.pools[Number(v.pid)];
      const tvl = stakeValue(prices, priced(p), p.totalStaked);
      const [t0, g0] = first[p.stakeToken.toLowerCase()];
      const fees = feeApr(
        { timestamp: BigInt(t0), rootKPerShare: BigInt(g0) },
        {
          timestamp: now,
          rootKPerShare: rootKPerShare({
            reserve0: p.reserve0,
            reserve1: p.reserve1,
            totalSupply: p.lpTotalSupply,
          }),
        },
      );
      expect(fees).to.be.a("bigint"); // not null: time has passed since the first visit
      const fur = rewardApr(prices, o.farm.rewardToken, p.furPerSecond, tvl);
      const hasBonus = p.rewarder.rewarder !== ZeroAddress;
      const bonus =
        hasBonus && p.rewarder.pays
          ? rewardApr(prices, p.rewarder.token, p.rewarder.rewardPerSecond, tvl)
          : 0n;
      // net = fees + (FUR + bonus) × (10,000 − feeBps) / 10,000 (vaultNetApr, unit-tested by hand)
      const net = vaultNetApr(aprBreakdown(fees, fur, bonus), v.performanceFeeBps);
      const plus = net.partial ? "+" : "";
      const fee = formatRate((v.performanceFeeBps * 10n ** 18n) / 10_000n);
      expect(await cell("vaults", v.vault.toLowerCase(), "netApr").innerText()).to.equal(
        `${formatRate(net.apr)}${plus} (fee ${fee})`,
      );
      expect(await cell("vaults", v.vault.toLowerCase(), "netApy").innerText()).to.equal(
        `${formatRate(apyFromApr(net.apr))}${plus}`,
      );
    }
  });

  it("zaps ETH into a vault in one transaction; the quoted shares arrive on chain", async function () {
    const d = readDeployment(journal);
    const zapAddress = JSON.parse(fs.readFileSync(path.join(journal, "deployed_addresses.json"), "utf8"))[
      "App#Zap"
    ];
    const lens = FurrowLens__factory.connect(lensAddress, provider);
    const [v] = await lens.vaults(account, 0, 1);
    const vault = FarmVault__factory.connect(v.vault, provider);
    const zap = Zap__factory.connect(zapAddress, await provider.getSigner(account));
    const id = v.vault.toLowerCase();
    const value = parseUnits("0.25", 18);
    await page.getByTestId(`zap-token-${id}`).selectOption("eth");
    await page.getByTestId(`zap-amount-${id}`).fill("0.25");
    // The shares depend on the block's time (the vault's profit unlocks by the second): the same zap
    // sent directly at time T on a snapshot, then the chain put back and the page's zap mined at T.
    const at = (await provider.getBlock("latest"))!.timestamp + 60;
    const snapshot = await provider.send("evm_snapshot", []);
    await provider.send("evm_setNextBlockTimestamp", [at]);
    const direct = await (await zap.zapInETH(v.vault, 0, account, { value })).wait();
    expect(direct!.status).to.equal(1);
    // The shares minted, from the vault's ERC-4626 Deposit event in the receipt.
    const minted = (logs: readonly { address: string; topics: readonly string[]; data: string }[]) =>
      logs
        .filter((l) => l.address.toLowerCase() === v.vault.toLowerCase())
        .map((l) => vault.interface.parseLog(l))
        .filter((e) => e?.name === "Deposit")
        .reduce((sum, e) => sum + (e!.args.shares as bigint), 0n);
    const expected = minted(direct!.logs);
    expect(await provider.send("evm_revert", [snapshot])).to.equal(true);
    await provider.send("evm_setNextBlockTimestamp", [at]);
    const [shares, eth, block] = [
      await vault.balanceOf(account),
      await provider.getBalance(account),
      await provider.getBlockNumber(),
    ];
    await page.getByTestId(`zap-${id}`).click();
    await waitMined("Zap ETH into the vault");
    const mined = await provider.getBlock(block + 1, true);
    expect(mined!.transactions.length).to.equal(1);
    expect(mined!.timestamp).to.equal(at);
    const receipt = (await provider.getTransactionReceipt(mined!.transactions[0]))!;
    expect(receipt.to).to.equal(zapAddress);
    expect(expected).to.be.greaterThan(0n);
    expect(minted(receipt.logs)).to.equal(expected);
    expect(await vault.balanceOf(account)).to.equal(shares + expected);
    expect(await provider.getBalance(account)).to.equal(eth - value - receipt.gasUsed * receipt.gasPrice);
    expect(await provider.getBalance(zapAddress)).to.equal(0n); // the zap keeps nothing
    expect(await IERC20__factory.connect(d.weth, provider).balanceOf(zapAddress)).to.equal(0n);
    await page.screenshot({ path: path.join(SHOTS, "vaults.png"), fullPage: true });
  });

  it("zaps FUR into a vault: approves the zap when asked, then zaps; the shares arrive on chain", async function () {
    const d = readDeployment(journal);
    const zapAddress = JSON.parse(fs.readFileSync(path.join(journal, "deployed_addresses.json"), "utf8"))[
      "App#Zap"
    ];
    const [v] = await FurrowLens__factory.connect(lensAddress, provider).vaults(account, 0, 1);
    const vault = FarmVault__factory.connect(v.vault, provider);
    const signer = await provider.getSigner(account);
    const fur = RewardToken__factory.connect(d.rewardToken, signer);
    const id = v.vault.toLowerCase();
    const amount = parseUnits("100", 18);
    expect(await fur.allowance(account, zapAddress)).to.equal(0n);
    // The same approval and zap sent directly on a snapshot, the zap at time T; then the chain is put
    // back and the page's zap is mined at T too (the wallet sets its block's time).
    const at = (await provider.getBlock("latest"))!.timestamp + 60;
    const snapshot = await provider.send("evm_snapshot", []);
    const [shares0, fur0] = [await vault.balanceOf(account), await fur.balanceOf(account)];
    await (await fur.approve(zapAddress, MaxUint256)).wait();
    await provider.send("evm_setNextBlockTimestamp", [at]);
    await (
      await Zap__factory.connect(zapAddress, signer).zapIn(v.vault, d.rewardToken, amount, 0, account)
    ).wait();
    const [expectedShares, expectedFur] = [
      (await vault.balanceOf(account)) - shares0,
      fur0 - (await fur.balanceOf(account)), // the amount less any dust the zap refunded
    ];
    expect(await provider.send("evm_revert", [snapshot])).to.equal(true);
    expect(expectedShares).to.be.greaterThan(0n);
    expect(expectedFur).to.be.within(amount - parseUnits("0.001", 18), amount);

    sendTimestamps.push(undefined, at); // the approval: the node's clock; the zap: T
    const block = await provider.getBlockNumber();
    await page.getByTestId(`zap-token-${id}`).selectOption({ label: "FUR" });
    await page.getByTestId(`zap-amount-${id}`).fill("100");
    await page.getByTestId(`zap-${id}`).click();
    await waitMined("Zap FUR into the vault");
    expect(sendTimestamps).to.deep.equal([]);
    const [approval, zapped] = [
      await provider.getBlock(block + 1, true),
      await provider.getBlock(block + 2, true),
    ];
    expect((await provider.getTransaction(approval!.transactions[0]))!.to).to.equal(d.rewardToken);
    expect(zapped!.timestamp).to.equal(at);
    expect((await provider.getTransaction(zapped!.transactions[0]))!.to).to.equal(zapAddress);
    expect(await fur.allowance(account, zapAddress)).to.equal(MaxUint256);
    expect(await vault.balanceOf(account)).to.equal(shares0 + expectedShares);
    expect(await fur.balanceOf(account)).to.equal(fur0 - expectedFur);
    expect(await fur.balanceOf(zapAddress)).to.equal(0n);
  });

  describe("staking (sFUR)", function () {
    // Two streams, funded before anyone stakes: 7,000 FUR and 700 USDC over 7 days.
    const FUR_NOTIFIED = parseUnits("7000", 18);
    const USDC_NOTIFIED = 700n * 10n ** 6n;
    const WEEK = 604_800n;
    const STAKE = parseUnits("1000", 18);
    // rate = notified × 1e27 / 604,800 s (rounded down; nothing left of an earlier stream)
    const FUR_RATE = (FUR_NOTIFIED * SFUR_PRECISION) / WEEK;
    const USDC_RATE = (USDC_NOTIFIED * SFUR_PRECISION) / WEEK;
    /** The only holder's reward for `seconds` of one stream at `staked`: staked × ⌊s × rate / staked⌋ / 1e27. */
    const streamed = (seconds: bigint, rate: bigint, staked: bigint) =>
      (staked * ((seconds * rate) / staked)) / SFUR_PRECISION;
    let usdcAddress: string;
    let stakedAt: bigint;
    let claimedAt: bigint;

    const rewardCell = (token: string, field: string) =>
      page.locator(
        `[data-testid=staking-rewards] tr[data-token="${token.toLowerCase()}"] [data-field=${field}]`,
      );
    const stakingCell = (field: string) => page.locator(`[data-testid=staking] [data-field=${field}]`);
    /** The page shows, for both tokens, what `seconds` of the stream gave the only holder, and its value. */
    async function expectEarnedShown(seconds: bigint) {
      const d = readDeployment(journal);
      const lens = FurrowLens__factory.connect(lensAddress, provider);
      const o = await lens.overview(account, 0, 100, { blockTag: await shownBlock() });
      const prices = pricesInWeth(o.pools.map(priced), d.weth);
      const streams = [
        [d.rewardToken, FUR_RATE, "FUR", 18],
        [usdcAddress, USDC_RATE, "USDC", 6],
      ] as const;
      for (const [token, rate, symbol, decimals] of streams) {
        const earned = streamed(seconds, rate, STAKE);
        expect(earned).to.be.greaterThan(0n);
        const value = formatUnitsFixed(valueOf(prices, token, earned)!, 18, 4);
        expect(await rewardCell(token, "earned").innerText()).to.equal(
          `${formatUnitsFixed(earned, decimals)} ${symbol} (${value} ETH)`,
        );
      }
    }

    before(async function () {
      const d = readDeployment(journal);
      const lens = FurrowLens__factory.connect(lensAddress, provider);
      const pools = await lens.pools(0, 100);
      const usdcPool = pools.find((p) => p.isPair && (p.symbol0 === "USDC" || p.symbol1 === "USDC"))!;
      usdcAddress = usdcPool.symbol0 === "USDC" ? usdcPool.token0 : usdcPool.token1;
      // Governance (the timelock, impersonated on the node) allow-lists FUR and USDC; the account funds both.
      const sfur = StakedFUR__factory.connect(d.stakedFur!, provider);
      await provider.send("hardhat_impersonateAccount", [d.timelock]);
      await provider.send("hardhat_setBalance", [d.timelock, "0xde0b6b3a7640000"]); // 1 ETH for gas
      const timelock = new JsonRpcSigner(provider, d.timelock);
      for (const token of [d.rewardToken, usdcAddress])
        await (await sfur.connect(timelock).addRewardToken(token)).wait();
      await provider.send("hardhat_stopImpersonatingAccount", [d.timelock]);
      const signer = await provider.getSigner(account);
      for (const [token, amount] of [
        [d.rewardToken, FUR_NOTIFIED],
        [usdcAddress, USDC_NOTIFIED],
      ] as const) {
        await (await IERC20__factory.connect(token, signer).approve(d.stakedFur!, amount)).wait();
        await (await sfur.connect(signer).notifyRewardAmount(token, amount)).wait();
      }
      // The notifies used up the allowance: the page has to ask for one.
      expect(
        await IERC20__factory.connect(d.rewardToken, provider).allowance(account, d.stakedFur!),
      ).to.equal(0n);
    });

    it("stakes FUR through the page: approve, then depositFor; the sFUR arrives on chain", async function () {
      const d = readDeployment(journal);
      const sfur = StakedFUR__factory.connect(d.stakedFur!, provider);
      const fur = RewardToken__factory.connect(d.rewardToken, provider);
      await refresh();
      await page.getByTestId("tab-staking").click();
      expect(await stakingCell("balance").innerText()).to.equal("0 sFUR");
      const walletBefore = await fur.balanceOf(account);
      await page.getByTestId("stake-amount").fill("1000");
      await page.getByTestId("stake-approve").click();
      await waitMined("Approve FUR for sFUR");
      expect(await fur.allowance(account, d.stakedFur!)).to.equal(MaxUint256);
      await page.getByTestId("stake").click();
      await waitMined("Stake FUR");
      stakedAt = BigInt((await provider.getBlock("latest"))!.timestamp);
      expect(await sfur.balanceOf(account)).to.equal(STAKE);
      expect(await sfur.totalSupply()).to.equal(STAKE);
      expect(await fur.balanceOf(account)).to.equal(walletBefore - STAKE);
      // The page refetched after the receipt: 1,000 of 1,000 staked.
      await stakingCell("balance").filter({ hasText: "1,000 sFUR" }).waitFor();
      expect(await stakingCell("balance").innerText()).to.equal("1,000 sFUR (100.00% of all)");
    });

    it("shows each stream, what the stake earned of it and the fee APR, as computed by hand", async function () {
      const d = readDeployment(journal);
      await provider.send("evm_increaseTime", [86_400]);
      await refresh();
      const lens = FurrowLens__factory.connect(lensAddress, provider);
      const o = await lens.overview(account, 0, 100, { blockTag: await shownBlock() });
      const s = o.staking;
      const now = await shownTime();
      // Both clocks stood still until the stake (nothing staked): each stream ends 7 days after it.
      expect(s.rewards.map((r) => [r.token, r.rate, r.periodFinish])).to.deep.equal([
        [d.rewardToken, FUR_RATE, stakedAt + WEEK],
        [usdcAddress, USDC_RATE, stakedAt + WEEK],
      ]);
      // A day and a second or two of each stream, all of it to the only holder.
      expect(now - stakedAt).to.be.within(86_400n, 86_410n);
      await expectEarnedShown(now - stakedAt);
      const prices = pricesInWeth(o.pools.map(priced), d.weth);
      for (const r of s.rewards) {
        // A day of the rate, rounded down: 1,000 FUR and 100 USDC less a wei (the rate's rounding),
        // shown to 4 decimals rounded down.
        const [perDay, shown] =
          r.token === d.rewardToken
            ? [parseUnits("1000", 18) - 1n, "999.9999 FUR"]
            : [100n * 10n ** 6n - 1n, "99.9999 USDC"];
        expect((r.rate * 86_400n) / SFUR_PRECISION).to.equal(perDay);
        expect(await rewardCell(r.token, "perDay").innerText()).to.equal(shown);
        expect(await rewardCell(r.token, "ends").innerText()).to.equal(
          new Date(Number(stakedAt + WEEK) * 1000).toISOString().slice(0, 16),
        );
      }
      // Fee APR: a year of both streams, valued, over the 1,000 staked FUR's value. The FUR stream
      // alone is 365 × 1,000 FUR a day / 1,000 FUR = 36,500%, up to rounding: its year (364,999.99…
      // FUR) and both ETH values are each rounded down by under a wei, on values above 1e16 wei, so
      // the ratio moves by less than 365e18 × 3 / 1e16 ≈ 1e5 wei of a WAD.
      const apr = stakingApr(prices, [...s.rewards], now, s.totalSupply, s.fur);
      expect(apr.partial).to.equal(false);
      const furOnly = stakingApr(prices, [s.rewards[0]], now, s.totalSupply, s.fur).apr!;
      expect(valueOf(prices, s.fur, s.totalSupply)!).to.be.greaterThan(10n ** 16n);
      expect(furOnly).to.be.closeTo(365n * 10n ** 18n, 10n ** 6n);
      expect(apr.apr!).to.be.greaterThan(furOnly);
      expect(await stakingCell("apr").innerText()).to.equal(formatRate(apr.apr));
    });

    it("claims every token in one transaction; each arrives as earned by hand", async function () {
      const d = readDeployment(journal);
      const fur = IERC20__factory.connect(d.rewardToken, provider);
      const usdc = IERC20__factory.connect(usdcAddress, provider);
      const [fur0, usdc0, block] = [
        await fur.balanceOf(account),
        await usdc.balanceOf(account),
        await provider.getBlockNumber(),
      ];
      await page.getByTestId("claim").click();
      await waitMined("Claim sFUR rewards");
      const mined = await provider.getBlock(block + 1, true);
      expect(mined!.transactions.length).to.equal(1);
      claimedAt = BigInt(mined!.timestamp);
      expect(await fur.balanceOf(account)).to.equal(fur0 + streamed(claimedAt - stakedAt, FUR_RATE, STAKE));
      expect(await usdc.balanceOf(account)).to.equal(
        usdc0 + streamed(claimedAt - stakedAt, USDC_RATE, STAKE),
      );
      // What is owed now is only what streamed since the claim.
      await refresh();
      await expectEarnedShown((await shownTime()) - claimedAt);
    });

    it("delegates the stake's votes to the user; the votes are on chain", async function () {
      const d = readDeployment(journal);
      const sfur = StakedFUR__factory.connect(d.stakedFur!, provider);
      expect(await sfur.getVotes(account)).to.equal(0n);
      await page.getByTestId("delegate").click();
      await waitMined("Delegate sFUR votes");
      expect(await sfur.delegates(account)).to.equal(getAddress(account));
      expect(await sfur.getVotes(account)).to.equal(STAKE);
      await stakingCell("votes").filter({ hasText: "delegated to" }).waitFor();
      expect(await stakingCell("votes").innerText()).to.equal(`1,000 (delegated to ${getAddress(account)})`);
    });

    it("unstakes through withdrawTo; FUR returns 1:1 and the votes follow", async function () {
      const d = readDeployment(journal);
      const sfur = StakedFUR__factory.connect(d.stakedFur!, provider);
      const fur = IERC20__factory.connect(d.rewardToken, provider);
      const before = await fur.balanceOf(account);
      await page.getByTestId("stake-amount").fill("400");
      await page.getByTestId("unstake").click();
      await waitMined("Unstake FUR");
      expect(await sfur.balanceOf(account)).to.equal(STAKE - parseUnits("400", 18));
      expect(await fur.balanceOf(account)).to.equal(before + parseUnits("400", 18));
      expect(await sfur.getVotes(account)).to.equal(STAKE - parseUnits("400", 18));
      await stakingCell("balance").filter({ hasText: "600 sFUR" }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, "staking.png"), fullPage: true });
    });

    it("shows an unstake of more than the stake as a decoded revert and changes nothing", async function () {
      const d = readDeployment(journal);
      const sfur = StakedFUR__factory.connect(d.stakedFur!, provider);
      const staked = await sfur.balanceOf(account);
      await page.getByTestId("stake-amount").fill("5000");
      await page.getByTestId("unstake").click();
      await page.waitForFunction(
        () => document.querySelector("[data-testid=tx-status]")?.getAttribute("data-status") === "failed",
      );
      expect(await page.getByTestId("tx-status").innerText()).to.equal(
        `Unstake FUR failed — ERC20InsufficientBalance: Your wallet holds ${staked} but ${parseUnits("5000", 18)} is needed.`,
      );
      expect(await sfur.balanceOf(account)).to.equal(staked);
    });
  });

  describe("on another network", function () {
    const stakingBalance = () => page.locator("[data-testid=staking] [data-field=balance]");
    it("offers a switch when the wallet is on another network; the switch asks the wallet for the chain", async function () {
      walletChain = "0x1"; // the user picks Ethereum in the wallet, which tells the page
      await page.evaluate(() =>
        (window as unknown as Instrumented).__furrowWallet.emit("chainChanged", "0x1"),
      );
      const banner = page.getByTestId("wrong-network");
      await banner.waitFor();
      expect(await banner.innerText()).to.contain("Furrow is not deployed on this network (chain 1).");
      // Read only meanwhile (the deployed chain, no user): no action can be sent to the wrong chain.
      await stakingBalance()
        .filter({ hasText: /^0 sFUR \(0\.00% of all\)$/ })
        .waitFor();
      await page.getByTestId("stake-amount").fill("1");
      for (const action of ["stake", "unstake", "claim"])
        expect(await page.getByTestId(action).isDisabled(), action).to.equal(true);
      await page.screenshot({ path: path.join(SHOTS, "wrong-network.png"), fullPage: true });
      switches.length = 0;
      await page.getByTestId("switch-31337").click();
      await banner.waitFor({ state: "detached" });
      expect(switches).to.deep.equal([[{ chainId: "0x7a69" }]]);
      // Back on the deployed chain: the user's stake again, and the actions on.
      await stakingBalance().filter({ hasText: "600 sFUR" }).waitFor();
      await page.getByTestId("stake-amount").fill("1");
      expect(await page.getByTestId("unstake").isDisabled()).to.equal(false);
    });
  });

  describe("lending", function () {
    const USDC = 10n ** 6n;
    const E18 = 10n ** 18n;
    const SUPPLY = 1_000n * USDC;
    const BORROW = 500n * USDC;
    let marketAddress: string;
    let usdcAddress: string;
    const marketCell = (field: string) =>
      page.locator(
        `[data-testid=markets] tr[data-market="${marketAddress.toLowerCase()}"] [data-field=${field}]`,
      );
    const positionCell = (field: string) =>
      page.locator(
        `[data-testid=lending-positions] tr[data-market="${marketAddress.toLowerCase()}"] [data-field=${field}]`,
      );
    const money = (v: bigint) => `${formatUnitsFixed(v, 6)} USDC`;

    before(async function () {
      const d = readDeployment(journal);
      // deploy/modules/App.ts lists LOCAL_LENDING's market on this local chain: USDC (mock) against WETH.
      expect(d.markets!).to.have.length(1);
      marketAddress = d.markets![0];
      const market = LendingMarket__factory.connect(marketAddress, provider);
      usdcAddress = await market.asset();
      expect(await market.collateralToken()).to.equal(d.weth);
      // The account's tokens: the mock USDC's open mint, and 2 ETH wrapped.
      const signer = await provider.getSigner(account);
      await (await MockERC20__factory.connect(usdcAddress, signer).mint(account, 10_000n * USDC)).wait();
      await (await signer.sendTransaction({ to: d.weth, value: 2n * E18 })).wait();
    });

    /** Every number of the market's row against the market's own views at the block the page read. */
    async function expectMarketShown() {
      const market = LendingMarket__factory.connect(marketAddress, provider);
      const blockTag = await shownBlock();
      const [totalAssets, totalBorrows, cash, utilization, borrowRate, supplyRate, lltv] = await Promise.all([
        market.totalAssets({ blockTag }),
        market.totalBorrows({ blockTag }),
        market.cash({ blockTag }),
        market.utilization({ blockTag }),
        market.borrowRatePerSecond({ blockTag }),
        market.supplyRatePerSecond({ blockTag }),
        market.lltv({ blockTag }),
      ]);
      const price = await IPriceOracle__factory.connect(await market.oracle(), provider).price({ blockTag });
      expect(await marketCell("name").innerText()).to.equal("USDC / WETH");
      expect(await marketCell("totalAssets").innerText()).to.equal(money(totalAssets));
      expect(await marketCell("totalBorrows").innerText()).to.equal(money(totalBorrows));
      expect(await marketCell("cash").innerText()).to.equal(money(cash));
      expect(await marketCell("utilization").innerText()).to.equal(formatRate(utilization));
      expect(await marketCell("supplyApr").innerText()).to.equal(formatRate(ratePerYear(supplyRate)));
      expect(await marketCell("borrowApr").innerText()).to.equal(formatRate(ratePerYear(borrowRate)));
      expect(await marketCell("lltv").innerText()).to.equal("86.00%");
      expect(lltv).to.equal(86n * 10n ** 16n);
      // $3,000 per ETH (the mock feed), 1 USDC = $1: 3e27 USDC wei per WETH wei × 1e36 → 3,000 USDC.
      expect(price).to.equal(3n * 10n ** 27n);
      expect(pricePerWholeToken(price, 18)).to.equal(3_000n * USDC);
      expect(await marketCell("price").innerText()).to.equal("3,000 USDC");
      return { totalAssets, totalBorrows, cash, utilization };
    }

    it("flags the oracle while its feed is stale, then shows the market with numbers equal to the chain's", async function () {
      const market = LendingMarket__factory.connect(marketAddress, provider);
      const oracle = ChainlinkOracle__factory.connect(await market.oracle(), provider);
      await refresh();
      await page.getByTestId("tab-lending").click();
      // The staking tests moved the clock a day past the mock feed's last answer (1 hour allowed).
      await expect(oracle.price({ blockTag: await shownBlock() })).to.be.revertedWithCustomError(
        oracle,
        "StalePrice",
      );
      expect(await marketCell("price").innerText()).to.equal("oracle has no price (borrows paused)");
      // A fresh round of the same $3,000 answer (the mock's open setter, as a keeper would post it).
      const feed = MockAggregator__factory.connect(
        await oracle.collateralFeed(),
        await provider.getSigner(account),
      );
      await (await feed.setAnswer(3_000n * 10n ** 8n)).wait();
      await refresh();
      const m = await expectMarketShown();
      // Only the listing's 1 USDC seed so far.
      expect([m.totalAssets, m.totalBorrows, m.cash, m.utilization]).to.deep.equal([USDC, 0n, USDC, 0n]);
      expect(await marketCell("supplyApr").innerText()).to.equal("0.00%");
      expect(await positionCell("health").innerText()).to.equal("∞");
      expect(await positionCell("liquidationPrice").innerText()).to.equal("—");
    });

    it("supplies through the page: approve, then deposit; the shares arrive on chain", async function () {
      const market = LendingMarket__factory.connect(marketAddress, provider);
      const usdc = IERC20__factory.connect(usdcAddress, provider);
      const wallet = await usdc.balanceOf(account);
      await page.getByTestId("lending-amount").fill("1000");
      await page.getByTestId("lending-approve-loan").click();
      await waitMined("Approve USDC for the market");
      expect(await usdc.allowance(account, marketAddress)).to.equal(MaxUint256);
      await page.getByTestId("lending-supply").click();
      await waitMined("Supply USDC");
      // Shares with 6 virtual decimals: the seed's 1e6 → 1e12; 1e9 · (1e12 + 1e6) / (1e6 + 1) = 1e15 exactly.
      expect(await market.balanceOf(account)).to.equal(10n ** 15n);
      expect(await usdc.balanceOf(account)).to.equal(wallet - SUPPLY);
      expect(await market.cash()).to.equal(USDC + SUPPLY);
      await positionCell("supplied").filter({ hasText: "1,000 USDC" }).waitFor();
      expect(await positionCell("supplied").innerText()).to.equal("1,000 USDC");
    });

    it("posts collateral and borrows through the page; debt, health and liquidation price as computed by hand", async function () {
      const d = readDeployment(journal);
      const market = LendingMarket__factory.connect(marketAddress, provider);
      const usdc = IERC20__factory.connect(usdcAddress, provider);
      const weth = IERC20__factory.connect(d.weth, provider);
      const wethWallet = await weth.balanceOf(account);
      await page.getByTestId("lending-amount").fill("1");
      await page.getByTestId("lending-approve-collateral").click();
      await waitMined("Approve WETH for the market");
      await page.getByTestId("lending-post-collateral").click();
      await waitMined("Post WETH collateral");
      expect(await market.collateralOf(account)).to.equal(E18);
      expect(await weth.balanceOf(account)).to.equal(wethWallet - E18);

      const usdcWallet = await usdc.balanceOf(account);
      await page.getByTestId("lending-amount").fill("500");
      await page.getByTestId("lending-borrow").click();
      await waitMined("Borrow USDC");
      const borrowBlock = await provider.getBlockNumber();
      expect(await usdc.balanceOf(account)).to.equal(usdcWallet + BORROW);
      // At the borrow's block: the first borrow's shares (5e8 · 1e6) give back exactly 5e8; 1 WETH is
      // 3,000 USDC, × 0.86 = 2,580 allowed: health 2,580 / 500 = 5.16.
      expect(await market.debtOf(account, { blockTag: borrowBlock })).to.equal(BORROW);
      expect(await market.healthFactor(account, { blockTag: borrowBlock })).to.equal(516n * 10n ** 16n);
      expect(await market.totalBorrows({ blockTag: borrowBlock })).to.equal(BORROW);

      // The page read after the receipt; interest runs from the borrow on, so compare at its block.
      await positionCell("debt")
        .filter({ hasText: /^500(\.\d+)? USDC$/ })
        .waitFor();
      const blockTag = await shownBlock();
      const [debt, health] = [
        await market.debtOf(account, { blockTag }),
        await market.healthFactor(account, { blockTag }),
      ];
      expect(await positionCell("debt").innerText()).to.equal(money(debt));
      expect(await positionCell("collateral").innerText()).to.equal("1 WETH");
      expect(await positionCell("health").innerText()).to.equal(formatHealth(health));
      // Liquidation: ceil(debt · 1e18 / 0.86e18) of allowed debt per WETH; at 500 USDC exactly
      // ceil(581.3953488…) = 581.395349 USDC per WETH, shown to 2 decimals (a few seconds' interest
      // on 500 USDC moves it by under 0.000001 USDC per second).
      const liq = liquidationPricePerToken({
        debt,
        collateral: E18,
        lltv: 86n * 10n ** 16n,
        collateralDecimals: 18,
      });
      expect(
        liquidationPricePerToken({
          debt: BORROW,
          collateral: E18,
          lltv: 86n * 10n ** 16n,
          collateralDecimals: 18,
        }),
      ).to.equal(581_395_349n);
      expect(await positionCell("liquidationPrice").innerText()).to.equal(
        `${formatUnitsFixed(liq!, 6, 2)} USDC per WETH`,
      );
      expect(await positionCell("liquidationPrice").innerText()).to.equal("581.39 USDC per WETH");
      const m = await expectMarketShown();
      expect(m.cash).to.equal(USDC + SUPPLY - BORROW);
      await page.screenshot({ path: path.join(SHOTS, "lending.png"), fullPage: true });
    });

    it("shows a borrow of more than the market's cash as a decoded revert and changes nothing", async function () {
      const market = LendingMarket__factory.connect(marketAddress, provider);
      const cash = await market.cash();
      const debt = await market.borrowSharesOf(account);
      await page.getByTestId("lending-amount").fill("1000");
      await page.getByTestId("lending-borrow").click();
      await page.waitForFunction(
        () => document.querySelector("[data-testid=tx-status]")?.getAttribute("data-status") === "failed",
      );
      // 501 USDC left: the seed + 1,000 supplied − 500 lent.
      expect(cash).to.equal(501n * USDC);
      expect(await page.getByTestId("tx-status").innerText()).to.equal(
        `Borrow USDC failed — ${describeError("InsufficientCash", [1_000n * USDC, cash])}`,
      );
      expect(await page.getByTestId("tx-status").innerText()).to.equal(
        "Borrow USDC failed — InsufficientCash: The market has only 501000000 left to lend or withdraw (you asked 1000000000).",
      );
      expect(await market.borrowSharesOf(account)).to.equal(debt);
    });

    it("repays and withdraws through the page; the tokens move on chain", async function () {
      const market = LendingMarket__factory.connect(marketAddress, provider);
      const usdc = IERC20__factory.connect(usdcAddress, provider);
      const wallet = await usdc.balanceOf(account);
      await page.getByTestId("lending-amount").fill("200");
      await page.getByTestId("lending-repay").click();
      await waitMined("Repay USDC");
      const repayBlock = await provider.getBlockNumber();
      expect(await usdc.balanceOf(account)).to.equal(wallet - 200n * USDC);
      const [repaid] = await market.queryFilter(market.filters.Repaid(), repayBlock, repayBlock);
      expect(repaid.args.assets).to.equal(200n * USDC);
      await page.getByTestId("lending-amount").fill("100");
      await page.getByTestId("lending-withdraw").click();
      await waitMined("Withdraw USDC");
      expect(await usdc.balanceOf(account)).to.equal(wallet - 100n * USDC);
      // Borrowed 500, repaid 200: 300 plus the interest of the seconds in between is owed.
      const debt = await market.debtOf(account);
      expect(debt).to.be.greaterThanOrEqual(300n * USDC);
      expect(debt).to.be.lessThan(300n * USDC + USDC / 100n);
    });

    it("shows the FUR the borrow mined, as computed by hand, and claims it; the FUR arrives as shown", async function () {
      const d = readDeployment(journal);
      const market = LendingMarket__factory.connect(marketAddress, provider);
      const rewards = BorrowRewards__factory.connect(d.borrowRewards!, provider);
      const fur = RewardToken__factory.connect(d.rewardToken, provider);
      // Governance's part (the local deployment sets no borrow speed): the Timelock, impersonated on
      // the node, adds a farm pool for the market's shares and gives the borrowers half its speed;
      // FUR minted by the farm (impersonated) funds the rewards.
      const as = async (who: string) => {
        await provider.send("hardhat_impersonateAccount", [who]);
        await provider.send("hardhat_setBalance", [who, "0x56BC75E2D63100000"]);
        return new JsonRpcSigner(provider, who); // impersonated: not among eth_accounts
      };
      const timelock = await as(d.timelock);
      const farm = Farm__factory.connect(d.farm, timelock);
      await (await farm.add(100, marketAddress, ZeroAddress)).wait();
      const pid = (await farm.poolLength()) - 1n;
      const speed = (await rewards.supplySpeed(pid)) / 2n;
      expect(speed).to.be.greaterThan(0n);
      await (await fur.connect(await as(d.farm)).mint(d.borrowRewards!, 1_000_000n * E18)).wait();
      await (await rewards.connect(timelock).sync()).wait();
      const set = (await (await rewards.connect(timelock).setRewardSpeed(marketAddress, pid, speed)).wait())!;
      const start = BigInt((await provider.getBlock(set.blockNumber))!.timestamp);
      const shares = await market.borrowSharesOf(account);
      expect(await market.totalBorrowShares()).to.equal(shares); // the account is the only borrower
      /** What the account is owed `elapsed` s after the speed was set: the index, then its share, floored. */
      const minedAfter = (elapsed: bigint) =>
        (shares * ((speed * elapsed * 10n ** 24n) / shares)) / 10n ** 24n;

      await refresh();
      const shown = minedAfter((await shownTime()) - start);
      expect(shown).to.be.greaterThan(0n);
      expect(await rewards.pendingReward(marketAddress, account, { blockTag: await shownBlock() })).to.equal(
        shown,
      );
      expect(await positionCell("borrowRewardEarned").innerText()).to.equal(
        `${formatUnitsFixed(shown, 18)} FUR`,
      );
      expect(await page.getByTestId("lending-claim").innerText()).to.equal(
        `Claim ${formatUnitsFixed(shown, 18)} FUR`,
      );

      const before = await fur.balanceOf(account);
      await page.getByTestId("lending-claim").click();
      await waitMined("Claim FUR mined on USDC / WETH");
      const claimBlock = await provider.getBlockNumber();
      const claimTime = BigInt((await provider.getBlock(claimBlock))!.timestamp);
      const claimed = minedAfter(claimTime - start);
      const [event] = await rewards.queryFilter(rewards.filters.RewardClaimed(), claimBlock, claimBlock);
      expect(event.args.amount).to.equal(claimed);
      expect(await fur.balanceOf(account)).to.equal(before + claimed);
      await refresh();
      // The claim checkpointed the index: the cell shows only what was mined since, floored the same way.
      const again = minedAfter((await shownTime()) - claimTime);
      expect(await positionCell("borrowRewardEarned").innerText()).to.equal(
        `${formatUnitsFixed(again, 18)} FUR`,
      );
    });
  });
});
