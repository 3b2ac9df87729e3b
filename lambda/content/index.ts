// The validated content, compiled into the bundle at build time (see scripts/build-content.ts): the default
// words, and what each channel words differently. `contentFor` gives one channel's content, built on first use.
import { speech, wording } from "./generated/speech.js";
import type { Channel, SpeechContent, WordingOverride } from "./types.js";

/** The default words: what channels without words of their own say, and what tools and tests read. */
export const content = speech;

const byChannel = new Map<Channel, SpeechContent>();

export function contentFor(channel: Channel): SpeechContent {
  let worded = byChannel.get(channel);
  if (!worded) {
    worded = withWording(speech, wording[channel]);
    byChannel.set(channel, worded);
  }
  return worded;
}

type Node = Record<string | number, unknown>;

/** The content with some phrases replaced: only the objects on the way to a replaced phrase are copied. */
export function withWording(base: SpeechContent, overrides: WordingOverride[]): SpeechContent {
  if (overrides.length === 0) return base;
  const root = { ...base } as unknown as Node;
  const copied = new Set<unknown>([root]);
  for (const [path, text] of overrides) {
    let node = root;
    for (const [i, key] of path.entries()) {
      if (i === path.length - 1) {
        node[key] = text;
        break;
      }
      let child = node[key] as Node;
      if (!copied.has(child)) {
        child = (Array.isArray(child) ? [...child] : { ...child }) as Node;
        copied.add(child);
        node[key] = child;
      }
      node = child;
    }
  }
  return root as unknown as SpeechContent;
}
