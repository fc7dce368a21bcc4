// The Arabic profile.
import type { Doc } from '../../document.ts';
import type { LanguageProfile, StageContext } from '../profile.ts';
import { buildMarkTable } from '../profile.ts';
import type { ProfileInputs } from '../profile.ts';
import { segmentText } from '../../stages/segment-text.ts';
import { join } from 'node:path';
import { loadYamlFile } from '../../util/load-yaml.ts';
import { CueFileSchema } from '../../schema/cue-rules.ts';
import { compileCueLexicon } from '../../quotes/cue-lexicon.ts';
import { findArabicQuotes, type CueHit } from './quotes.ts';
import { attributeArabicSpeakers } from './speakers.ts';
import { compileArabicRules, entityRuleFiles, loadArabicCoref, loadEntityRuleFiles } from './entity-rules.ts';
import type { ArabicEntityFacts } from './entities.ts';
import { findArabicEntities } from './entities.ts';
import { PerArticle } from '../../util/per-article.ts';

export function createArabicProfile(inputs: ProfileInputs): LanguageProfile {
  const { settings } = inputs;
  const marks = buildMarkTable(settings);
  const segmenter = new Intl.Segmenter(settings.sentenceLocale, { granularity: 'sentence' });
  const abbreviations = new Set(settings.abbreviations);
  const cueFile = inputs.collector.run(() => loadYamlFile(join(inputs.rulesDir, 'ar', 'cues.yaml'), CueFileSchema).data);
  const lexicon = cueFile ? compileCueLexicon(cueFile, ['و', 'ف']) : null;
  // The cues found for a document, handed from find-quotes to attribute-speakers.
  const cuesOf = new PerArticle<Doc, CueHit[]>();
  const entityFiles = inputs.collector.run(() => loadEntityRuleFiles(entityRuleFiles(inputs.rulesDir, 'ar')));
  const entityRules = entityFiles ? compileArabicRules(entityFiles) : null;
  const coref = inputs.collector.run(() => loadArabicCoref(inputs.rulesDir));
  // What the entity stage learnt about each person and organisation, for the speaker sieve.
  const factsOf = new PerArticle<Doc, ArabicEntityFacts>();
  return {
    lang: 'ar',
    settings,
    marks,
    segmenter,
    segment(doc: Doc) {
      segmentText(doc, { segmenter, marks, abbreviations });
    },
    findEntities(doc: Doc, ctx: StageContext) {
      factsOf.set(doc, findArabicEntities(doc, ctx.resources.gazetteer, entityRules!, coref));
    },
    findQuotes(doc: Doc, _ctx: StageContext) {
      cuesOf.set(doc, findArabicQuotes(doc, lexicon!, marks).cues);
    },
    placesAt(doc: Doc) {
      const out = new Map<number, string>();
      for (const [t, slug] of factsOf.get(doc)?.nationalityAt ?? []) out.set(t, `place.${slug}`);
      return out;
    },
    attributeSpeakers(doc: Doc, _ctx: StageContext) {
      attributeArabicSpeakers(doc, lexicon!, cuesOf.get(doc) ?? [], coref && { lex: coref, facts: factsOf.get(doc) ?? { features: () => new Map(), nationalityAt: new Map() } });
      // The last stage that reads them (see util/per-article.ts).
      cuesOf.delete(doc);
      factsOf.delete(doc);
    },
  };
}
