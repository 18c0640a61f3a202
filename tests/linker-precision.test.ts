// Precision of new names (issue 23, round 3): organization names kept whole, short forms counted
// as the organization or person named in full, and things, storms and places kept out of both lists.
// People and invented organizations here are invented for these tests.
import { describe, expect, it } from 'vitest';
import type { LinkResult } from '../src/content/linker/index.ts';
import { linkAlone as link } from './support/linking.ts';

/** New entities as `name ×mentions`, for compact assertions. */
function named(entities: LinkResult['newPeople']): string[] {
  return entities.map((entity) => `${entity.name} ×${entity.spans.length}`).sort();
}

const organizationsIn = (paragraphs: string[]) => named(link(paragraphs).newOrganizations);
const peopleIn = (paragraphs: string[]) => named(link(paragraphs).newPeople);

describe('organization names kept whole', () => {
  it('reads a list of common nouns after "of" as part of the name, but not a list of places', () => {
    expect(
      organizationsIn(['The Ministry of Agriculture, Forestry and Fisheries said the ban would stay.']),
    ).toStrictEqual(['Ministry of Agriculture, Forestry and Fisheries ×1']);
    expect(organizationsIn(['Officials at the Ministry of Finance, Germany and France met on Monday.'])).toStrictEqual([
      'Ministry of Finance ×1',
    ]);
  });

  it('keeps a title that is the object of the name, and the object after it', () => {
    expect(
      organizationsIn([
        'Lawyers said they would appeal to the Federal Court of Justice in Karlsruhe.',
        'She will challenge the law before the Supreme Court of Justice of the Nation.',
        'The Directorate General of Coastal Affairs said 580 boats had been inspected.',
      ]),
    ).toStrictEqual([
      'Directorate General of Coastal Affairs ×1',
      'Federal Court of Justice ×1',
      'Supreme Court of Justice of the Nation ×1',
    ]);
  });

  it('joins words with "and" of another language inside a name, not between two places', () => {
    expect(
      organizationsIn(['The human rights group Colectivo Verdad y Memoria said 40 complaints were pending.']),
    ).toStrictEqual(['Colectivo Verdad y Memoria ×1']);
    expect(organizationsIn(['Talks between Colombia y Venezuela failed on Monday.'])).toStrictEqual([]);
  });

  it('keeps ordinals and "Co-operative" inside a name', () => {
    expect(
      organizationsIn([
        'They will appeal to the Federal Regional Court of the 4th Region.',
        'Farmers at Ballyvale Co-operative voted to merge.',
      ]),
    ).toStrictEqual(['Ballyvale Co-operative ×1', 'Federal Regional Court of the 4th Region ×1']);
  });

  it('ends a name before "Prime Minister" and takes no position or competition for an organization', () => {
    const result = link([
      'Palestinian Authority Prime Minister Samir Abu Rumman said the fund should be managed by donors.',
      'Guard Nikola Vuković scored 20 points as the Swedish Hockey League resumed.',
    ]);
    expect(named(result.newOrganizations)).toStrictEqual(['Palestinian Authority ×1']);
    expect(named(result.newPeople)).toStrictEqual(['Nikola Vuković ×1', 'Samir Abu Rumman ×1']);
  });

  it('does not take a listed name that ends a longer name after "de"', () => {
    expect(organizationsIn(['The army will suspend operations in Arauca and Norte de Santander.'])).toStrictEqual([]);
  });

  it('lets the longer name win over the shorter one an acronym spells', () => {
    expect(
      organizationsIn([
        'Deforestation fell 18%, the National Institute for Space Research (INPE) said on Wednesday.',
        'INPE uses satellite images.',
      ]),
    ).toStrictEqual(['National Institute for Space Research ×2']);
  });
});

describe('short forms of a name already given in full', () => {
  it('counts a defined acronym the sentence calls a group as the defined organization', () => {
    const result = link([
      'The government and the Popular Liberation Front (PLF) agreed to a ceasefire.',
      'The PLF, the largest remaining guerrilla group, has about 6,000 fighters.',
    ]);
    expect(result.newOrganizations.map((entity) => [entity.name, entity.aliases, entity.spans.length])).toStrictEqual([
      ['Popular Liberation Front', ['PLF'], 2],
    ]);
  });

  it('counts the first words of a company’s name, and a listed name with its company form, as one company', () => {
    expect(
      organizationsIn([
        'Toyota Kirloskar Motor will run the plant. Toyota Kirloskar managing director Vikram Deshpande spoke.',
        'Kioxia Holdings said it would build a plant. Shares of Kioxia rose 6%.',
      ]),
    ).toStrictEqual(['Kioxia Holdings ×2', 'Toyota Kirloskar Motor ×2']);
  });

  it('counts a listed name as the organization named in full with its line of business, not a school of it', () => {
    expect(
      organizationsIn([
        'Samsung Electronics will use chips made by others. Samsung declined to comment.',
        'Researchers at Harvard Medical School and Harvard agreed.',
      ]),
    ).toStrictEqual(['Harvard Medical School ×1', 'Harvard ×1', 'Samsung Electronics ×2']);
  });

  it('keeps an ordinal opening a name, and counts another name in brackets as part of the mention', () => {
    expect(
      organizationsIn([
        'His lawyer will appeal to the 9th U.S. Circuit Court of Appeals.',
        'The factory is run by the Oswaldo Cruz Foundation (Fiocruz). Fiocruz researchers agreed.',
      ]),
    ).toStrictEqual(['9th U.S. Circuit Court of Appeals ×1', 'Oswaldo Cruz Foundation ×2']);
  });

  it('counts two surnames repeated together as one mention', () => {
    expect(
      peopleIn(['Coach Esteban Lozano Prieto rested three players.', 'Lozano Prieto said they were tired.']),
    ).toStrictEqual(['Esteban Lozano Prieto ×2']);
  });

  it('counts a two-word surname as the person named in full', () => {
    expect(
      peopleIn([
        'The case began after former dock supervisor Antonio Lo Presti agreed to cooperate.',
        'Lo Presti, who now lives under state protection, will testify.',
      ]),
    ).toStrictEqual(['Antonio Lo Presti ×2']);
  });
});

describe('things named after people', () => {
  it('reads a person named with where they work as a person, and a ship or a boulevard as neither', () => {
    const result = link([
      'The prize went to Ingrid Solberg of the University of Oslo and Tomás Herrera of the Max Planck Institute for Quantum Optics.',
      'The aircraft carrier USS John F. Kennedy will be late. Thousands marched along Nelson Mandela Boulevard.',
    ]);
    expect(named(result.newPeople)).toStrictEqual(['Ingrid Solberg ×1', 'Tomás Herrera ×1']);
    expect(named(result.newOrganizations)).toStrictEqual([
      'Max Planck Institute for Quantum Optics ×1',
      'University of Oslo ×1',
    ]);
  });
});

describe('people', () => {
  it('takes no storm, and no thing named after a person, for a person', () => {
    expect(
      peopleIn([
        'Hurricane Delia made landfall near Tampico on Tuesday. Delia weakened over the mountains.',
        'The agency said its Rosalind Franklin rover would launch in 2028.',
      ]),
    ).toStrictEqual([]);
  });

  it('finds a person whose surname compromise reads as a place, after a role', () => {
    expect(
      peopleIn([
        'NASA associate administrator Kevin Marsh said the agency would help.',
        'Senator Ellen Marsh said the bill would pass.',
      ]),
    ).toStrictEqual(['Ellen Marsh ×1', 'Kevin Marsh ×1']);
  });

  it('finds who leads something, but not a company that leads a funding round', () => {
    expect(peopleIn(['An IMF mission led by Margarethe Lindholm arrived in Nairobi on Monday.'])).toStrictEqual([
      'Margarethe Lindholm ×1',
    ]);
    expect(peopleIn(['The round was led by Sequoia Capital and Tiger Global.'])).toStrictEqual([]);
  });

  it('describes a person by a role opening the sentence and by qualified titles', () => {
    const result = link([
      'Glaciologist Friederike Stahlmann said the ice was thinning.',
      'Presiding judge Ulrike Brenneisen read the verdict. Pitcher Daichi Kurosawa threw seven innings.',
      'Founder and chief executive Rahul Venkataraman said the cuts were painful.',
      'He met Kim and Senator Jo Lee on Monday.',
    ]);
    expect(Object.fromEntries(result.newPeople.map((person) => [person.name, person.description]))).toStrictEqual({
      'Daichi Kurosawa': 'Pitcher',
      'Friederike Stahlmann': 'Glaciologist',
      'Jo Lee': 'Senator',
      'Rahul Venkataraman': 'Founder and chief executive',
      'Ulrike Brenneisen': 'Presiding judge',
    });
  });
});
