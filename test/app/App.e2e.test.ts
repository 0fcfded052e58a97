import { expect } from "chai";
import fs from "fs";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { JsonRpcProvider, MaxUint256, parseUnits } from "ethers";
import { ROOT, rpc, type LocalNode } from "../helpers/node";
import { buildApp, deployAndSeed, generateAbis, serveApp, type Served } from "../../scripts/lib/appStack";
import { readDeployment } from "../../src/chain/deployment";
import {
  ERC20Rewarder__factory,
  Farm__factory,
  FarmVault__factory,
  FurrowLens__factory,
  Pair__factory,
  RewardToken__factory,
} from "../../typechain-types";
import { formatUnitsFixed, pricesInWeth, rewardApr, stakeValue, formatRate } from "../../app/src/lib/derive";

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
  let authorized = false;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    if (fs.existsSync(journal)) fs.renameSync(journal, backup);
    node = await deployAndSeed();
    account = (await rpc<string[]>(node.url, "eth_accounts"))[0];
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
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
      // Like a wallet: no account is exposed until the page asks for one.
      if (method === "eth_requestAccounts") authorized = true;
      if (method === "eth_requestAccounts" || method === "eth_accounts")
        return { result: authorized ? [account] : [] };
      if (method === "wallet_switchEthereumChain") return { result: null };
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
      };
      const provider = {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const r = await w.__furrowRpc(method, params ?? []);
          if (r.error) throw r.error;
          return r.result;
        },
        on() {},
        removeListener() {},
      };
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
    const lens = FurrowLens__factory.connect(lensAddress, provider);
    const d = readDeployment(journal);
    const farm = Farm__factory.connect(d.farm, provider);
    const o = await lens.overview(account, 0, 100);
    const pools = o.pools.map((p) => ({
      stakeToken: p.stakeToken,
      isPair: p.isPair,
      token0: p.token0,
      token1: p.token1,
      reserve0: p.reserve0,
      reserve1: p.reserve1,
      lpTotalSupply: p.lpTotalSupply,
    }));
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

  it("refreshes with exactly one RPC call: the lens", async function () {
    reads.length = 0;
    const before = await page.getByTestId("block").innerText();
    await provider.send("evm_mine", []);
    await page.getByTestId("refresh").click();
    await page.waitForFunction(
      (b) => document.querySelector("[data-testid=block]")?.textContent !== b,
      before,
    );
    expect(reads).to.deep.equal([{ method: "eth_call", to: lensAddress.toLowerCase() }]);
  });

  it("connects the injected wallet found by EIP-6963", async function () {
    await page.getByTestId("connect").filter({ hasText: "Test Wallet" }).click();
    expect((await page.getByTestId("account").innerText()).toLowerCase()).to.equal(account.toLowerCase());
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
});
