// A second opinion for the local classifier: TF-IDF cosine similarity between the caller's words and each
// training phrase, best phrase per intent. A small neural network trained on a few hundred phrases is sure of
// itself on words it never saw ("what does the extra space cost a month?" filed under a data-loss question);
// shared words weighted by how rare they are ("cost", "month") are not. Lex's own model does this kind of
// generalising far better; blending the two brings the local runtime closer to it.

const STOP = new Set(
  "a an the i me my we our you your it its it's is are was were be been am do does did to of in on at for with and or but so if that this there here what how can could would should will just um uh like please".split(
    " ",
  ),
);

/** Lowercase words, a light stem (plurals, -ing, -ed), stopwords out. */
export function terms(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^a-z0-9' ]/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map(stem);
}

function stem(w: string): string {
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith("ed")) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

type Vector = Map<string, number>;

export class LexicalIndex {
  private readonly idf = new Map<string, number>();
  private readonly phrases: Array<{ intent: string; vector: Vector }> = [];

  constructor(examples: Array<{ utterance: string; intent: string }>) {
    const docs = examples.map((e) => ({ intent: e.intent, terms: terms(e.utterance) }));
    const df = new Map<string, number>();
    for (const d of docs) for (const t of new Set(d.terms)) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log((docs.length + 1) / (n + 1)) + 1);
    for (const d of docs)
      if (d.terms.length > 0) this.phrases.push({ intent: d.intent, vector: this.vector(d.terms) });
  }

  private vector(list: string[]): Vector {
    const v: Vector = new Map();
    for (const t of list) v.set(t, (v.get(t) ?? 0) + (this.idf.get(t) ?? 0));
    let norm = 0;
    for (const x of v.values()) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (const [t, x] of v) v.set(t, x / norm);
    return v;
  }

  /** The best cosine similarity per intent, 0 to 1; words never seen in training count for nothing. */
  similarity(text: string): Map<string, number> {
    const q = this.vector(terms(text).filter((t) => this.idf.has(t)));
    const best = new Map<string, number>();
    if (q.size === 0) return best;
    for (const p of this.phrases) {
      let dot = 0;
      for (const [t, x] of q) dot += x * (p.vector.get(t) ?? 0);
      if (dot > (best.get(p.intent) ?? 0)) best.set(p.intent, dot);
    }
    return best;
  }
}
