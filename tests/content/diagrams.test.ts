// The committed flow diagrams must match the content: a content change without `npm run docs` fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FLOWS_DIR, renderAll } from "../../scripts/render-diagrams.js";

describe("docs/flows", () => {
  it.each([...renderAll()])("%s is up to date (run npm run docs)", (name, text) => {
    let committed = "";
    try {
      committed = readFileSync(`${FLOWS_DIR}${name}`, "utf8");
    } catch {
      // missing file: compared as empty, so the failure names it
    }
    expect(committed).toBe(text);
  });
});
