// Issue 23 rounds 10 and 11: organisation words of other languages, acronyms of names the article
// gave, kind nouns after a name, partners joined by "and", listed names with legal forms; people
// named with a country's possessive or speaking. Each with a case it must leave alone. The names here
// are not in the development articles.
import { describe, expect, it } from 'vitest';
import { linkAlone as link, newOrganizationsIn as organizationsIn } from './support/linking.ts';

const peopleIn = (paragraphs: string[]) => link(paragraphs).newPeople.map((person) => person.name);

describe('organisation words of other languages', () => {
  it('takes names built on them, and compounds that end in them', () => {
    expect(organizationsIn(['The Autorité de Régulation des Télécoms fined the operator.'])).toStrictEqual([
      'Autorité de Régulation des Télécoms ×1',
    ]);
    expect(organizationsIn(['The Collectif Marocain pour la Mer called the plan a farce.'])).toStrictEqual([
      'Collectif Marocain pour la Mer ×1',
    ]);
    expect(organizationsIn(['Analysts at Südholmer Handelsbank cut their forecast.'])).toStrictEqual([
      'Südholmer Handelsbank ×1',
    ]);
    expect(organizationsIn(['Patients were moved to the Universitätsklinikum Wendelstein.'])).toStrictEqual([
      'Universitätsklinikum Wendelstein ×1',
    ]);
  });

  it('leaves a hyphenated surname that ends like a bank to the person', () => {
    expect(organizationsIn(['Chief executive Ruth Westbank-Okafor said sales rose.'])).toStrictEqual([]);
  });

  it('ends company names with trades and newspapers’ words', () => {
    expect(organizationsIn(['The report was first published by the Kisumu Tribune.'])).toStrictEqual([
      'Kisumu Tribune ×1',
    ]);
    expect(organizationsIn(['Engineers at Tungabhadra Infotech built the model.'])).toStrictEqual([
      'Tungabhadra Infotech ×1',
    ]);
  });
});

describe('acronyms and short names', () => {
  it('reads an acronym that spells an organisation named before as that organisation', () => {
    const result = link(['The Civic Renewal Party won 40 seats. Ana Ruiz said the CRP party would govern alone.']);
    expect(result.newOrganizations.map((entity) => [entity.name, entity.spans.length, entity.aliases])).toStrictEqual([
      ['Civic Renewal Party', 2, ['CRP']],
    ]);
  });

  it('leaves an acronym used before any name it could spell as its own', () => {
    expect(
      organizationsIn(['Ana Ruiz said the CRP party would govern alone. The Civic Renewal Party won 40 seats.']),
    ).toStrictEqual(['CRP ×1', 'Civic Renewal Party ×1']);
  });

  it('reads a listed short name in brackets built of the full name’s openings as its alias', () => {
    const result = link([
      'The Office of Gas and Electricity Markets (Ofgem) fined the supplier. Ofgem said more fines would follow.',
    ]);
    expect(result.newOrganizations.map((entity) => [entity.name, entity.spans.length, entity.aliases])).toStrictEqual([
      ['Office of Gas and Electricity Markets', 2, ['Ofgem']],
    ]);
  });
});

describe('cues around a name', () => {
  it('takes a name before a kind noun, but not a place or a region’s adjective', () => {
    expect(organizationsIn(['Members of the opposition Mbolo Ndaw coalition walked out.'])).toStrictEqual([
      'Mbolo Ndaw ×1',
    ]);
    expect(organizationsIn(['Trading in Kafue Mutual shares was halted.'])).toStrictEqual(['Kafue Mutual ×1']);
    expect(organizationsIn(['He joined the Lisbon club in 2019, and the Tuscan club later.'])).toStrictEqual([]);
  });

  it('takes a group that calls itself a name, and a clan known as one', () => {
    expect(organizationsIn(['The hackers, who call themselves NightWarden, demanded payment.'])).toStrictEqual([
      'NightWarden ×1',
    ]);
    expect(organizationsIn(['It was run by a Calabrian clan known as Os Lobeiros, police said.'])).toStrictEqual([
      'Os Lobeiros ×1',
    ]);
  });

  it('takes a single word joined to an organisation when the two are a verb’s subject', () => {
    expect(organizationsIn(['Zembrapay and Banco Litoral said their apps were working.'])).toStrictEqual([
      'Banco Litoral ×1',
      'Zembrapay ×1',
    ]);
    expect(organizationsIn(['The Banco Litoral and Zembrapay foundations gave money.'])).toStrictEqual([
      'Banco Litoral ×1',
    ]);
  });

  it('keeps a preposition opening the sentence out of a name', () => {
    expect(organizationsIn(['In Burkina Faso, the armed group attacked a convoy.'])).toStrictEqual([]);
  });
});

describe('listed names', () => {
  // Kesko was listed in round 10; before, its legal form was found by the company rule.
  it('keeps a legal form after a listed name', () => {
    expect(organizationsIn(['Shares of Kesko Oyj rose 2% in Helsinki.'])).toStrictEqual(['Kesko Oyj ×1']);
  });

  it('gives way to a longer name that adds a line of business', () => {
    const result = link(['Sime Darby Plantation agreed to buy the mill. Sime Darby said it would pay cash.']);
    expect(result.newOrganizations.map((entity) => [entity.name, entity.spans.length])).toStrictEqual([
      ['Sime Darby Plantation', 2],
    ]);
  });
});

describe('people', () => {
  it('takes two words compromise reads as a person’s, speaking or acting', () => {
    expect(peopleIn(['Max Verstappen won the race on Sunday.'])).toStrictEqual(['Max Verstappen']);
    expect(peopleIn(['Red Bull won the title.'])).toStrictEqual([]);
  });

  it('takes a name opening with a place after a country’s possessive when its surname comes again', () => {
    expect(peopleIn(['He finished ahead of Chile’s Santiago Barraza. Barraza declined to comment.'])).toStrictEqual([
      'Santiago Barraza',
    ]);
  });

  it('reads a medical specialist before a name as a role', () => {
    const result = link(['Consultant urologist Fiona Heath said 40 patients were booked.']);
    expect(result.newPeople.map((person) => [person.name, person.description])).toStrictEqual([
      ['Fiona Heath', 'Consultant urologist'],
    ]);
  });
});
