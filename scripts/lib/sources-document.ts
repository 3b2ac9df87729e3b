// Renders docs/flows/sources.md from the content's `sources:`: what each instruction is checked against, which
// Apple pages are used where, and what still needs checking on an iPhone. Generated, so it can't drift.
import { allSources, type SourceEntry } from "../../lambda/content/accuracy.js";
import type { Content } from "../../lambda/content/load.js";
import { SOURCE_KINDS, type SourceKind } from "../../lambda/content/schema.js";

const KIND_MEANS: Record<SourceKind, string> = {
  apple: "an Apple support page (URL and title as Apple publishes them)",
  article: "a section of the source article (`docs/source-article.txt`; the heading is checked)",
  secondary: "a page that is not Apple's",
  device: "a label or behaviour not yet checked against an Apple page: check it on an iPhone",
  line: "the line's own behaviour, which needs no outside source",
};

/** Legacy Apple addresses (HT..., kb/PH...): the page may have moved; its current address needs confirming. */
const isLegacy = (ref: string) => /apple\.com\/(en-us\/HT\d|kb\/)/.test(ref);

export function sourcesDocument(content: Content): string {
  const entries = allSources(
    content.topics,
    content.questions,
    content.files,
    "prompts/en-US/questions.yaml",
  );
  const byKind = (kind: SourceKind) => entries.filter((e) => e.kind === kind);
  const steps = Object.values(content.topics).reduce((n, t) => n + t.steps.length, 0);
  const places = new Set(entries.map((e) => e.where)).size;
  const uses = new Map<string, Set<string>>();
  for (const e of entries)
    uses.set(`${e.kind}: ${e.ref}`, (uses.get(`${e.kind}: ${e.ref}`) ?? new Set()).add(e.where));
  const list = (kind: SourceKind, filter: (e: SourceEntry) => boolean = () => true) =>
    [
      ...new Set(
        byKind(kind)
          .filter(filter)
          .map((e) => e.ref),
      ),
    ]
      .sort()
      .map((ref) => `- ${ref}: ${[...(uses.get(`${kind}: ${ref}`) ?? [])].join("; ")}`);
  return [
    "# Content sources",
    "",
    "Generated from the `sources:` of `prompts/en-US/` by `npm run docs`. Do not edit: edit the content.",
    "",
    `${steps} steps and ${places - steps} answers and side answers carry ${entries.length} sources. Kinds:`,
    "",
    "| kind | means | sources |",
    "| --- | --- | --- |",
    ...SOURCE_KINDS.map((k) => `| ${k} | ${KIND_MEANS[k]} | ${byKind(k).length} |`),
    "",
    "## Apple pages, and where each is used",
    "",
    ...list("apple", (e) => !isLegacy(e.ref)),
    "",
    "## Legacy Apple addresses: current page not confirmed",
    "",
    ...list("apple", (e) => isLegacy(e.ref)),
    "",
    "## Needs a check on an iPhone",
    "",
    ...list("device"),
    "",
    "## Article sections",
    "",
    ...list("article"),
    "",
  ].join("\n");
}
