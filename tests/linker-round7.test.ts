// Issue 23 round 7: where an organisation's name begins and ends. Each class of name the linker now
// takes whole, with a case it must leave alone beside it. The names here are not in the development articles.
import { describe, expect, it } from 'vitest';
import { linkEntities } from '../src/content/linker/index.ts';
import { linkAlone as link, newOrganizationsIn as organizationsIn } from './support/linking.ts';

describe('names joined by "and" before an organisation word', () => {
  it('takes the words before "and" that name nothing alone', () => {
    expect(
      organizationsIn(['The Islamist Justice and Renewal Party, which led the coalition, lost four seats.']),
    ).toStrictEqual(['Justice and Renewal Party ×1']);
    expect(organizationsIn(['The Sahel Union Peace and Security Council met on Monday.'])).toStrictEqual([
      'Sahel Union Peace and Security Council ×1',
    ]);
    expect(organizationsIn(['He works for the Omani Data and Robotics Authority in Muscat.'])).toStrictEqual([
      'Omani Data and Robotics Authority ×1',
    ]);
  });

  it('keeps two organisations joined by "and" apart, and a listed one after two countries', () => {
    // A company word alone ("Chemicals") is no company: the name goes on across "and".
    expect(
      organizationsIn(['The trial needs approval from the Chemicals and Industrial Safety Agency.']),
    ).toStrictEqual(['Chemicals and Industrial Safety Agency ×1']);
    expect(
      organizationsIn(['Vastmark Terminals and Oderhaven Container Group signed the deal on Friday.']),
    ).not.toContain('Vastmark Terminals and Oderhaven Container Group ×1');
    expect(organizationsIn(['Britain and France asked the Security Council to meet on Tuesday.'])).toStrictEqual([
      'Security Council ×1',
    ]);
  });
});

describe('links of other languages inside names', () => {
  it('takes "y", "ve", "e dei", "pour la", an elided article and "es" inside a name', () => {
    expect(
      organizationsIn([
        'Fundación Bosque y Aguas Limpias said the mine was illegal. The Agenzia delle Acque e dei Porti seized the cargo.',
      ]),
    ).toStrictEqual(['Agenzia delle Acque e dei Porti ×1', 'Fundación Bosque y Aguas Limpias ×1']);
    expect(organizationsIn(['Özgürlük ve Adalet Partisi won the vote in Konya.'])).toStrictEqual([
      'Özgürlük ve Adalet Partisi ×1',
    ]);
    expect(
      organizationsIn(['The Mouvement Uni pour la Libération de l’Ouémé attacked the town on Sunday.']),
    ).toStrictEqual(['Mouvement Uni pour la Libération de l’Ouémé ×1']);
    expect(organizationsIn(['She studied at the University of Bir es Sabil last year.'])).toStrictEqual([
      'University of Bir es Sabil ×1',
    ]);
  });

  it('joins two people by "y" into no organisation, and keeps a listed newspaper alone', () => {
    expect(organizationsIn(['Ramos y Vega said the figures were wrong.'])).toStrictEqual([]);
    expect(organizationsIn(['She read Libération on the train to Lyon.'])).toStrictEqual(['Libération ×1']);
  });
});

describe('a body named for the country it works in', () => {
  it('takes "in" and the country after a union, a force or an association', () => {
    expect(
      organizationsIn([
        'The Filipino Seafarers Union in Qatar said wages were late, and the Association of Importers in Kenya agreed.',
      ]),
    ).toStrictEqual(['Association of Importers in Kenya ×1', 'Filipino Seafarers Union in Qatar ×1']);
  });

  it('leaves out where a company works, and a city', () => {
    expect(organizationsIn(['Kestrel Plastics opened a plant in Poland on Monday.'])).not.toContain(
      'Kestrel Plastics in Poland ×1',
    );
    expect(organizationsIn(['The Malawi Nurses Association in Lilongwe said pay was late.'])).toStrictEqual([
      'Malawi Nurses Association ×1',
    ]);
  });
});

describe('"General" and titles inside a body’s name', () => {
  it('takes "General" opening a confederation and a title in an office’s name', () => {
    expect(organizationsIn(['The General Confederation of Dockworkers (CGD) held a strike.'])).toStrictEqual([
      'General Confederation of Dockworkers (CGD) ×1',
    ]);
    expect(
      organizationsIn(['The Office of the High Commissioner for Reconciliation said talks would resume.']),
    ).toStrictEqual(['Office of the High Commissioner for Reconciliation ×1']);
  });

  it('takes no general or commissioner named as a person', () => {
    expect(organizationsIn(['General Amos Kiprono said the troops would stay.'])).toStrictEqual([]);
    expect(organizationsIn(['High Commissioner Ana Lindqvist said talks would resume.'])).toStrictEqual([]);
  });
});

describe('a listed body’s name that goes on', () => {
  it('takes the object after "on" and a known name that closes a body’s name after "of the"', () => {
    expect(organizationsIn(['The European Council on Fisheries and Oceans criticised the plan.'])).toStrictEqual([
      'European Council on Fisheries and Oceans ×1',
    ]);
    const known = { people: [], organizations: [{ id: 7, name: 'Andean Union', aliases: [] }] };
    const result = linkEntities(
      { headline: 'Headline', paragraphs: ['The Tribunal of Justice of the Andean Union ruled on Tuesday.'] },
      known,
    );
    expect(result.newOrganizations.map((entity) => entity.name)).toStrictEqual([
      'Tribunal of Justice of the Andean Union',
    ]);
    expect(result.organizations).toStrictEqual([]);
  });

  it('takes no weekday after "on", and links a known name after "a member of the"', () => {
    expect(organizationsIn(['The European Council on Monday agreed to the plan.'])).toStrictEqual([
      'European Council ×1',
    ]);
    const known = { people: [], organizations: [{ id: 7, name: 'Andean Union', aliases: [] }] };
    const result = linkEntities(
      { headline: 'Headline', paragraphs: ['Peru is a member of the Andean Union, officials said.'] },
      known,
    );
    expect(result.organizations.map((entity) => entity.id)).toStrictEqual([7]);
  });
});

describe('a party and the council it sits on', () => {
  it('keeps a party apart from the council after "on"', () => {
    expect(
      organizationsIn(['Councillor Ruth Ames, who leads the Liberals on Harwick County Council, blamed turnout.']),
    ).not.toContain('Liberals on Harwick County Council ×1');
    expect(
      organizationsIn(['Councillor Ruth Ames, who leads the Liberals on Harwick County Council, blamed turnout.']),
    ).toContain('Harwick County Council ×1');
  });
});

describe('a company named with its form before the name', () => {
  it('keeps the form opening a sentence and counts the name without it', () => {
    expect(
      organizationsIn(['PT Lintas Baja Perkasa delayed the smelter on Monday. Costs rose, Lintas Baja Perkasa said.']),
    ).toStrictEqual(['PT Lintas Baja Perkasa ×2']);
  });

  it('counts the first words of the name without its form as the same company', () => {
    expect(
      organizationsIn([
        'Workers struck at the plant run by PT Lintas Baja Perkasa in Weda. Lintas Baja, a joint venture of two miners, said output fell.',
      ]),
    ).toStrictEqual(['PT Lintas Baja Perkasa ×2']);
  });

  it('takes no person for the short form', () => {
    expect(
      link(['PT Lintas Baja Perkasa delayed the smelter. Lintas Baja Perkasa said costs rose.']).newPeople,
    ).toStrictEqual([]);
  });
});

describe('where a company’s name ends before a number or its town', () => {
  it('leaves an amount and the town after a company form or line of business out of the name', () => {
    expect(
      organizationsIn(['The regulator fined online retailer Maison Oriel 6 million euros on Tuesday.']),
    ).toStrictEqual(['Maison Oriel ×1']);
    expect(
      organizationsIn(['The lab licensed it to the diagnostics firm Kelvara GmbH of Leipzig, which will sell it.']),
    ).toStrictEqual(['Kelvara GmbH ×1']);
  });

  it('keeps a number that is part of a name, and a body’s object after "for"', () => {
    expect(organizationsIn(['Police blamed the gang Barrio 27 for the attack.'])).toStrictEqual(['Barrio 27 ×1']);
    expect(
      organizationsIn(['Aerolines for Europe, which represents carriers, said it was studying the text.']),
    ).toStrictEqual(['Aerolines for Europe ×1']);
  });
});

describe('a games’ organising committee', () => {
  it('takes the host city and the year before the committee', () => {
    expect(organizationsIn(['The federation will lobby the Perth 2036 Organising Committee next week.'])).toStrictEqual(
      ['Perth 2036 Organising Committee ×1'],
    );
  });

  it('takes no year that opens a sentence', () => {
    expect(organizationsIn(['In 2024 Finance Committee members met twice.'])).toStrictEqual(['Finance Committee ×1']);
  });
});

describe('a club named with its founding year', () => {
  it('takes the year after a club form and its name', () => {
    expect(organizationsIn(['Fourth-tier SV Lindenhof 09 knocked the holders out of the cup.'])).toStrictEqual([
      'SV Lindenhof 09 ×1',
    ]);
  });

  it('takes no score after a club', () => {
    expect(organizationsIn(['The visitors beat KK Morava 88-81 on Sunday.'])).toStrictEqual(['KK Morava ×1']);
  });
});

describe('an initiative', () => {
  it('takes a group named "Initiative for …", with a cause that is no judge', () => {
    expect(
      organizationsIn([
        'The rights group Moroccan Initiative for Housing Justice said the Catalan Initiative for Rare Diseases agreed.',
      ]),
    ).toStrictEqual(['Catalan Initiative for Rare Diseases ×1', 'Moroccan Initiative for Housing Justice ×1']);
  });

  it('takes no programme ending in "Initiative"', () => {
    expect(organizationsIn(['The port was built under the Silk Coast Initiative in 2019.'])).toStrictEqual([]);
  });
});

describe('a slash inside a body’s name', () => {
  it('takes the words before a slash when an organisation word ends the name', () => {
    expect(organizationsIn(['The Kerala IT/BPO Employees Union said it would file a complaint.'])).toStrictEqual([
      'Kerala IT/BPO Employees Union ×1',
    ]);
  });

  it('keeps two companies joined by a slash apart', () => {
    expect(organizationsIn(['The Vossberg/Tessaron partnership ended after Vossberg Motoren left.'])).not.toContain(
      'Vossberg/Tessaron ×1',
    );
  });
});
