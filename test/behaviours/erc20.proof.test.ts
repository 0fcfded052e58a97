import { expect } from "chai";
import { runHardhat } from "../helpers/node";
import { FLAWS } from "./flawed.erc20";

/** Parses mocha's failure list: `  N) <suite>` then the nested titles, the last ending in ":". */
function failures(stdout: string): string[] {
  const lines = stdout.split("\n");
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^ {2}\d+\) (.+)$/.exec(lines[i]);
    if (!head) continue;
    const path = [head[1].trim()];
    for (let j = i + 1; j < lines.length && lines[j].trim() !== ""; j++) {
      const title = lines[j].trim();
      path.push(title.replace(/:$/, ""));
      if (title.endsWith(":")) break;
    }
    found.push(path.join(" / "));
  }
  return found;
}

// The shared ERC-20 + permit suite can fail: run on a copy of an OpenZeppelin token with one flaw
// at a time (contracts/mocks/behaviours/FlawedPermitToken.sol), exactly the examples that guard it
// fail, and the unflawed copy passes every example.
describe("the ERC-20 + permit behaviour suite", function () {
  this.timeout(300_000);

  it("fails on a replayable permit and on a spent infinite allowance, exactly where it should", async function () {
    const { code, stdout } = await runHardhat(["test", "--no-compile", "test/behaviours/flawed.erc20.ts"], {
      FLAWED_TOKEN_SUITE: "1",
    });
    expect(code, stdout).to.not.equal(0);
    expect(failures(stdout).sort()).to.deep.equal([
      "FlawedPermitToken (ReplayablePermit) / EIP-2612 permit / counts one nonce per permit, and replaces the allowance each time",
      "FlawedPermitToken (ReplayablePermit) / EIP-2612 permit / rejects a replayed signature: the nonce has moved on, so another signer is recovered",
      "FlawedPermitToken (ReplayablePermit) / EIP-2612 permit / sets the allowance from the owner's signature, bumps the nonce and emits Approval",
      "FlawedPermitToken (SpendsInfiniteAllowance) / ERC-20 / #transferFrom / never spends an infinite allowance",
    ]);
    // Every flaw ran the whole suite: 27 examples each, the unflawed token passing all of them.
    const passing = Number(/(\d+) passing/.exec(stdout)![1]);
    expect(passing + 4).to.equal(27 * FLAWS.length);
  });
});
