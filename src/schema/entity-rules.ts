// Entity rule files (rules/<lang>/titles.yaml, rules/<lang>/entity-*.yaml): the
// words and patterns that find people and organisations the gazetteers do not
// know, and that bind title phrases to them. Every section is optional; the
// files of one language are merged. Words are written as in text and
// normalised at load time.
import { z } from 'zod';
import { EntityTypeSchema } from './output.ts';
import { RuleIdSchema } from './rules.ts';

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');
const words = z.array(nonEmpty);

export const EntityExampleSchema = z
  .object({
    text: nonEmpty.meta({ description: 'A sentence the rule is tested on.' }),
    entities: z
      .array(z.object({ text: nonEmpty, type: EntityTypeSchema }).strict())
      .default([])
      .meta({ description: 'Mentions the sentence must yield (the name as written, no clitics).' }),
    not: words.default([]).meta({ description: 'Texts that must not become mentions.' }),
  })
  .strict();

const ruleBase = {
  id: RuleIdSchema,
  about: nonEmpty,
  examples: z.array(EntityExampleSchema).min(1, 'every rule needs at least one example sentence'),
};

export const PersonRuleKindSchema = z.enum([
  'person-after-title',
  'person-before-title',
  'alias-surname',
  'title-coreference',
  'title-gazetteer-role',
]);

export const PersonRuleSchema = z
  .object({
    ...ruleBase,
    kind: PersonRuleKindSchema.meta({
      description:
        'person-after-title: a name after a title phrase; person-before-title: a name before one, after a trigger word; ' +
        'alias-surname: the last name alone refers back; title-coreference: a title given to someone earlier refers to them; ' +
        'title-gazetteer-role: a title no one in the article holds resolves through gazetteer roles.',
    }),
    maxNameTokens: z.int().min(1).max(6).default(4),
    minNameTokens: z.int().min(1).max(6).default(2).meta({
      description: 'Fewest tokens of a new name; a single token is accepted only as the surname of a person already named.',
    }),
    maxBareTokens: z.int().min(1).max(6).default(2).meta({
      description: 'Most name parts without the article that are not particles (سيرغي لافروف; عبد الفتاح السيسي has one).',
    }),
  })
  .strict();

export const OrganisationRuleSchema = z
  .object({
    ...ruleBase,
    heads: words.min(1).meta({ description: 'Words that open the name (وزارة, شركة, ...), without the article.' }),
    type: z
      .enum(['organisation', 'place'])
      .default('organisation')
      .meta({ description: 'What the name names: an organisation (وزارة الصحة) or a place found by its head word (ميناء الحديدة، مدينة المخا).' }),
    complement: z.enum(['list', 'definite', 'bare', 'name', 'list-field']).meta({
      description:
        'list: words of `list` only; definite: words with the article; bare: words without it (a proper name); ' +
        'name: a proper name, then words with the article; list-field: a word of `list` (الوطنية، العليا), then a field with ل and the article (للنفط) and at most one adjective after it (للطيران المدني).',
    }),
    list: nonEmpty.optional().meta({ description: 'Name of a word list (lists:) for complement: list.' }),
    min: z.int().min(0).default(1),
    max: z.int().min(1).max(5).default(2),
    place: z
      .union([z.boolean(), z.literal('required')])
      .default(false)
      .meta({
        description:
          'A demonym or a place name may close the name (وزارة الخارجية الروسية); required: it must (المنتخب العراقي, منتخب مصر: with min 0 the complement may be empty).',
      }),
    keepHead: z
      .boolean()
      .default(true)
      .meta({ description: 'The head is part of the name (وزارة الصحة); false for generic heads (شركة أرامكو → أرامكو).' }),
    headWithArticle: z
      .boolean()
      .default(false)
      .meta({ description: 'The head also opens the name with the article (المنتخب العراقي as well as منتخب مصر).' }),
    aliasWithoutHead: z
      .boolean()
      .default(false)
      .meta({ description: 'The complement alone (with its demonym) also names it later (الخارجية الروسية).' }),
  })
  .strict()
  .refine((r) => (r.complement !== 'list' && r.complement !== 'list-field') || r.list, { message: 'complement: list and list-field need a list name', path: ['list'] })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['min'] })
  .refine((r) => r.min > 0 || r.place === 'required', { message: 'min 0 needs place: required (a head alone names nothing)', path: ['min'] });

export const TitlesSchema = z
  .object({
    heads: words.default([]).meta({ description: 'Words (or phrases) that open a title: وزير, المتحدث باسم, المدير الفني.' }),
    counterparts: words.default([]).meta({
      description: 'Relational heads (نظيره): the title is the previous title of the sentence with a new nationality.',
    }),
    complements: words.default([]).meta({ description: 'Words without the article that may continue a title (خارجية, مجلس, إدارة).' }),
    qualifiers: words.default([]).meta({ description: 'Time qualifiers kept in every key of a title (السابق, الأسبق).' }),
    bridges: words.default([]).meta({ description: 'Prepositions inside a title before an organisation or place (باسم, لدى).' }),
    tentativeBridges: words.default([]).meta({
      description: 'Prepositions that are part of the title only when a name follows (في).',
    }),
    maxTokens: z.int().min(1).max(16).default(10),
  })
  .strict();

export const EntityRulesFileSchema = z
  .object({
    proclitics: words.optional().meta({ description: 'Prefixes stripped before matching, combinations included (و, ب, وب, ...).' }),
    article: z.string().optional(),
    lists: z.record(z.string(), words).default({}).meta({
      description:
        'Word lists. stop: words a name never runs over; particles: name parts that need a following part (عبد, بن); ' +
        'compound: second parts of compound names (الدين in صلاح الدين); notName: common words that never start a name; ' +
        'triggers: words after which a name may come before its title (كان, قال).',
    }),
    titles: TitlesSchema.optional(),
    rules: z.array(PersonRuleSchema).default([]),
    organisations: z.array(OrganisationRuleSchema).default([]),
  })
  .strict();

export type EntityExample = z.infer<typeof EntityExampleSchema>;
export type PersonRule = z.infer<typeof PersonRuleSchema>;
export type OrganisationRule = z.infer<typeof OrganisationRuleSchema>;
export type EntityRulesFile = z.infer<typeof EntityRulesFileSchema>;
