import { expect } from "chai";
import fs from "fs";
import path from "path";
import { ethers, network } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture } from "../fixtures";

const CONTRACTS = path.join(__dirname, "..", "..", "contracts");

/** Every `.sol` file under contracts/ except the test-only mocks. */
function sources(dir: string = CONTRACTS): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "mocks" ? [] : sources(full);
    return entry.name.endsWith(".sol") ? [full] : [];
  });
}

type Literal = { file: string; line: number; selector: string; signature: string | undefined };

/**
 * The hand-written selector words (`0x<4 bytes><28 zero bytes>`) and the signature named beside
 * each: in a `// comment` at the end of the line, or alone on the line above.
 */
function selectorLiterals(file: string, text: string): Literal[] {
  const lines = text.split("\n");
  const SIGNATURE = /\/\/\s*([A-Za-z_][A-Za-z0-9_]*\([^)]*\))/;
  return lines.flatMap((line, i) => {
    const m = /0x([0-9a-fA-F]{8})0{56}\b/.exec(line);
    if (!m) return [];
    const named =
      SIGNATURE.exec(line) ?? (i > 0 && /^\s*\/\//.test(lines[i - 1]) ? SIGNATURE.exec(lines[i - 1]) : null);
    return [{ file, line: i + 1, selector: "0x" + m[1].toLowerCase(), signature: named?.[1] }];
  });
}

/** The literals whose named signature is missing or hashes to another selector. */
function mismatches(literals: Literal[]): string[] {
  return literals
    .filter((l) => l.signature === undefined || ethers.id(l.signature).slice(0, 10) !== l.selector)
    .map((l) => `${path.relative(CONTRACTS, l.file)}:${l.line} ${l.selector} ${l.signature ?? "(unnamed)"}`);
}

type StructLog = { op: string; depth: number; stack: string[] };

/** The (slot, value) of every TSTORE in a transaction, in order, from the node's own trace. */
async function tstores(hash: string): Promise<{ slot: bigint; value: bigint }[]> {
  const trace = (await network.provider.send("debug_traceTransaction", [hash])) as {
    structLogs: StructLog[];
  };
  return trace.structLogs
    .filter((log) => log.op === "TSTORE")
    .map((log) => ({
      slot: BigInt("0x" + log.stack[log.stack.length - 1].replace(/^0x/, "")),
      value: BigInt("0x" + log.stack[log.stack.length - 2].replace(/^0x/, "")),
    }));
}

describe("Selector literals and transient slots", function () {
  describe("selector literals in assembly", function () {
    const literals = sources().flatMap((file) => selectorLiterals(file, fs.readFileSync(file, "utf8")));

    it("are the ones the Router, Pair and SafeTransfer use (the scan finds them)", function () {
      const names = literals.map((l) => l.signature).sort();
      expect(names).to.deep.equal(
        [
          "Locked()",
          "balanceOf(address)",
          "burn(address)",
          "deposit()",
          "feeState()",
          "getReserves()",
          "swap(uint256,uint256,address,bytes)",
          "transfer(address,uint256)",
          "transferFrom(address,address,uint256)",
          "withdraw(uint256)",
        ].sort(),
      );
    });

    it("each equal the first four bytes of keccak256 of the signature named beside it", function () {
      expect(mismatches(literals)).to.deep.equal([]);
    });

    it("a wrong or unnamed literal is reported (the check can fail)", function () {
      const wrong = selectorLiterals(
        "x.sol",
        [
          "mstore(0x00, 0xd0e30db100000000000000000000000000000000000000000000000000000000) // deposit()",
          "mstore(0x00, 0x0902f1ac00000000000000000000000000000000000000000000000000000000)",
          "// burn(address)",
          "mstore(0x00, 0x89afcb4500000000000000000000000000000000000000000000000000000000)",
        ].join("\n"),
      );
      expect(mismatches(wrong.map((l) => ({ ...l, file: path.join(CONTRACTS, l.file) })))).to.deep.equal([
        "x.sol:1 0xd0e30db1 deposit()",
        "x.sol:2 0x0902f1ac (unnamed)",
        "x.sol:4 0x89afcb45 burn(address)",
      ]);
    });
  });

  describe("transient slots (numbered from 0 in each contract)", function () {
    it("createPair holds token0 and token1 in the factory's slots 0 and 1, then clears them", async function () {
      const { factory, admin } = await loadFixture(ammFixture);
      const c = await ethers.deployContract("MockERC20", ["C", "C", 18]);
      const d = await ethers.deployContract("MockERC20", ["D", "D", 18]);
      const [token0, token1] = [BigInt(await c.getAddress()), BigInt(await d.getAddress())].sort((x, y) =>
        x < y ? -1 : 1,
      );
      const tx = await factory.connect(admin).createPair(c, d);
      expect(await tstores(tx.hash)).to.deep.equal([
        { slot: 0n, value: token0 },
        { slot: 1n, value: token1 },
        { slot: 0n, value: 0n },
        { slot: 1n, value: 0n },
      ]);
    });

    it("the pair's lock is its slot 0, set to 1 for the call and cleared after", async function () {
      const { pair, token0, alice } = await loadFixture(ammFixture);
      await token0.connect(alice).transfer(pair, 1000n);
      const tx = await pair.connect(alice).sync();
      expect(await tstores(tx.hash)).to.deep.equal([
        { slot: 0n, value: 1n },
        { slot: 0n, value: 0n },
      ]);
    });
  });
});
