// Gazetteer files (gazetteers/*.yaml): named entities with their spellings in
// Arabic and English and the titles (roles) that may stand for them.
import { z } from 'zod';
import { EntityTypeSchema } from './output.ts';

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');

export const EntityIdSchema = z
  .string()
  .regex(/^(person|place|organisation)\.[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id like person.sergey-lavrov');

export const RoleSchema = z
  .object({
    ar: z.array(nonEmpty).default([]),
    en: z.array(nonEmpty).default([]),
    from: z.int().optional().meta({ description: 'First year the entity held the role.' }),
    to: z.int().optional().meta({ description: 'Last year the entity held the role; absent while it still does.' }),
  })
  .strict()
  .refine((r) => r.ar.length + r.en.length > 0, 'a role needs at least one title in ar or en');

export const GazetteerEntrySchema = z
  .object({
    id: EntityIdSchema,
    type: EntityTypeSchema,
    name: nonEmpty.meta({ description: 'Canonical display name, English.' }),
    names: z
      .object({ ar: z.array(nonEmpty).default([]), en: z.array(nonEmpty).default([]) })
      .strict()
      .refine((n) => n.ar.length + n.en.length > 0, 'an entry needs at least one name'),
    roles: z.array(RoleSchema).default([]),
    ambiguous: z
      .object({ ar: z.array(nonEmpty).default([]), en: z.array(nonEmpty).default([]) })
      .strict()
      .optional()
      .meta({
        description:
          'Names of this entry that are common words or shared by others (المصلحة الوطنية "the national interest", a bare surname such as Vance). ' +
          'Each must be one of its names. Such a name links to the entry only with evidence in the article: another of its names, ' +
          'a title of one of its roles right before it, or quote marks around it; otherwise a person becomes a new unlinked entity and anything else no entity. ' +
          'A name that other entries also have is shared on purpose: each mention goes to the one entry the article gives evidence for (its other names, ' +
          'its `within` place), and to none, with a warning, when the evidence names none or several.',
      }),
    within: EntityIdSchema.optional().meta({
      description:
        'The place this one lies in (a city\'s country). When a name is shared with another entry (عمان: Oman, Amman), a mention of that place in the article is evidence for this one.',
    }),
    wikidata: z
      .string()
      .regex(/^Q\d+$/, 'expected a Wikidata id like Q123')
      .optional(),
  })
  .strict()
  .refine((e) => e.id.startsWith(`${e.type}.`), { message: 'the id must start with the type', path: ['id'] })
  .superRefine((e, ctx) => {
    for (const lang of ['ar', 'en'] as const) {
      e.ambiguous?.[lang].forEach((name, k) => {
        if (!e.names[lang].includes(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is not one of the entry's ${lang} names`, path: ['ambiguous', lang, k] });
      });
    }
  });

export const DemonymSchema = z
  .object({
    place: EntityIdSchema,
    ar: z.array(nonEmpty).default([]),
    en: z.array(nonEmpty).default([]),
  })
  .strict();

export const GazetteerFileSchema = z
  .object({
    entities: z.array(GazetteerEntrySchema).default([]),
    demonyms: z.array(DemonymSchema).default([]),
  })
  .strict();

export type GazetteerEntry = z.infer<typeof GazetteerEntrySchema>;
export type Demonym = z.infer<typeof DemonymSchema>;
export type GazetteerFile = z.infer<typeof GazetteerFileSchema>;
