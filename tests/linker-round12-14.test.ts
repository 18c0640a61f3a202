// Issue 23 rounds 12 to 14: people named after a role that speaks or acts, set off after a role, given a
// role "as its president", listed with a person, or written family name first in pinyin;
// organisations with a plural possessive, a hyphenated town, an article of another language, a
// dotted legal form or a country's short name before them; and what must stay out (ships, portfolios,
// publications, whose party). The names here are not in the development articles.
import { describe, expect, it } from 'vitest';
import { linkEntities } from '../src/content/linker/index.ts';
import { linkAlone as link, newOrganizationsIn as organizationsIn } from './support/linking.ts';

const peopleIn = (paragraphs: string[]) => link(paragraphs).newPeople.map((person) => person.name);

describe('people named with a role', () => {
  it('takes a name after a role that speaks or acts', () => {
    expect(peopleIn(['“Stocks are low,” said field coordinator Oumar Bakayoko.'])).toStrictEqual(['Oumar Bakayoko']);
    expect(peopleIn(['Ugandan climber Dorcus Akello Namara won the stage.'])).toStrictEqual(['Dorcus Akello Namara']);
  });

  it('takes a name set off after a role of something', () => {
    expect(
      peopleIn(['A spokesman for the rebel coalition, Idris Maham Tidjani, said the talks had failed.']),
    ).toStrictEqual(['Idris Maham Tidjani']);
    expect(
      peopleIn(['The party’s treasurer, Baraka Mwinyi, a longtime business partner of the governor, resigned.']),
    ).toStrictEqual(['Baraka Mwinyi']);
  });

  it('takes a name followed by a qualified or hyphenated role of something', () => {
    expect(peopleIn(['Wanjiru Kamau, deputy secretary-general of the council, said the vote was fair.'])).toStrictEqual(
      ['Wanjiru Kamau'],
    );
    expect(peopleIn(['Tomasz Wilk, chief designer of the rover, told the agency it was ready.'])).toStrictEqual([
      'Tomasz Wilk',
    ]);
  });

  it('takes a name given a role', () => {
    expect(peopleIn(['The federation re-elected Teodoro Vasquez Lima as its president on Friday.'])).toStrictEqual([
      'Teodoro Vasquez Lima',
    ]);
  });

  it('takes names listed with a person’s, but not a place set off before one', () => {
    expect(
      peopleIn(['Organisers named the finalists as Esi Kwarteng, David Owusu and Abena Sarpong, all of whom ran.']),
    ).toStrictEqual(['Abena Sarpong', 'David Owusu', 'Esi Kwarteng']);
    expect(peopleIn(['The mayor of San Pedro Labrador, Ana Ruiz, said the water was safe.'])).toStrictEqual([
      'Ana Ruiz',
    ]);
  });

  it('takes a Chinese name written family name first when the family name comes again', () => {
    expect(peopleIn(['Liu Yanqing reached the final on Sunday. Liu said she felt fresh.'])).toStrictEqual([
      'Liu Yanqing',
    ]);
  });

  it('takes a Japanese name written family name first when the family name comes again', () => {
    expect(peopleIn(['Yamaguchi Harune beat the champion in a runoff. Yamaguchi said little.'])).toStrictEqual([
      'Yamaguchi Harune',
    ]);
    expect(peopleIn(['Toyota Motor said sales fell. Toyota shares rose.'])).toStrictEqual([]);
  });

  it('takes who speaks before "of" and the company after it apart', () => {
    const result = link(['“We expect delays,” said Henrike Vos of Delta Port Logistics, which runs the terminal.']);
    expect(result.newPeople.map((person) => person.name)).toStrictEqual(['Henrike Vos']);
    expect(result.newOrganizations.map((organization) => organization.name)).toStrictEqual(['Delta Port Logistics']);
  });

  it('reads a union delegate as a person, not the union', () => {
    const result = link(['“These are not voluntary departures,” said Inês Barros, a union delegate in Porto.']);
    expect(result.newPeople.map((person) => person.name)).toStrictEqual(['Inês Barros']);
    expect(result.newOrganizations).toStrictEqual([]);
  });
});

describe('organisations', () => {
  it('keeps a plural possessive inside a name', () => {
    expect(organizationsIn(['Members of the Harbour Dock Workers’ Congress walked out.'])).toStrictEqual([
      'Harbour Dock Workers’ Congress ×1',
    ]);
  });

  it('takes a council named for two things joined by "and", even when a known body ends it', () => {
    const result = linkEntities(
      { headline: 'Headline', paragraphs: ['The Regional Bloc’s Peace and Security Council met on Friday.'] },
      {
        people: [],
        organizations: [{ id: 1, name: 'United Nations Security Council', aliases: ['Security Council'] }],
      },
    );
    expect(result.organizations).toStrictEqual([]);
    expect(result.newOrganizations.map((organization) => organization.name)).toContain('Peace and Security Council');
  });

  it('takes a command with its object', () => {
    expect(organizationsIn(['The Joint Operations Command of the Armed Forces said two soldiers died.'])).toStrictEqual(
      ['Joint Operations Command of the Armed Forces ×1'],
    );
  });

  it('drops a country’s short name before a body complete without it', () => {
    expect(organizationsIn(['The U.S. Consumer Product Safety Commission ordered a recall.'])).toStrictEqual([
      'Consumer Product Safety Commission ×1',
    ]);
    expect(organizationsIn(['Troops of the U.S. Army arrived on Monday.'])).toStrictEqual(['U.S. Army ×1']);
  });

  it('ends companies with securities houses, carmakers’ and cloud words, and brands opening with digits', () => {
    expect(organizationsIn(['Analysts at Baobab Ridge Securities said the bond would sell.'])).toStrictEqual([
      'Baobab Ridge Securities ×1',
    ]);
    expect(organizationsIn(['Ofcom opened an investigation into 7Hills Media, the forum’s operator.'])).toStrictEqual([
      '7Hills Media ×1',
      'Ofcom ×1',
    ]);
  });

  it('takes a rugby club’s RFC and a town named with hyphens', () => {
    expect(organizationsIn(['Leeds Tigers RFC won 24-22 at home.'])).toStrictEqual(['Leeds Tigers RFC ×1']);
    expect(organizationsIn(['The plan was approved by Kirkby-in-Furness Parish Council.'])).toStrictEqual([
      'Kirkby-in-Furness Parish Council ×1',
    ]);
  });

  it('keeps an article of another language inside a name, and ends a name at its legal form’s dot', () => {
    expect(
      organizationsIn(['The Comando Especial de Lucha Contra el Narcotráfico said it seized 2 tonnes.']),
    ).toStrictEqual(['Comando Especial de Lucha Contra el Narcotráfico ×1']);
    expect(
      organizationsIn([
        'Police questioned staff of the haulage firm Distribuidora Andes S.R.L. Mendoza’s lawyers objected.',
      ]),
    ).toStrictEqual(['Distribuidora Andes S.R.L. ×1']);
  });
});

describe('what stays out', () => {
  it('links no ship, portfolio or publication as a person', () => {
    expect(peopleIn(['At least 12 people died when the ferry MV Lady Santa Rosa 2 sank.'])).toStrictEqual([]);
    expect(peopleIn(['Deputy Climate Affairs Minister Petra Holub said the target stood.'])).toStrictEqual([
      'Petra Holub',
    ]);
    expect(peopleIn(['The clause was reported by Kabar Minggu magazine.'])).toStrictEqual([]);
  });

  it('links no person as an organisation for owning a party', () => {
    expect(organizationsIn(['Nuevo Rumbo, Saavedra’s party, said the judges were meddling.'])).toStrictEqual([
      'Nuevo Rumbo ×1',
    ]);
  });
});

describe('round 13', () => {
  it('writes listed and cued names without a leading "The"', () => {
    expect(
      organizationsIn(['A study in The Lancet Respiratory Medicine was cited by The Lancet on Friday.']),
    ).toStrictEqual(['Lancet ×1', 'Lancet Respiratory Medicine ×1']);
  });

  it('strips council members’ titles and a possessive country before a person', () => {
    expect(peopleIn(['Councilmember Rosa Ibarra, who chairs the committee, said the bond was needed.'])).toStrictEqual([
      'Rosa Ibarra',
    ]);
    expect(
      peopleIn(['After a third rider, Norway’s Eirik Solheim, fell at the bend, the stage was stopped.']),
    ).toStrictEqual(['Eirik Solheim']);
  });

  it('takes names an acronym in brackets spells, mixed case included', () => {
    expect(
      organizationsIn([
        'Banks settle through Uganda Interbank Clearing and Settlement Systems (UgICSS). UgICSS said volumes rose.',
      ]),
    ).toStrictEqual(['Uganda Interbank Clearing and Settlement Systems (UgICSS) ×2']);
  });

  it('keeps names that open with a word spelt like a link, join capitals by "&" or count with "N°"', () => {
    expect(organizationsIn(['The Đà Lạt Coffee Institute, a state body, said prices rose.'])).toStrictEqual([
      'Đà Lạt Coffee Institute ×1',
    ]);
    expect(organizationsIn(['Prosecutors raided construction firm Hanbit E&C. Hanbit E&C shares fell.'])).toStrictEqual(
      ['Hanbit E&C ×2'],
    );
    expect(organizationsIn(['The Sindicato N°4 de Mineros de Oruro called a strike.'])).toStrictEqual([
      'Sindicato N°4 de Mineros de Oruro ×1',
    ]);
  });

  it('keeps a listed name inside a longer one after "y", and a listed club before a score', () => {
    expect(organizationsIn(['The far-right Frente Unidad y Patria won 12 seats.'])).toStrictEqual([
      'Frente Unidad y Patria ×1',
    ]);
    expect(organizationsIn(['Toulon beat Leinster Rugby 21-19 on Saturday.'])).toContain('Leinster Rugby ×1');
  });

  it('takes forces and companies by their last word, but no site', () => {
    expect(organizationsIn(['Officers of the Coastal Interdiction Force boarded the boat.'])).toStrictEqual([
      'Coastal Interdiction Force ×1',
    ]);
    expect(organizationsIn(['The chain was sold to Ó Briain Leisure on Monday.'])).toStrictEqual([
      'Ó Briain Leisure ×1',
    ]);
    expect(organizationsIn(['The satellite was launched from Halvorsen Space Force Base.'])).toStrictEqual([]);
  });
});

describe('round 14', () => {
  it('takes French names written in sentence case after their organisation word', () => {
    expect(organizationsIn(['The Tribunal correctionnel de Rennes fined the firm.'])).toStrictEqual([
      'Tribunal correctionnel de Rennes ×1',
    ]);
    expect(organizationsIn(['The Inspection du travail opened an inquiry on Monday.'])).toStrictEqual([
      'Inspection du travail ×1',
    ]);
  });

  it('keeps "and Allied", a union’s Local and an Arabic article inside names', () => {
    expect(organizationsIn(['The Mining and Allied Workers Union of Zambia called a strike.'])).toStrictEqual([
      'Mining and Allied Workers Union of Zambia ×1',
    ]);
    expect(organizationsIn(['Members of Harbour Transit Workers Local 451 walked out.'])).toStrictEqual([
      'Harbour Transit Workers Local 451 ×1',
    ]);
    expect(organizationsIn(['The Nida al-Adl Centre for Legal Aid said the verdict was unfair.'])).toStrictEqual([
      'Nida al-Adl Centre for Legal Aid ×1',
    ]);
  });

  it('drops a creed or a nationality that says whose body it is', () => {
    expect(organizationsIn(['The Kirchnerist Frente por la Dignidad voted against.'])).toStrictEqual([
      'Frente por la Dignidad ×1',
    ]);
    expect(organizationsIn(['Officers of the German Zollkriminalamt searched the port.'])).toStrictEqual([
      'Zollkriminalamt ×1',
    ]);
  });

  it('ends companies and newspapers with their trades in several languages', () => {
    expect(organizationsIn(['Prices paid by Nkwanta Commodities rose 8 percent.'])).toStrictEqual([
      'Nkwanta Commodities ×1',
    ]);
    expect(organizationsIn(['The report was first published by the Tohoku Keizai Shimbun.'])).toStrictEqual([
      'Tohoku Keizai Shimbun ×1',
    ]);
  });

  it('links no presenter as an organisation', () => {
    expect(organizationsIn(['Presenter Aylin Kaya-Demir was convicted on Tuesday.'])).toStrictEqual([]);
  });
});
