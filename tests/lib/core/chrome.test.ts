import { describe, expect, it } from "vitest";
import { linkArchiveMonths, listFooterLines } from "../../../lib/core/chrome.ts";
import { en } from "../../../lib/core/locales/en.ts";
import { vi } from "../../../lib/core/locales/vi.ts";

describe("listFooterLines", () => {
  it("prints the fields that are set, labelled, with mail and phone links", () => {
    const lines = listFooterLines({ editorInChief: "Nguyễn Văn A", phone: "(024) 3825 1234", email: "toasoan@bt.example" }, vi);
    expect(lines).toEqual([
      { label: "Tổng biên tập", text: "Nguyễn Văn A", href: null },
      { label: "Điện thoại", text: "(024) 3825 1234", href: "tel:02438251234" },
      { label: "Email", text: "toasoan@bt.example", href: "mailto:toasoan@bt.example" },
    ]);
    expect(listFooterLines({}, vi)).toEqual([]);
    expect(listFooterLines({ publisher: "Sample Co." }, en)[0]?.label).toBe("Publisher");
  });
});

describe("linkArchiveMonths", () => {
  it("links each month to the older and newer months that exist", () => {
    const months = ["2022-01", "2021-11", "2021-08"].map((key) => ({ key, title: key, url: `/luu-tru/${key}/` }));
    const links = linkArchiveMonths(months, vi);
    expect(links.get("2022-01")).toEqual({ older: { url: "/luu-tru/2021-11/", label: "← 2021-11" }, newer: null });
    expect(links.get("2021-11")).toEqual({
      older: { url: "/luu-tru/2021-08/", label: "← 2021-08" },
      newer: { url: "/luu-tru/2022-01/", label: "2022-01 →" },
    });
    expect(links.get("2021-08")?.older).toBeNull();
  });
});
