// A language profile gathers what the stages need to know about one language:
// its quote marks, sentence segmenter and the language-specific halves of the
// entity and quotation stages. Stages ask the document's profile; nothing
// outside src/lang branches on the language.
import type { Doc } from '../document.ts';
import type { Lang } from '../schema/output.ts';
import type { LanguageFile } from '../schema/rules.ts';
import type { QuoteMarkTable } from '../text/pair-quote-marks.ts';
import type { Gazetteer } from '../entities/gazetteer.ts';
import type { BoilerplateRules } from '../stages/mark-boilerplate.ts';
import type { DateRules } from '../stages/read-dateline.ts';
import type { ProblemCollector } from '../util/problems.ts';

/** What the stages read from the run's resources (built once per run, see src/resources.ts). */
export interface StageResources {
  boilerplate: BoilerplateRules;
  gazetteer: Gazetteer;
  profiles: Record<Lang, LanguageProfile>;
  /** Month names and dateline patterns per language. */
  dates: Record<Lang, DateRules>;
}

export interface StageContext {
  resources: StageResources;
}

/** What a language profile is built from, once per run. */
export interface ProfileInputs {
  rulesDir: string;
  settings: LanguageFile;
  collector: ProblemCollector;
  gazetteer: Gazetteer;
}


export interface LanguageProfile {
  readonly lang: Lang;
  readonly settings: LanguageFile;
  readonly marks: QuoteMarkTable;
  readonly segmenter: Intl.Segmenter;
  /** Sentences and tokens; profiles may refine the shared segmentation. */
  segment(doc: Doc, ctx: StageContext): void;
  findEntities(doc: Doc, ctx: StageContext): void;
  findQuotes(doc: Doc, ctx: StageContext): void;
  attributeSpeakers(doc: Doc, ctx: StageContext): void;
  /**
   * The places the article names or evokes by an adjective (الأردنية), by token index, as place
   * ids; after find-entities. Evidence for a name that several places share (عمان).
   */
  placesAt?(doc: Doc): ReadonlyMap<number, string>;
}

export function buildMarkTable(settings: LanguageFile): QuoteMarkTable {
  const roles = new Map<string, 'open' | 'close' | 'either'>();
  const partners = new Map<string, Set<string>>();
  for (const m of settings.quoteMarks) {
    roles.set(m.char, m.role);
    if (m.closedBy) partners.set(m.char, new Set(m.closedBy));
  }
  return { roles, partners };
}
