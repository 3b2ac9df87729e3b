// Small pieces of the runtime that are easier to pin down directly: the session store's expiry and cap, the
// SSML-to-text rendering the console shows, keyed digits, and start-up time.
import { afterEach, describe, expect, it } from "vitest";
import { keyedDigits, LexRuntime } from "../../local/runtime.js";
import { SessionStore } from "../../local/session-store.js";
import { ssmlToText, unescapeXml } from "../../local/ssml-text.js";

describe("SessionStore", () => {
  let store: SessionStore<string> | undefined;
  afterEach(() => store?.close());

  it("expires idle sessions on access and on sweep", () => {
    let now = 0;
    store = new SessionStore<string>({ idleTtlMs: 1000, maxSessions: 10, sweepEveryMs: 0, now: () => now });
    store.set("a", "A");
    store.set("b", "B");
    now = 999;
    expect(store.get("a")).toBe("A");
    store.set("b", "B2");
    now = 1000;
    expect(store.get("a")).toBeUndefined();
    expect(store.size).toBe(1);
    now = 2000;
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(0);
  });

  it("evicts the least recently written session beyond the cap", () => {
    store = new SessionStore<number>({ idleTtlMs: 60_000, maxSessions: 2, sweepEveryMs: 0 }) as never;
    const s = store as unknown as SessionStore<number>;
    s.set("a", 1);
    s.set("b", 2);
    s.set("a", 3);
    s.set("c", 4);
    expect(s.get("b")).toBeUndefined();
    expect(s.get("a")).toBe(3);
    expect(s.get("c")).toBe(4);
  });

  it("stays bounded under many one-off sessions", () => {
    store = new SessionStore<string>({ idleTtlMs: 60_000, maxSessions: 100, sweepEveryMs: 0 });
    for (let i = 0; i < 10_000; i++) store.set(`s${i}`, "x");
    expect(store.size).toBe(100);
    expect(store.get("s9999")).toBe("x");
  });
});

describe("ssmlToText", () => {
  it("shows short pauses as an ellipsis, long ones as a new line, and unescapes entities", () => {
    const ssml =
      '<speak><s>Step 2.</s><break time="350ms"/><s>Tap &quot;Backups&quot; &amp; wait.</s>' +
      '<break time="2s"/><s>It&apos;s &lt;done&gt;&#33; &#x2014; ok</s></speak>';
    expect(ssmlToText(ssml)).toBe('Step 2. … Tap "Backups" & wait.\nIt\'s <done>! — ok');
  });

  it("reads <sub> as its alias and drops other markup", () => {
    expect(
      ssmlToText(
        '<speak><p>Visit <sub alias="support dot apple dot com">support.apple.com</sub></p></speak>',
      ),
    ).toBe("Visit support dot apple dot com");
  });

  it("leaves unknown entities alone", () => {
    expect(unescapeXml("a &bogus; b")).toBe("a &bogus; b");
  });
});

describe("keyedDigits", () => {
  it.each([
    ["1", "1"],
    ["12#", "12"],
    ["1*2", "2"],
    ["5#9", "5"],
    ["*", ""],
  ])("%s -> %s", (keys, expected) => {
    expect(keyedDigits(keys)).toBe(expected);
  });
});

describe("start-up", () => {
  it("loads the bot, trains the classifier and loads the Lambda in under 2 seconds", async () => {
    const runtime = await LexRuntime.create();
    try {
      expect(runtime.startupMs).toBeLessThan(2000);
    } finally {
      runtime.close();
    }
  });
});
