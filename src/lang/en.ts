// The English profile.
import type { Doc } from '../document.ts';
import type { LanguageProfile, StageContext } from './profile.ts';
import { buildMarkTable } from './profile.ts';
import type { ProfileInputs } from '../resources.ts';
import { segmentText } from '../stages/segment-text.ts';

export function createEnglishProfile(inputs: ProfileInputs): LanguageProfile {
  const { settings } = inputs;
  const marks = buildMarkTable(settings);
  const segmenter = new Intl.Segmenter(settings.sentenceLocale, { granularity: 'sentence' });
  return {
    lang: 'en',
    settings,
    marks,
    segmenter,
    segment(doc: Doc) {
      segmentText(doc, { segmenter, marks });
    },
    findEntities(_doc: Doc, _ctx: StageContext) {},
    findQuotes(_doc: Doc, _ctx: StageContext) {},
    attributeSpeakers(_doc: Doc, _ctx: StageContext) {},
  };
}
