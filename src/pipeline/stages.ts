// The per-article stages, in order. Order is data: this list is the pipeline.
// Each stage is a small named unit; a stage that throws fails the article with
// its name and the reason, and the batch goes on.
import type { Doc } from '../document.ts';
import type { StageContext } from '../lang/profile.ts';
import { markBoilerplate } from '../stages/mark-boilerplate.ts';
import { Normalised } from '../text/normalise.ts';
import { linkAmbiguousNames } from '../entities/link-ambiguous-names.ts';
import { readDateline } from '../stages/read-dateline.ts';

export interface Stage {
  name: string;
  run(doc: Doc, ctx: StageContext): void;
}

export const STAGES: readonly Stage[] = [
  // The view first: boilerplate lines are matched in it.
  { name: 'normalise-text', run: (doc) => void (doc.view = new Normalised(doc.source)) },
  { name: 'mark-boilerplate', run: (doc, ctx) => markBoilerplate(doc, ctx.resources.boilerplate) },
  { name: 'segment-text', run: (doc, ctx) => ctx.resources.profiles[doc.lang].segment(doc, ctx) },
  { name: 'find-entities', run: (doc, ctx) => ctx.resources.profiles[doc.lang].findEntities(doc, ctx) },
  { name: 'link-ambiguous-names', run: (doc, ctx) => linkAmbiguousNames(doc, ctx.resources.gazetteer, ctx.resources.profiles[doc.lang].marks.roles, ctx.resources.profiles[doc.lang]) },
  { name: 'read-dateline', run: (doc, ctx) => Object.assign(doc, readDateline(doc, ctx.resources.dates[doc.lang])) },
  { name: 'find-quotes', run: (doc, ctx) => ctx.resources.profiles[doc.lang].findQuotes(doc, ctx) },
  { name: 'attribute-speakers', run: (doc, ctx) => ctx.resources.profiles[doc.lang].attributeSpeakers(doc, ctx) },
];
