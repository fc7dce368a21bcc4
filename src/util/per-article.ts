// What one stage of an article hands to a later stage of the same article (the cues found by
// find-quotes for attribute-speakers, the entity facts for the speaker sieve).
//
// Note: not a WeakMap keyed by the document. V8's scavenger treats a WeakMap entry whose key is
// young as live, so every article's document (source, view, tokens, mentions) outlived the
// young-generation collections that met it and was promoted: a third of all allocation
// survived, scavenges took 20–30 ms instead of 1–2, and the old generation filled with dead
// articles. The entries here are strong; the last stage that reads an article's entry drops it,
// and at most LIMIT are kept in case an article fails between the stages.
const LIMIT = 4;

export class PerArticle<K extends object, V> {
  private readonly entries = new Map<K, V>();

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > LIMIT) this.entries.delete(this.entries.keys().next().value!);
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
