// Issue 23 rounds 15 to 17: invented companies named by their line of business, banks and foundations named
// in other languages, a country's plural possessive or a nationality before a ministry or a chamber,
// a slash between two names of one group, a listed body whose name goes on with "of the …",
// initials before a surname after a role, and what must stay out (events, a chief's title, a
// portfolio, names that keep their nationality, platforms used as services, a league's divisions,
// a university's stadium); in round 16, a court's number after "No.", a kind of company opening
// the sentence, a councillor's abbreviated title, Filipino particles, and a railway line and a
// ballpark that stay out; in round 17, a sheriff's title and a role set off before a name that ends
// the sentence. The names here are not in the development articles.
import { describe, expect, it } from 'vitest';
import { compileName } from '../src/content/linker/names.ts';
import list from '../src/content/linker/well-known-organizations.json' with { type: 'json' };
import { linkAlone as link, newOrganizationsIn as organizationsIn } from './support/linking.ts';

const peopleIn = (paragraphs: string[]) => link(paragraphs).newPeople.map((person) => person.name);

describe('organisations named by their line of business', () => {
  it('takes an invented company that ends in a line of business', () => {
    expect(organizationsIn(['Prosecutors said Porto Alegre Digital had paid the bribes.'])).toStrictEqual([
      'Porto Alegre Digital ×1',
    ]);
    expect(organizationsIn(['Shares of Kestrel Orbital rose 4 percent on Tuesday.'])).toStrictEqual([
      'Kestrel Orbital ×1',
    ]);
    expect(organizationsIn(['The poll by Red Mesa Polling put the governor ahead.'])).toStrictEqual([
      'Red Mesa Polling ×1',
    ]);
  });

  it('takes banks and foundations named in other languages', () => {
    expect(organizationsIn(['The loan came from Pohjola Pankki, the lender said.'])).toStrictEqual([
      'Pohjola Pankki ×1',
    ]);
    expect(organizationsIn(['The contract went to Verhoeven Groep, a builder from Breda.'])).toStrictEqual([
      'Verhoeven Groep ×1',
    ]);
  });

  it('leaves out an event and a chief’s title', () => {
    expect(organizationsIn(['Airlines ordered 300 jets at the Farnborough Air Show on Monday.'])).toStrictEqual([]);
    expect(
      link(['Kelpie Chief Technology Officer Amira Haddad said the data was safe.']).newPeople.map(
        (p) => p.description,
      ),
    ).toStrictEqual(['Kelpie Chief Technology Officer']);
  });
});

describe('whose body it is', () => {
  it('drops a country’s plural possessive and a nationality before a ministry or a chamber', () => {
    expect(organizationsIn(['The Netherlands’ Ministry of Infrastructure said the dyke would hold.'])).toStrictEqual([
      'Ministry of Infrastructure ×1',
    ]);
    expect(organizationsIn(['The Chilean Interior Ministry said the curfew would end.'])).toStrictEqual([
      'Interior Ministry ×1',
    ]);
    expect(organizationsIn(['The bill now goes to the Kenyan National Assembly.'])).toStrictEqual([
      'National Assembly ×1',
    ]);
  });

  it('drops it from a listed ministry too', () => {
    expect(organizationsIn(['The Japanese Foreign Ministry summoned the ambassador.'])).toStrictEqual([
      'Foreign Ministry ×1',
    ]);
  });

  it('keeps a nationality that is part of the name', () => {
    expect(organizationsIn(['Officers of the Haitian National Police were deployed.'])).toStrictEqual([
      'Haitian National Police ×1',
    ]);
    expect(organizationsIn(['The Indian Army said two soldiers died.'])).toStrictEqual(['Indian Army ×1']);
  });
});

describe('services, divisions and venues', () => {
  it('leaves out a platform used as a service, but keeps the company acting', () => {
    expect(organizationsIn(['He posted on Instagram that he would run, and on Facebook and Telegram.'])).toStrictEqual(
      [],
    );
    expect(organizationsIn(['Villagers rely on the Starlink network for school lessons.'])).toStrictEqual([]);
    expect(organizationsIn(['Instagram said it would appeal the fine.'])).toStrictEqual(['Instagram ×1']);
  });

  it('leaves out a league’s division and a university’s stadium', () => {
    expect(organizationsIn(['Oviedo were relegated to the Segunda División in 2012.'])).toStrictEqual([]);
    expect(organizationsIn(['The trials were held at the University of Lagos Stadium.'])).toStrictEqual([]);
    expect(organizationsIn(['The study was led by the University of Cape Coast.'])).toStrictEqual([
      'University of Cape Coast ×1',
    ]);
  });
});

describe('names joined or continued', () => {
  it('takes two names joined by a slash as one group', () => {
    expect(organizationsIn(['Her group, the Greens/European Free Alliance, split on the vote.'])).toStrictEqual([
      'Greens/European Free Alliance ×1',
    ]);
  });

  it('takes a listed body whose name goes on after "of the"', () => {
    expect(organizationsIn(['The motion passed in the Congress of the Republic on Friday.'])).toStrictEqual([
      'Congress of the Republic ×1',
    ]);
  });

  it('keeps each listed name to one entry, so no name is shared by two lines by accident', () => {
    const owners = new Map<string, Set<number>>();
    Object.values(list.organizations)
      .flat()
      .forEach((line, index) => {
        for (const name of line.split('|')) {
          const key = compileName(name.trim())
            .map((part) => part.key)
            .join(' ');
          owners.set(key, (owners.get(key) ?? new Set()).add(index));
        }
      });
    // Shared on purpose: two bodies of one acronym, and OPEC beside the wider OPEC+.
    const shared = [...owners].filter(([, lines]) => lines.size > 1).map(([key]) => key);
    expect(shared.sort()).toStrictEqual(['icc', 'opec']);
  });
});

describe('people written with initials', () => {
  it('takes initials before a surname after a role', () => {
    expect(peopleIn(['The launch is set for March, chairman R. Venkatesan said on Monday.'])).toStrictEqual([
      'R. Venkatesan',
    ]);
    expect(peopleIn(['Its managing director, P. Subramanian, called the ruling a relief.'])).toStrictEqual([
      'P. Subramanian',
    ]);
    expect(peopleIn(['Kerala Chief Minister K.A. Thomas said the state would pay.'])).toStrictEqual(['K.A. Thomas']);
  });

  it('leaves out a country’s initials before a title', () => {
    expect(peopleIn(['Assistant U.S. Attorney Dana Whitfield said the case was strong.'])).toStrictEqual([
      'Dana Whitfield',
    ]);
  });

  it('keeps the person whose party follows a possessive', () => {
    expect(peopleIn(['The candidate of President Arturo Belmonte’s Justice and Unity Party lost.'])).toStrictEqual([
      'Arturo Belmonte',
    ]);
  });
});

describe('round 16', () => {
  it('takes a court’s number after "No." and drops a kind of company opening the sentence', () => {
    expect(
      organizationsIn(['Federal Criminal Court No. 4 ruled on Tuesday that the trial would resume.']),
    ).toStrictEqual(['Federal Criminal Court No. 4 ×1']);
    expect(
      organizationsIn(['Doctors were worried. Drugmaker Solvana Pharma, which sells the drug, declined to comment.']),
    ).toStrictEqual(['Solvana Pharma ×1']);
  });

  it('leaves out a railway line and a ballpark', () => {
    expect(organizationsIn(['Services on the Tohoku Shinkansen were suspended for six hours.'])).toStrictEqual([]);
    expect(organizationsIn(['He was shot outside Coors Field after the game, police said.'])).toStrictEqual([]);
  });

  it('takes people after an abbreviated or sentence-opening role, and with Filipino particles', () => {
    expect(peopleIn(['Cllr Margaret Oyelaran, who represents Eastgate ward, voted against.'])).toStrictEqual([
      'Margaret Oyelaran',
    ]);
    expect(peopleIn(['Ringleader Dwayne Osei-Hart, 29, was jailed for 12 years.'])).toStrictEqual(['Dwayne Osei-Hart']);
    expect(peopleIn(['“The river rose fast,” said Corazon delos Reyes, a teacher in the town.'])).toStrictEqual([
      'Corazon delos Reyes',
    ]);
  });

  it('takes initials before a name that compromise reads as an organisation', () => {
    expect(
      peopleIn(['Karnataka Chief Minister N. Siddaramappa Gowda called it a turning point for the state.']),
    ).toStrictEqual(['N. Siddaramappa Gowda']);
    expect(
      organizationsIn(['Karnataka Chief Minister N. Siddaramappa Gowda called it a turning point for the state.']),
    ).toStrictEqual([]);
  });
});

describe('round 17', () => {
  it('takes a sheriff’s title before a name', () => {
    const [person] = link(['Two men were charged, Sheriff Marla Quintero said on Friday.']).newPeople;
    expect([person?.name, person?.description]).toStrictEqual(['Marla Quintero', 'Sheriff']);
  });

  it('takes a name set off after a role at the end of a sentence', () => {
    expect(
      peopleIn(['The march was led by the union’s organiser, Wendimu Haileselassie. It ended peacefully.']),
    ).toStrictEqual(['Wendimu Haileselassie']);
  });
});
