// The English profile: segmentation by compromise (sentences, part of speech)
// after page furniture is set aside, entities from the gazetteer, compromise
// and rules merged under one entity per referent, quotations and their
// speakers. Everything heavy — the cue lexicon, the entity rules, the
// gazetteer names taught to compromise — is built once, here, per run.
import { join } from 'node:path';
import type { Doc, DocQuote } from '../../document.ts';
import type { LanguageProfile, StageContext } from '../profile.ts';
import type { ProfileInputs } from '../profile.ts';
import { loadYamlFile } from '../../util/load-yaml.ts';
import { EnCueFileSchema } from '../../schema/en-cue-rules.ts';
import { FurnitureFileSchema } from '../../schema/en-furniture.ts';
import { compileEnglishCues } from './cue-lexicon.ts';
import { PerArticle } from '../../util/per-article.ts';
import { englishMarkTable } from './marks.ts';
import { findEnglishQuotes, type EnQuoteInfo } from './quotes.ts';
import { attributeEnglishSpeakers } from './speakers.ts';
import { compileFurniture, markFurniture, segmentEnglish, type EnglishLayers } from './segment.ts';
import { teachGazetteer } from './nlp.ts';
import { compileEnglishEntityRules, loadEnglishEntityRules } from './entity-rules.ts';
import { findEnglishEntities, type EnglishEntityFacts } from './entities.ts';
import { genderedWords, loadCorefLexicon } from '../../entities/coref.ts';

export function createEnglishProfile(inputs: ProfileInputs): LanguageProfile {
  const { settings } = inputs;
  const marks = englishMarkTable(settings);
  const segmenter = new Intl.Segmenter(settings.sentenceLocale, { granularity: 'sentence' });
  const dir = join(inputs.rulesDir, 'en');
  const cueFile = inputs.collector.run(() => loadYamlFile(join(dir, 'cues.yaml'), EnCueFileSchema).data);
  const furnitureFile = inputs.collector.run(() => loadYamlFile(join(dir, 'furniture.yaml'), FurnitureFileSchema).data);
  const entityFile = inputs.collector.run(() => loadEnglishEntityRules(inputs.rulesDir));
  const coref = inputs.collector.run(() => loadCorefLexicon(inputs.rulesDir, 'en'));
  const lexicon = cueFile ? compileEnglishCues(cueFile) : null;
  const furniture = furnitureFile ? compileFurniture(furnitureFile) : null;
  const gendered = coref ? genderedWords(coref) : { male: new Set<string>(), female: new Set<string>() };
  const entityRules =
    entityFile && lexicon
      ? compileEnglishEntityRules(entityFile, { speechVerbs: lexicon.finiteForms, subjectAdverbs: lexicon.subjectAdverbs, maleTitles: gendered.male, femaleTitles: gendered.female })
      : null;
  // Words that make a phrase a possible speaker (titles, honorifics, roles in an organisation).
  const speakerWords = new Set<string>(entityRules ? [...entityRules.titles, ...entityRules.honorifics, ...entityRules.orgRoles] : []);
  // The gazetteers' English names, taught to compromise once.
  if (inputs.gazetteer) teachGazetteer(inputs.gazetteer);
  // What one stage leaves for the next, per document (not WeakMaps: see PerArticle); the last
  // stage drops them.
  const layersOf = new PerArticle<Doc, EnglishLayers>();
  const factsOf = new PerArticle<Doc, EnglishEntityFacts>();
  const quotesOf = new PerArticle<Doc, Map<DocQuote, EnQuoteInfo>>();
  const layers = (doc: Doc): EnglishLayers => layersOf.get(doc) ?? { parses: new Map(), pos: new Uint32Array(doc.tokens.length) };
  return {
    lang: 'en',
    settings,
    marks,
    segmenter,
    segment(doc: Doc) {
      markFurniture(doc, furniture!);
      layersOf.set(doc, segmentEnglish(doc, marks));
    },
    findEntities(doc: Doc, ctx: StageContext) {
      factsOf.set(doc, findEnglishEntities(doc, ctx.resources.gazetteer, entityRules!, layers(doc)));
    },
    findQuotes(doc: Doc, _ctx: StageContext) {
      quotesOf.set(doc, findEnglishQuotes(doc, lexicon!, marks, layers(doc).pos, speakerWords));
    },
    attributeSpeakers(doc: Doc, ctx: StageContext) {
      const facts = factsOf.get(doc) ?? { gender: new Map(), nameGender: new Set<string>(), demonyms: new Set<number>(), orgKind: new Map() };
      attributeEnglishSpeakers(doc, lexicon!, quotesOf.get(doc) ?? new Map(), facts, entityRules!, layers(doc).pos, coref!, ctx.resources.gazetteer ?? null);
      layersOf.delete(doc);
      factsOf.delete(doc);
      quotesOf.delete(doc);
    },
  };
}
