import { expect } from "chai";
import {
  GAS_PROFILES,
  TX_ENVELOPE_BYTES,
  costWei,
  dataGas,
  flatGasProfile,
  gasProfile,
  l1DataFee,
  txCostWei,
  weiToUsd,
  type GasProfile,
} from "../../src/model";

/** src/model/gas.ts by hand: the L1 data fee formulas on round numbers, then the shipped profiles. */
describe("src/model/gas (gas as a cost)", function () {
  describe("dataGas", function () {
    const rows: [string, bigint][] = [
      // 16 gas for each of the envelope's 110 bytes, counted non-zero.
      ["0x", 16n * TX_ENVELOPE_BYTES],
      ["", 1_760n],
      // one zero byte (4) and one non-zero byte (16) on top of the envelope.
      ["0x00ff", 4n + 16n * 111n],
      // a selector of four non-zero bytes and a 32-byte word holding 1 (31 zero bytes, one 0x01).
      ["0xa9059cbb" + "00".repeat(31) + "01", 16n * 4n + 4n * 31n + 16n + 1_760n],
    ];
    for (const [data, gas] of rows)
      it(`is ${gas} for ${data || "(empty)"}`, () => expect(dataGas(data)).to.equal(gas));
  });

  describe("l1DataFee", function () {
    it("is 0 on L1", function () {
      expect(l1DataFee(GAS_PROFILES.l1, 1_780n)).to.equal(0n);
    });

    it("charges L1 calldata at the L1 base fee when the base-fee scalar is 1.0 (10^6) and blobs are free", function () {
      const p: GasProfile = {
        name: "t",
        executionWei: 0n,
        l1Data: {
          kind: "ecotone",
          l1BaseFeeWei: 10n ** 9n,
          blobBaseFeeWei: 0n,
          baseFeeScalar: 10n ** 6n,
          blobBaseFeeScalar: 0n,
        },
      };
      // 1,780 × 16 × 10^6 × 10^9 / (16 × 10^6) = 1,780 gwei
      expect(l1DataFee(p, 1_780n)).to.equal(1_780n * 10n ** 9n);
    });

    it("charges a byte's 16 units once at the blob base fee when the blob scalar is 1.0", function () {
      const p: GasProfile = {
        name: "t",
        executionWei: 0n,
        l1Data: {
          kind: "ecotone",
          l1BaseFeeWei: 0n,
          blobBaseFeeWei: 16n,
          baseFeeScalar: 0n,
          blobBaseFeeScalar: 10n ** 6n,
        },
      };
      // 1,780 × 10^6 × 16 / (16 × 10^6) = 1,780 wei; floors like the GasPriceOracle: 17 units → 17 wei, 1 → 1
      expect(l1DataFee(p, 1_780n)).to.equal(1_780n);
      expect(l1DataFee({ ...p, l1Data: { ...p.l1Data!, blobBaseFeeWei: 15n } } as GasProfile, 1n)).to.equal(
        0n,
      );
    });

    it("prices the shipped OP Stack profiles with their scalars (bc: 1780*(16*s*4e9+S*1e6)/16e6)", function () {
      expect(l1DataFee(GAS_PROFILES.base, 1_780n)).to.equal(16_272_733_522n);
      expect(l1DataFee(GAS_PROFILES.optimism, 1_780n)).to.equal(37_329_071_196n);
    });

    it("charges Arbitrum's poster fee per unit", function () {
      // 1,760 units × 0.02 gwei
      expect(l1DataFee(GAS_PROFILES.arbitrum, 1_760n)).to.equal(35_200_000_000n);
    });
  });

  describe("txCostWei and costWei", function () {
    it("adds execution gas at the profile's price to the data fee, transaction by transaction", function () {
      const tx = { gasUsed: 100_000n, dataGas: 1_780n };
      // L1: 100,000 × 5 gwei
      expect(txCostWei(GAS_PROFILES.l1, tx)).to.equal(500_000n * 10n ** 9n);
      // Base: 100,000 × 0.005 gwei + 16,272,733,522
      expect(txCostWei(GAS_PROFILES.base, tx)).to.equal(500_000_000_000n + 16_272_733_522n);
      expect(costWei(GAS_PROFILES.base, [tx, tx])).to.equal(2n * (500_000_000_000n + 16_272_733_522n));
      expect(costWei(GAS_PROFILES.base, [])).to.equal(0n);
    });

    it("floors each transaction's data fee on its own, as each block's oracle does", function () {
      const p: GasProfile = {
        name: "t",
        executionWei: 0n,
        l1Data: {
          kind: "ecotone",
          l1BaseFeeWei: 0n,
          blobBaseFeeWei: 1n,
          baseFeeScalar: 0n,
          blobBaseFeeScalar: 10n ** 6n,
        },
      };
      // 24 units × 1 / 16 = 1.5 → 1 wei each: two transactions cost 2, not floor(48 / 16) = 3.
      expect(
        costWei(p, [
          { gasUsed: 0n, dataGas: 24n },
          { gasUsed: 0n, dataGas: 24n },
        ]),
      ).to.equal(2n);
    });
  });

  describe("profiles", function () {
    it("flatGasProfile prices execution only, at the gwei given", function () {
      expect(flatGasProfile(3)).to.deep.equal({ name: "3 gwei", executionWei: 3_000_000_000n });
      expect(flatGasProfile(0.25).executionWei).to.equal(250_000_000n);
      expect(() => flatGasProfile(-1)).to.throw(RangeError, "gas price must be >= 0 gwei, got -1");
    });

    it("gasProfile finds the four names and lists them otherwise", function () {
      for (const name of ["l1", "arbitrum", "optimism", "base"]) expect(gasProfile(name).name).to.equal(name);
      expect(() => gasProfile("zksync")).to.throw(
        RangeError,
        'unknown gas profile "zksync": use l1, arbitrum, optimism, base',
      );
    });

    it("weiToUsd converts at the ETH price", function () {
      expect(weiToUsd(5n * 10n ** 17n, 3_000)).to.equal(1_500);
    });
  });
});
