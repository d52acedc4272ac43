// Tests: when a slip's first two OCR passes leave its date or total in doubt, and that a third
// pass's readings then decide.
import { describe, expect, it } from "vitest";
import { passesAgree } from "../../src/indexers/scan-receipt.js";
import { receiptFields } from "../../src/tables/receipt-fields.js";

const slip = (date: string, total: string) => ["SHOP", date, `TOTAL RM ${total}`, "CASH"];

describe("a slip read again while in doubt", () => {
  it("needs no third pass when the first two read one date and a total", () => {
    expect(passesAgree(slip("22/12/2017", "30.90"), slip("22/12/2017", "30.98"), "dmy")).toBe(true);
  });

  it("reads a third time when the dates differ, one is missing, or no total is read", () => {
    expect(passesAgree(slip("23/12/2017", "30.90"), slip("22/12/2017", "30.90"), "dmy")).toBe(
      false,
    );
    expect(passesAgree(slip("Date: Po", "30.90"), slip("22/12/2017", "30.90"), "dmy")).toBe(false);
    expect(passesAgree(slip("22/12/2017", "30.90"), slip("Date: Po", "30.90"), "dmy")).toBe(false);
    expect(passesAgree(slip("22/12/2017", "IL"), slip("22/12/2017", "I.L"), "dmy")).toBe(false);
  });

  it("lets the third pass's date outvote the first's misreading", () => {
    const [first, second, third] = ["23/12/2017", "22/12/2017", "22/12/2017"].map((d) =>
      slip(d, "30.90"),
    );
    expect(receiptFields(first!, "dmy", [second!]).date).toBe("2017-12-23"); // a tie: the first
    expect(receiptFields(first!, "dmy", [second!, third!]).date).toBe("2017-12-22");
  });
});
