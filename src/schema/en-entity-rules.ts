// English entity rules (rules/en/entities.yaml): the words around names that
// tell a person from an organisation or a place, as data.
import { z } from 'zod';

const word = z.string().trim().min(1, 'expected a non-empty string');
const words = z.array(word).default([]);

export const EnEntityRulesSchema = z
  .object({
    honorifics: words.meta({ description: 'Words before a name that are never part of it (Dr, Mr, Prince, Sheikh).' }),
    titles: words.meta({ description: 'Title and role words; a capitalised run after them is a person (Foreign Minister X, manager X).' }),
    titleModifiers: words.meta({ description: 'Words that may stand inside a title phrase (foreign, deputy, chief, head, interim).' }),
    titleQualifiers: words
      .default([])
      .meta({
        description:
          'Modifiers that do not change which post a title names (former, acting): "the former minister" may refer to whoever was bound as minister; "the home minister" not to the prime minister.',
      }),
    orgRoles: words.meta({ description: 'Roles held in an organisation: an unknown name right before them is the organisation (Brackenridge manager, A Corvane spokeswoman).' }),
    orgHeads: words.meta({ description: 'Last words that make a capitalised name an organisation (Institute, Bank, Federation).' }),
    orgInitialHeads: words.meta({ description: 'First words that make a name with "of"/"for" an organisation (Centre for ..., Department of ...).' }),
    orgTypeNouns: words.meta({ description: 'Lowercase nouns after which a name is an organisation (the broadcaster TRT, the charity X).' }),
    placeHeads: words.meta({ description: 'Last words that make a capitalised name a place (Millbrook Park).' }),
    particles: words.meta({ description: 'Lowercase name particles inside a name (al, bin, van, de).' }),
    connectors: words.meta({ description: 'Lowercase words that may join the parts of an organisation name (of, for, and, the).' }),
    notNames: words.meta({ description: 'Capitalised words that are never names or name parts (days, months, function words).' }),
    orgNameWords: words
      .default([])
      .meta({ description: 'Words of notNames that still open an organisation\'s name right before a capitalised name with its head word (New York Stock Exchange, National Grid Company).' }),
    notAcronyms: words.meta({ description: 'Capitalised abbreviations that are not organisations (GMT, CEO).' }),
    governmentWords: words.meta({ description: 'Nouns that make a phrase a government, not an entity (the Syrian government).' }),
    firstNameTitles: words.meta({ description: 'Titles after which one name is a first name that later refers back (Prince Abdulaziz … Abdulaziz).' }),
    kindHeads: words.meta({ description: 'Last words of an organisation name that say what kind of body it is (X Bank is a bank; X Robotics says nothing).' }),
    lowercaseOrgs: words.meta({ description: 'Lowercase heads of unnamed state bodies after a place possessive (Yemen’s health ministry).' }),
  })
  .strict();

export type EnEntityRules = z.infer<typeof EnEntityRulesSchema>;
