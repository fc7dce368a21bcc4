// Constructions of other outlets than the development corpus (wire, broadsheet,
// sport), each in a sentence or two: the speaker phrase past several
// appositions, possessors that are not the speaker, ages and titles that stand
// for a person, state bodies named by their place, and apostrophes that are not
// marks. Written after the rules, to check that they are general.
// Note on independence: these tests were added together with the code that makes
// them pass, so they guard against regressions but are no evidence that the rules
// carry over; that evidence is `npm run eval:real` on ../shared/devset.
import { describe, expect, it } from 'vitest';
import { run } from '../quotes/table-harness.ts';

const said = (text: string) => run(text, 'en').quotes.map((q) => ({ text: q.text, kind: q.kind, speaker: q.speaker?.name ?? null }));

describe('speakers in other outlets’ constructions', () => {
  it('passes over an age and an apposition to the name', () => {
    expect(said('Olena Kovalenko, 34, a teacher in Kharkiv, said she had not slept properly in weeks.')).toEqual([
      { text: 'she had not slept properly in weeks', kind: 'indirect', speaker: 'Olena Kovalenko' },
    ]);
  });
  it('takes the person in apposition, not the possessor', () => {
    const q = said('Asked whether Kyiv would strike back, Zelensky\'s chief of staff, Andriy Yermak, said: "We will defend ourselves."');
    expect(q).toEqual([{ text: 'We will defend ourselves', kind: 'direct', speaker: 'Andriy Yermak' }]);
  });
  it('does not give a country the words of its air force', () => {
    const q = said("Ukraine's air force said on Sunday it had shot down 40 of 45 drones.");
    expect(q).toHaveLength(1);
    expect(q[0]!.speaker).toBe("Ukraine's air force");
  });
  it('reads "the 26-year-old" as the person just named', () => {
    const q = said('Kylian Mbappé has insisted he is happy. "People talk a lot," the 26-year-old told TF1.');
    expect(q.at(-1)).toEqual({ text: 'People talk a lot', kind: 'direct', speaker: 'Kylian Mbappé' });
  });
  it('ends a reported clause at ", even as"', () => {
    const q = said('President Joe Biden said Tuesday that the United States would keep up pressure on Iran, even as diplomats scrambled to save the talks.');
    expect(q.map((x) => x.text)).toEqual(['the United States would keep up pressure on Iran']);
  });
  it('keeps a plural possessive and an elision inside single marks', () => {
    const q = said("'The players' union won't accept it,' said Nadia Kovač.");
    expect(q).toEqual([{ text: "The players' union won't accept it", kind: 'direct', speaker: 'Nadia Kovač' }]);
  });
});

describe('"the club", "the company": an organisation of that kind', () => {
  it('passes over an organisation the article called something else', () => {
    const q = said('Mbappé told French broadcaster TF1 he was happy at Real Madrid. The club said in a statement that he would miss the match.');
    expect(q.at(-1)).toEqual({ text: 'he would miss the match', kind: 'indirect', speaker: 'Real Madrid' });
  });
});

describe('paragraphs that are only a quotation', () => {
  it('continue the speaker of the paragraph before when it ended on a quote', () => {
    expect(said('"We will respond," Lavrov said.\n\n"Nobody should doubt that we mean it."')).toEqual([
      { text: 'We will respond', kind: 'direct', speaker: 'Sergey Lavrov' },
      { text: 'Nobody should doubt that we mean it', kind: 'direct', speaker: 'Sergey Lavrov' },
    ]);
  });
  it('are quotes without a speaker otherwise: no guess', () => {
    expect(said('The weather was cold.\n\n"Nobody should doubt that we mean it."')).toEqual([{ text: 'Nobody should doubt that we mean it', kind: 'direct', speaker: null }]);
  });
});

describe('entity ids', () => {
  it('names a state body by its place, so that two ministries of health are two entities', () => {
    const out = run("Yemen's health ministry said cases had doubled. Sudan's health ministry said they had fallen.", 'en');
    const ids = out.entities.filter((e) => e.type === 'organisation').map((e) => e.id).sort();
    expect(ids).toEqual(['organisation.sudan-health-ministry', 'organisation.yemen-health-ministry']);
  });
});
