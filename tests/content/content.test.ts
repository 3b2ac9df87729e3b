// The content rules: every topic of the article, written for the ear, every branch reachable and answerable.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allSources, articleHeadings } from "../../lambda/content/accuracy.js";
import { withWording } from "../../lambda/content/index.js";
import { isTopicIntent, SPECIAL_TARGETS, TOPIC_INTENTS } from "../../lambda/content/intents.js";
import {
  ContentError,
  loadContent,
  PROMPTS_DIR,
  speechContent,
  speechWording,
} from "../../lambda/content/load.js";
import { CHANNELS, normalise, type Topic } from "../../lambda/content/schema.js";

const content = loadContent();

function strings(value: unknown, path = ""): Array<[string, string]> {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** The steps reachable from the first one, following every answer the engine accepts. */
function reachable(topic: Topic): Set<number> {
  const seen = new Set<number>();
  const index = (target: string, from: number) =>
    target === "next" ? from + 1 : topic.steps.findIndex((s) => s.id === target);
  const visit = (i: number) => {
    if (i < 0 || i >= topic.steps.length || seen.has(i)) return;
    seen.add(i);
    const step = topic.steps[i];
    if (!step) return;
    if (step.then === "question") {
      visit(index(step.yes ?? "next", i));
      visit(index(step.no ?? "next", i));
    } else visit(i + 1);
    if (step.confirm) visit(i + 1);
  };
  visit(0);
  return seen;
}

describe("content of prompts/en-US", () => {
  it("defines every topic intent of the public contract, each in its own file", () => {
    expect(Object.keys(content.topics).sort()).toEqual([...TOPIC_INTENTS].sort());
  });

  it.each(TOPIC_INTENTS)("%s has at least 25 distinct sample utterances", (intent) => {
    const utterances = content.topics[intent].utterances;
    expect(new Set(utterances.map(normalise)).size).toBeGreaterThanOrEqual(25);
    expect(utterances.some((u) => u.split(" ").length <= 4)).toBe(true);
    expect(utterances.some((u) => u.split(" ").length >= 7)).toBe(true);
  });

  it("covers every section of the article: each heading is some step's or answer's source", () => {
    const cited = new Set(
      allSources(content.topics, content.questions, content.files, "questions.yaml")
        .filter((e) => e.kind === "article")
        .map((e) => e.ref),
    );
    // The article's opening is background, not an instruction; the last line is the blog's comment link.
    const background = [
      "Understanding the Importance of iCloud Backup",
      "Other Factors to Consider",
      "Leave a Comment",
    ];
    const uncited = [...articleHeadings()].filter((h) => !cited.has(h) && !background.includes(h));
    expect(uncited).toEqual([]);
  });

  it.each(CHANNELS)("never puts UI notation, placeholders or markup in what is spoken (%s)", (channel) => {
    const spoken = strings(speechContent(content, channel)).filter(
      ([path]) => !/\.(intent|id|then|finish|yes|no)$/.test(path),
    );
    expect(spoken.length).toBeGreaterThan(100);
    for (const [path, text] of spoken) {
      expect(text, path).not.toMatch(/[<>[\]*#|\\]|https?:/);
      expect(text, path).not.toMatch(/Your Name/);
      // Web addresses as written: chat shows them, voice reads them out (lambda/speech/render.ts).
      expect(text, path).not.toMatch(/\bdot (com|apple)\b/);
    }
  });

  it.each(CHANNELS)("keeps every step to one breath: at most 45 words (%s)", (channel) => {
    for (const topic of Object.values(speechContent(content, channel).topics)) {
      for (const step of topic.steps)
        expect(step.say.split(/\s+/).length, `${topic.intent}/${step.id}`).toBeLessThanOrEqual(45);
    }
  });

  it("announces hard-to-undo steps before reading them", () => {
    const spoken = speechContent(content);
    const confirmed = Object.values(spoken.topics).flatMap((t) =>
      t.steps.filter((s) => s.confirm).map((s) => s.say),
    );
    const risky = Object.values(spoken.topics).flatMap((t) =>
      t.steps.filter((s) => /Reset Network Settings|tap Sign Out|delete (its|the) backup/i.test(s.say)),
    );
    expect(risky.length).toBeGreaterThan(3);
    for (const step of risky) expect(confirmed, step.id).toContain(step.say);
  });

  it.each(TOPIC_INTENTS)("%s: every branch target exists and every step is reachable", (intent) => {
    const topic = content.topics[intent];
    const ids = topic.steps.map((s) => s.id);
    for (const step of topic.steps) {
      for (const t of [step.yes, step.no]) {
        if (t && !(SPECIAL_TARGETS as readonly string[]).includes(t) && !isTopicIntent(t))
          expect(ids).toContain(t);
      }
    }
    expect([...reachable(topic)].sort((a, b) => a - b)).toEqual(topic.steps.map((_, i) => i));
  });
});

describe("a broken content file", () => {
  const broken = (edit: (yaml: string) => string, file = "restart-iphone.yaml") => {
    const dir = mkdtempSync(join(tmpdir(), "prompts-"));
    cpSync(PROMPTS_DIR, dir, { recursive: true });
    const path = join(dir, "en-US", file);
    writeFileSync(path, edit(readFileSync(path, "utf8")));
    try {
      loadContent("en-US", dir);
    } catch (err) {
      expect(err).toBeInstanceOf(ContentError);
      return (err as ContentError).message;
    }
    throw new Error("broken content was accepted");
  };

  it("names the file, the field and the problem", () => {
    const message = broken((y) => y.replace(/title: holding the buttons/, "title: Settings > General"));
    expect(message).toContain("en-US/restart-iphone.yaml: steps[0].title: must not contain '<' or '>'");
  });

  it("rejects a branch to a step that does not exist", () => {
    const message = broken(
      (y) => y.replace(/yes: free-storage/, "yes: free-storag"),
      "troubleshoot-backup.yaml",
    );
    expect(message).toContain("troubleshoot-backup.yaml: steps[0].yes: points to step 'free-storag'");
  });

  it("rejects a step too long to take in at once", () => {
    const long = Array.from({ length: 50 }, () => "word").join(" ");
    const message = broken((y) => y.replace(/Drag the slider to turn off your iPhone\./, long));
    expect(message).toMatch(/restart-iphone.yaml: steps\[1\].say: must be at most 45 words/);
  });

  it("rejects a step without a source, and a source that is not what it says", () => {
    const noSource = broken((y) => y.replace(/(id: power-off[\s\S]*?)\n {4}sources:\n( {6}- .*\n)+/, "$1\n"));
    expect(noSource).toContain("restart-iphone.yaml: steps[1].sources:");
    const empty = broken((y) => y.replace(/(id: power-off[\s\S]*?\n {4}sources:)\n( {6}- .*\n)+/, "$1 []\n"));
    expect(empty).toContain("steps[1].sources: needs at least one source");
    const section = broken((y) =>
      y.replace(/article: Step 5: Restart Your iPhone/, "article: Step 5: Reboot"),
    );
    expect(section).toContain(
      "'article: Step 5: Reboot' is not a section heading of docs/source-article.txt",
    );
    const notApple = broken((y) =>
      y.replace(/apple: https:\/\/support\.apple\.com\/en-us\/118259/, "apple: https://example.com/restart"),
    );
    expect(notApple).toContain("an 'apple' source starts with an https://...apple.com/ URL");
    expect(broken((y) => y.replace(/- "apple: https:\/\/support/, '- "vendor: https://support'))).toContain(
      "must start with one of 'apple: ', 'article: '",
    );
  });

  it("rejects 'Apple ID' said without 'Apple Account', its name since iOS 18", () => {
    const old = broken((y) =>
      y.replace(
        /Press and hold the side button until you see the Apple logo\./,
        "Sign in with your Apple ID.",
      ),
    );
    expect(old).toContain('restart-iphone.yaml: steps.2.say: says "Apple ID" without "Apple Account"');
    // Both names in one phrase (for callers on older iOS) are fine; so is "Apple ID" in training phrases.
    expect(() =>
      loadContent(
        "en-US",
        (() => {
          const dir = mkdtempSync(join(tmpdir(), "prompts-"));
          cpSync(PROMPTS_DIR, dir, { recursive: true });
          const path = join(dir, "en-US", "restart-iphone.yaml");
          const y = readFileSync(path, "utf8").replace(
            /Press and hold the side button until you see the Apple logo\./,
            "Use your Apple Account, which used to be called Apple ID.",
          );
          writeFileSync(path, y);
          return dir;
        })(),
      ),
    ).not.toThrow();
  });

  it("rejects a step that deletes, erases or signs out without its warning and a safer way for 'no'", () => {
    const file = "reset-network-settings.yaml";
    const noConfirm = broken((y) => y.replace(/ {4}confirm: >-\n( {6}.*\n)+/, ""), file);
    expect(noConfirm).toContain(
      "reset-network-settings.yaml: steps[0].confirm: a step that deletes, erases or signs out needs confirm",
    );
    const noWayOut = broken((y) => y.replace(/ {4}declined: support\n/, ""), file);
    expect(noWayOut).toContain("steps[0].confirm: a step that deletes, erases or signs out needs confirm");
    const vague = broken(
      (y) =>
        y.replace(/ {4}confirm: >-\n( {6}.*\n)+/, "    confirm: Your iPhone will restart after this one.\n"),
      file,
    );
    expect(vague).toContain("steps[0].confirm: must say plainly what is lost or erased");
  });

  it("rejects a missing field, bad YAML, and a phrase trained on two intents", () => {
    expect(broken((y) => y.replace(/^answer:/m, "answr:"))).toMatch(
      /restart-iphone.yaml: answer: .*(expected string|Invalid)/i,
    );
    expect(broken((y) => `${y}\n  - : [`)).toContain("restart-iphone.yaml: (file): not valid YAML");
    expect(
      broken((y) => y.replace(/^utterances:\n/m, "utterances:\n  - my backup isn't working\n")),
    ).toContain("'my backup isn't working' is also an utterance of");
  });

  it("rejects a phrase that would speak of a call, a line or a key where the channel is not a call", () => {
    // One text for every channel: "Thanks for calling" would be said on a smart speaker too.
    const everywhere = broken(
      (y) =>
        y.replace(/goodbye:\n {4}default: .*\n {4}phone: .*\n/, "goodbye: Thanks for calling. Goodbye.\n"),
      "shared.yaml",
    );
    expect(everywhere).toContain("shared.yaml: replies.goodbye: on the speaker channel it speaks of a call");
    expect(everywhere).toContain("replies.goodbye: on the text channel it speaks of a call");
    // Worded for the phone, the rest keep the default: accepted. A speaker wording that says "press 1" is not.
    const keys = broken(
      (y) => y.replace(/goodbye:\n {4}default: /, "goodbye:\n    speaker: Press 1 to go on.\n    default: "),
      "shared.yaml",
    );
    expect(keys).toContain("replies.goodbye: on the speaker channel it speaks of a keypad");
    expect(keys).not.toContain("on the text channel");
  });

  it("rejects a web address spelled for the ear, and a branch that goes back", () => {
    expect(
      broken((y) => y.replace(/^answer: >-\n/m, "answer: >-\n  Go to support dot apple dot com.\n")),
    ).toMatch(/restart-iphone.yaml: answer: must write a web address as written/);
    const loop = broken((y) => y.replace(/no: back-up-now\n/, "no: check-update\n"), "update-ios.yaml");
    expect(loop).toContain("update-ios.yaml: steps[0].no: points back to step 'check-update'");
  });
});

describe("words per channel", () => {
  it("resolves each phrase for its channel, the default where a channel has none", () => {
    const phone = speechContent(content, "phone");
    const speaker = speechContent(content, "speaker");
    expect(phone.shared.replies.goodbye).toBe("Thanks for calling. Goodbye.");
    expect(speaker.shared.replies.goodbye).not.toMatch(/call/i);
    expect(speechContent(content, "text").shared.replies.goodbye).toBe(speaker.shared.replies.goodbye);
    expect(phone.shared.replies.helpAgent).toMatch(/press 0/);
    expect(speaker.shared.replies.helpAgent).not.toMatch(/press/);
  });

  it("stores for each channel only what it words differently, and that rebuilds its content", () => {
    const wording = speechWording(content);
    expect(wording.phone.length).toBeGreaterThan(3);
    const defaults = speechContent(content) as unknown as Record<string | number, unknown>;
    const at = (path: Array<string | number>) =>
      path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], defaults);
    for (const channel of CHANNELS)
      for (const [path, text] of wording[channel]) expect(at(path), path.join(".")).not.toBe(text);
    for (const channel of CHANNELS)
      expect(withWording(speechContent(content), wording[channel])).toEqual(speechContent(content, channel));
  });
});
