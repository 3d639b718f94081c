import { describe, expect, it } from "vitest";
import { readDevServerHost } from "../../../lib/http/index.ts";

describe("the dev server's address", () => {
  it("is this machine only unless BANTIN_HOST opens it", () => {
    expect(readDevServerHost({})).toBe("127.0.0.1");
    expect(readDevServerHost({ BANTIN_HOST: " " })).toBe("127.0.0.1");
    expect(readDevServerHost({ BANTIN_HOST: "0.0.0.0" })).toBe("0.0.0.0");
  });
});
