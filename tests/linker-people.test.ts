// New people (issue 23, round 2): names from many languages, their later surname mentions, and the
// title before the first mention as description. Names here are invented for these tests.
import { describe, expect, it } from 'vitest';
import { linkAlone as link } from './support/linking.ts';

/** New people as `name ×mentions`, for compact assertions. */
function peopleIn(paragraphs: string[]): string[] {
  return link(paragraphs)
    .newPeople.map((person) => `${person.name} ×${person.spans.length}`)
    .sort();
}

function descriptionsIn(paragraphs: string[]): Record<string, string | null> {
  return Object.fromEntries(link(paragraphs).newPeople.map((person) => [person.name, person.description]));
}

describe('names from other languages', () => {
  it('reads Korean and Chinese names family name first, and links the family name alone', () => {
    expect(
      peopleIn([
        'Defence Minister Park Jae-won met Chinese Premier Li Qiang and Taiwan’s envoy, Lai Ching-te.',
        'Park said the talks were useful. Li disagreed, and Lai left early.',
      ]),
    ).toStrictEqual(['Lai Ching-te ×2', 'Li Qiang ×2', 'Park Jae-won ×2']);
  });

  it('keeps a hyphenated given name whole, but not two English words joined by a hyphen', () => {
    expect(peopleIn(['Its chairman, Choi Dong-hyun, 58, resigned. Anti-war groups cheered.'])).toStrictEqual([
      'Choi Dong-hyun ×1',
    ]);
  });

  it('does not read a family name first when the given name is an English one', () => {
    expect(peopleIn(['Kim Whitaker, 40, spoke.', 'Kim said nothing; Whitaker left.'])).toStrictEqual([
      'Kim Whitaker ×2',
    ]);
  });

  it('keeps Arabic particles inside a name and links the surname with or without its article', () => {
    expect(
      peopleIn([
        'Interior Minister Samir al-Haddadi met Khalid bin Rashed in Doha.',
        'Al-Haddadi said the meeting went well. Haddadi later flew home.',
      ]),
    ).toStrictEqual(['Khalid bin Rashed ×1', 'Samir al-Haddadi ×3']);
  });

  it('keeps Catalan, Portuguese and Dutch particles inside a name', () => {
    expect(
      peopleIn([
        'Regional leader Carles Vilaró i Soler met striker Ruben van der Meulen and midfielder João dos Santos Ferreira.',
        'Vilaró said the club would stay. Van der Meulen agreed.',
      ]),
    ).toStrictEqual(['Carles Vilaró i Soler ×2', 'João dos Santos Ferreira ×1', 'Ruben van der Meulen ×2']);
  });

  it('links the first of two Spanish surnames alone, but not a middle given name', () => {
    expect(
      peopleIn([
        'Economy Minister Beatriz Fuentes Carrasco and Judge Anna Maria Lindholm spoke.',
        'Fuentes said inflation would fall. Maria, a nurse, disagreed. Lindholm adjourned.',
      ]),
    ).toStrictEqual(['Anna Maria Lindholm ×2', 'Beatriz Fuentes Carrasco ×2']);
  });

  it('keeps a middle initial and a capitalised particle inside the name', () => {
    expect(
      peopleIn([
        'Health Secretary Daniel K. Ashworth met far-right leader Mireille Le Garrec.',
        'Ashworth said the plan was sound. Le Garrec disagreed.',
      ]),
    ).toStrictEqual(['Daniel K. Ashworth ×2', 'Mireille Le Garrec ×2']);
  });

  it('takes a titled name whose surname is also a place when the surname recurs alone', () => {
    expect(
      peopleIn(['Opposition senator Aurelio Mendoza Paz accused the government.', 'Mendoza said he would vote no.']),
    ).toStrictEqual(['Aurelio Mendoza Paz ×2']);
  });

  it('finds a name followed by "who", even one opening with a month', () => {
    expect(
      peopleIn([
        '"We will not stop," said Oyelaran Adebisi, who leads the union. June Halloway, who chairs it, agreed.',
      ]),
    ).toStrictEqual(['June Halloway ×1', 'Oyelaran Adebisi ×1']);
    expect(
      peopleIn(['In May Lindqvist Group resigned from the board, and in June Hansen Freight grew.']),
    ).toStrictEqual([]);
  });
});

describe('titles before a name', () => {
  it('keeps military and honorific titles out of the name, as its description', () => {
    expect(
      descriptionsIn([
        'The ruling named Brigadier Osman Diriye Farah. Their lawyer, Maître Claire Dubois-Lenoir, objected.',
        'Lieutenant General Mamadou Keïta-Sidibé announced a curfew.',
      ]),
    ).toStrictEqual({
      'Claire Dubois-Lenoir': 'Maître',
      'Mamadou Keïta-Sidibé': 'Lieutenant General',
      'Osman Diriye Farah': 'Brigadier',
    });
  });

  it('describes by the whole title phrase, its lower-case and organisation qualifiers included', () => {
    expect(
      descriptionsIn([
        'The court convicted former budget minister Henri Valmont-Roche. Coached by former world champion Kipchoge Tanui Mutai, she won.',
        'Brightwater Bank President Ilse Brandauer and one dissenter, board member Takeshi Onozuka, voted.',
      ]),
    ).toStrictEqual({
      'Henri Valmont-Roche': 'Former budget minister',
      'Ilse Brandauer': 'Brightwater Bank President',
      'Kipchoge Tanui Mutai': 'Former world champion',
      'Takeshi Onozuka': 'Board member',
    });
  });

  it('gives no description for a title set off by a comma, and stops at verbs and determiners', () => {
    expect(
      descriptionsIn([
        'Its spokesman, Tomasz Wierzbicki, said the bank would comply.',
        'The coalition collapsed, leaving Prime Minister Dagny Holt without a majority. The warrant names Colonel Idrissa Kone.',
      ]),
    ).toStrictEqual({ 'Dagny Holt': 'Prime Minister', 'Idrissa Kone': 'Colonel', 'Tomasz Wierzbicki': null });
  });

  it('reads a title with a several-word object up to the first name', () => {
    expect(
      descriptionsIn([
        'Minister for Territorial Cohesion Elena Varga Ortiz and Minister of Foreign Affairs Nadia Belkacem spoke.',
      ]),
    ).toStrictEqual({
      'Elena Varga Ortiz': 'Minister for Territorial Cohesion',
      'Nadia Belkacem': 'Minister of Foreign Affairs',
    });
  });
});

describe('what is not a person', () => {
  it('keeps names of things with particles, places and role words out', () => {
    const result = link([
      'The investigation was led by the Casa da Moeda and the Guardia di Finanza, Italy’s financial police.',
      'Fans in Rio de Janeiro cheered; the Producer Price Index rose under the Official Secrets Act.',
      'Costa Serena, a member of the bloc, and Veldmark, a major producer, signed. Section Three Report was published.',
      'Its adviser Lazard Freres and the long-standing member Costa Serena objected.',
    ]);
    expect(result.newPeople).toStrictEqual([]);
  });
});

describe('people named with their trade (round 7)', () => {
  it('takes a trade before a name as its description, and keeps it out of the name', () => {
    const people = (paragraph: string) =>
      link([paragraph]).newPeople.map((person) => [person.name, person.description]);
    expect(people('Fisherman Tomás Quispe said the catch had fallen.')).toStrictEqual([['Tomás Quispe', 'Fisherman']]);
    expect(people('The catch had fallen, said fisherman Tomás Quispe.')).toStrictEqual([['Tomás Quispe', 'Fisherman']]);
  });
});

describe('names joined by "y" or "i" (round 7)', () => {
  it('takes two names joined by "y" as no person without a given name before them, and keeps a surname pair after one', () => {
    // Former blind set 9's own sentence: "Castilla y León" came out as a person there.
    const quote =
      '“This is a deal that makes both banks stronger in Castilla y León,” Solara chief executive Ignacio Barrenechea Ruiz told reporters. Barrenechea said the bank would keep its branches in León and Zamora.';
    expect(link([quote]).newPeople.map((person) => person.name)).toStrictEqual(['Ignacio Barrenechea Ruiz']);
    expect(
      link(['Jordi Puigvert i Casals said the vote was fair.']).newPeople.map((person) => person.name),
    ).toStrictEqual(['Jordi Puigvert i Casals']);
  });
});

describe('lines of business in other languages (round 7)', () => {
  it('reads a name ending in a line of business as a company, not a person', () => {
    const found = link([
      'The port signed a contract with a consortium led by Sahel Logistique on Monday.',
      'The club said its owner, Garonne Sports Holding, would name a coach.',
      'Development will be led by Fjordal Biologics, a spinout of the university.',
    ]);
    expect(found.newPeople).toStrictEqual([]);
  });
});
