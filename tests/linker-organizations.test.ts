// New organisations, round 2 of issue 23: each class of name the linker finds, with a case it must
// leave alone beside it. The names here are not in the development articles.
import { describe, expect, it } from 'vitest';
import { newOrganizationsIn as organizationsIn } from './support/linking.ts';

describe('acronyms defined in brackets', () => {
  it('takes names in sentence case or mixed-case acronyms when every initial spells the acronym', () => {
    expect(
      organizationsIn([
        'The Union syndicale des travailleurs (UST) and the Partij voor Vrijheid (PvV) walked out.',
        'UST leaders met on Friday; the PvV did not attend.',
      ]),
    ).toStrictEqual(['Partij voor Vrijheid (PvV) ×2', 'Union syndicale des travailleurs (UST) ×2']);
  });

  it('skips articles inside the name when spelling the acronym', () => {
    expect(
      organizationsIn(['The Comisión Nacional de los Derechos Humanos (CNDH) opened an inquiry. The CNDH said so.']),
    ).toStrictEqual(['Comisión Nacional de los Derechos Humanos (CNDH) ×2']);
  });

  it('takes a name with "in" inside it, and counts the bare acronym later', () => {
    expect(
      organizationsIn(['The United Nations Mission in Kosovo (UNMIK) said patrols resumed. UNMIK staff were unhurt.']),
    ).toStrictEqual(['United Nations Mission in Kosovo (UNMIK) ×2']);
  });

  it('leaves lower-case words before a bracket alone when the initials do not spell it, or a term opens the sentence', () => {
    expect(organizationsIn(['Prices rose at the central bank of the region (BCRA) last year.'])).toStrictEqual([]);
    expect(
      organizationsIn(['Gross domestic product (GDP) rose. Chief executive officer (CEO) Jane Doe agreed.']),
    ).toStrictEqual([]);
  });
});

describe('names built on an organisation word', () => {
  it('keeps a plural or a title possessive inside the name', () => {
    expect(
      organizationsIn([
        "The Seafarers' Welfare Association and Chile's Prosecutor General’s Office opened inquiries.",
        'The Farmers’ Union of Wales agreed.',
      ]),
    ).toStrictEqual([
      'Farmers’ Union of Wales ×1',
      'Prosecutor General’s Office ×1',
      "Seafarers' Welfare Association ×1",
    ]);
  });

  it('keeps a saint’s possessive inside the name, and lists of two names apart', () => {
    expect(organizationsIn(["Doctors at St Mary's Hospital and St John’s College agreed."])).toStrictEqual([
      'St John’s College ×1',
      "St Mary's Hospital ×1",
    ]);
  });

  it('ends a company’s name with its legal form in other countries', () => {
    expect(organizationsIn(['Kesko Oyj agreed, as did Nordlys ASA and Grupo Lala SAB.'])).toStrictEqual([
      'Grupo Lala SAB ×1',
      'Kesko Oyj ×1',
      'Nordlys ASA ×1',
    ]);
  });

  it('leaves an owner out of the name', () => {
    expect(organizationsIn(["Peru's Electoral Tribunal said the count was clean."])).toStrictEqual([
      'Electoral Tribunal ×1',
    ]);
  });

  it('joins names in other languages across their links, with or without an organisation word first', () => {
    expect(
      organizationsIn([
        'Patients at the Hospital General Virgen de la Arrixaca and students of the Università degli Studi di Torino joined.',
      ]),
    ).toStrictEqual(['Hospital General Virgen de la Arrixaca ×1', 'Università degli Studi di Torino ×1']);
  });

  it('joins "and" inside a name in any of those languages, and a title word before a link', () => {
    expect(
      organizationsIn([
        'The Korea Disease Control and Prevention Agency and the Instituto Nacional de Pesquisa e Estatística agreed.',
        'Researchers at the Universidad Nacional Mayor de San Marcos disagreed.',
      ]),
    ).toStrictEqual([
      'Instituto Nacional de Pesquisa e Estatística ×1',
      'Korea Disease Control and Prevention Agency ×1',
      'Universidad Nacional Mayor de San Marcos ×1',
    ]);
    expect(organizationsIn(['Grants from the Ford and Rockefeller Foundation helped.'])).toStrictEqual([
      'Rockefeller Foundation ×1',
    ]);
  });

  it('keeps a faction in brackets in a party’s name, but not a source', () => {
    expect(organizationsIn(['The Rashtra Seva Party (United) won, and Acme Holdings (Reuters) fell.'])).toStrictEqual([
      'Acme Holdings ×1',
      'Rashtra Seva Party (United) ×1',
      'Reuters ×1',
    ]);
  });

  it('takes "City of X Police" whole, and a court named with a title word', () => {
    expect(
      organizationsIn(['The City of Westport Police referred the case to the General Court of the region.']),
    ).toStrictEqual(['City of Westport Police ×1', 'General Court ×1']);
  });

  it('keeps an organisation word that opens a sentence, but not a thing or a tax named with one', () => {
    expect(organizationsIn(['Club Atlético Tembetary beat the visitors.'])).toStrictEqual([
      'Club Atlético Tembetary ×1',
    ]);
    expect(
      organizationsIn([
        'Council Tax will rise. Exchange Street was closed. Bank Holiday traffic was heavy, the Rowan Institute said.',
      ]),
    ).toStrictEqual(['Rowan Institute ×1']);
  });
});

describe('clubs and sports bodies', () => {
  it('finds a place and a club word, and a sport before a country', () => {
    expect(
      organizationsIn(['Darlington Wanderers lost at Grimsby Rovers.', 'Cycling Kenya said the team was picked.']),
    ).toStrictEqual(['Cycling Kenya ×1', 'Darlington Wanderers ×1', 'Grimsby Rovers ×1']);
  });

  it('does not take a country, or a sport played in one', () => {
    expect(
      organizationsIn(['The United States led. Cricket in Australia is popular; cricket Australia loves.']),
    ).toStrictEqual([]);
  });
});

describe('names a sentence says are organisations', () => {
  it('finds names after "known as", "analysts at", "-based" and before a union', () => {
    expect(
      organizationsIn([
        'A hacking crew known as Grey Lantern leaked the files. Analysts at Itaforte Capital said costs rose.',
        'A spokeswoman for Helvetia Re said claims rose.',
        'The Lisbon-based Ondaverde institute and the SITRA-CUT dockers’ union objected.',
      ]),
    ).toStrictEqual(['Grey Lantern ×1', 'Helvetia Re ×1', 'Itaforte Capital ×1', 'Ondaverde ×1', 'SITRA-CUT ×1']);
  });

  it('finds a name set off by a country’s possessive or a broadcaster, and a company by its shareholders', () => {
    expect(
      organizationsIn([
        'Zenkoren, Japan’s second-largest union federation, objected. Radio Kalima, the movement’s radio station, agreed.',
        'Pemberton Andes Mining’s largest shareholder sold.',
      ]),
    ).toStrictEqual(['Pemberton Andes Mining ×1', 'Radio Kalima ×1', 'Zenkoren ×1']);
  });

  it('finds a name whose clause says what it makes or employs, but not a river', () => {
    expect(
      organizationsIn([
        'Kalvero, which makes sensors for cars, said orders fell. The Amazon, which supplies water, shrank.',
      ]),
    ).toStrictEqual(['Kalvero ×1']);
  });

  it('finds armed groups and parties named in other languages, particles and all', () => {
    expect(
      organizationsIn([
        'The attack was claimed by Jamaat Nasr al-Din, which operates in the region. The Mungiki sect was banned.',
        'The Tehreek-e-Insaniyat Sindh party and the Cártel de San Isidro de Lima called protests.',
      ]),
    ).toStrictEqual([
      'Cártel de San Isidro de Lima ×1',
      'Jamaat Nasr al-Din ×1',
      'Mungiki ×1',
      'Tehreek-e-Insaniyat Sindh ×1',
    ]);
    expect(organizationsIn(['The Republican party and the New York Republican party disagreed.'])).toStrictEqual([]);
  });

  it('takes a journal named with one ordinary word, but not that word after another noun', () => {
    expect(
      organizationsIn(['The study appeared in the journal Science on Monday. The company Board met on Friday.']),
    ).toStrictEqual(['Science ×1']);
  });

  it('drops the sentence’s "The" from a cued name', () => {
    expect(organizationsIn(['The Lok Jan Morcha, a regional party, won 40 seats.'])).toStrictEqual([
      'Lok Jan Morcha ×1',
    ]);
  });

  it('does not take people for organisations', () => {
    expect(
      organizationsIn([
        "Musk's shares rose. Trump's chief executive order was signed. A man known as El Chapo was extradited.",
        'A spokesman for Biden declined to comment.',
        'Doctors at St Mary’s said the patient was stable.',
      ]),
    ).toStrictEqual([]);
  });

  it('counts a short form of a new organisation’s name toward it', () => {
    expect(
      organizationsIn(['Brennholt Marine Systems won the order.', 'Brennholt’s chief executive, Ola Dahl, said so.']),
    ).toStrictEqual(['Brennholt Marine Systems ×2']);
    expect(organizationsIn(['Harvard and Harvard Medical School agreed.'])).toStrictEqual([
      'Harvard ×1',
      'Harvard Medical School ×1',
    ]);
  });
});

describe('laws, competitions, products and places', () => {
  it('are not organisations', () => {
    expect(
      organizationsIn([
        'The Online Harms Act passed before the Champions League final and the Davis Cup.',
        'Sales of the Fiat 500 and the Boeing 737 fell. The Beşiktaş district mayor was held. Labour Minister Ana Ruiz spoke.',
        'Treasury yields rose.',
      ]),
    ).toStrictEqual([]);
  });
});

describe('well-known organisations', () => {
  it('are named as the article writes them, without a leading article (as labels write "Lancet")', () => {
    expect(
      organizationsIn([
        'The U.S. Army and the Carabinieri trained together; the ’Ndrangheta watched, The Lancet said.',
        'The Treasury said the plan was costed, and Rengo agreed.',
      ]),
    ).toStrictEqual(['Carabinieri ×1', 'Lancet ×1', 'Rengo ×1', 'Treasury ×1', 'U.S. Army ×1', '’Ndrangheta ×1']);
  });
});

// Round 3: the classes read off the second blind set's misses, each with invented names and a case
// the rule must leave alone.
describe('names a noun before or after says are organisations', () => {
  it('takes a name after a kind of company, outlet or public service', () => {
    expect(
      organizationsIn([
        'Nigerian fintech Kolapay raised money. The news website Habervar and the daily Sabahçı were raided.',
        'The pollster Sondamedia said turnout fell, according to the transport authority BusLine.',
        'The NGO Voces Claras counted the dead.',
      ]),
    ).toStrictEqual(['BusLine ×1', 'Habervar ×1', 'Kolapay ×1', 'Sabahçı ×1', 'Sondamedia ×1', 'Voces Claras ×1']);
    expect(organizationsIn(['The daily Tuesday briefing was cancelled. He joined the service Monday.'])).toStrictEqual(
      [],
    );
  });

  it('takes a name before "group", "movement" or "institute", but not an adjective or a nationality', () => {
    expect(
      organizationsIn([
        'Malware built by the DarkHarbor group hit the Szabad Erő movement, polls by the Pulzus institute said.',
      ]),
    ).toStrictEqual(['DarkHarbor ×1', 'Pulzus ×1', 'Szabad Erő ×1']);
    expect(
      organizationsIn([
        'Shares of the British group rose. The Green movement marched. The Sunni group met.',
        'Ansar Allah, the Houthi movement that controls the port, said so.',
      ]),
    ).toStrictEqual(['Ansar Allah ×1']);
  });

  it('takes "a group calling itself", "run by" and ", once one of … start-ups"', () => {
    expect(
      organizationsIn([
        'A criminal group calling itself Null9 leaked the files.',
        'The money goes to a crisis team run by Northgate Community Health.',
        'Vidyamarg, once one of India’s most valuable education start-ups, cut jobs.',
      ]),
    ).toStrictEqual(['Northgate Community Health ×1', 'Null9 ×1', 'Vidyamarg ×1']);
    expect(organizationsIn(['The club is run by Jane Doe, and the fund is managed by Maria Silva.'])).toStrictEqual([]);
  });

  it('takes a company named by what it does in a clause after its name', () => {
    expect(
      organizationsIn([
        'Veltrano Rail, which runs most intercity trains, apologised. Corvane Spazio, which built the probe, agreed.',
      ]),
    ).toStrictEqual(['Corvane Spazio ×1', 'Veltrano Rail ×1']);
    expect(
      organizationsIn([
        'Storm Kelda, which developed over the sea, hit the coast. Medicare, which provides cover, will change.',
        'Route 9, which runs along the coast, was closed. Commuters waited for the Light Rail.',
      ]),
    ).toStrictEqual([]);
  });

  it('leaves a one-word cause before "movement", and footage from cameras, alone', () => {
    expect(organizationsIn(['The MeToo movement grew. CCTV footage showed the attack.'])).toStrictEqual([]);
  });

  it('takes a long name in another language after an organisation noun, or a title word after a link', () => {
    expect(
      organizationsIn([
        'Clinics run by the medical charity Médecins Pour Tous Ituri reopened.',
        'Fathers for Justice, a campaign group formed by divorced men, protested.',
        'The rights group Colectivo Verdad y Justicia filed a complaint.',
      ]),
    ).toStrictEqual(['Colectivo Verdad y Justicia ×1', 'Fathers for Justice ×1', 'Médecins Pour Tous Ituri ×1']);
  });

  it('takes a company word that compromise reads as part of a place, and "Games" after a company noun', () => {
    expect(
      organizationsIn([
        'The hospital’s insurer, Lakemont Mutual, will pay. The fund operator Hanami Ridge Capital collapsed.',
        'Game developer Starhaven Games cut 200 jobs before the Asian Games.',
      ]),
    ).toStrictEqual(['Hanami Ridge Capital ×1', 'Lakemont Mutual ×1', 'Starhaven Games ×1']);
  });
});

describe('whole names of public bodies', () => {
  it('keeps a title word that is the object of an organisation word', () => {
    expect(
      organizationsIn([
        'He appealed to the Federal Court of Justice in Karlsruhe, then to the High Court of Justice of the Republic.',
      ]),
    ).toStrictEqual(['Federal Court of Justice ×1', 'High Court of Justice of the Republic ×1']);
    expect(organizationsIn(['Ministry of Justice Minister Jane Doe spoke.'])).toStrictEqual([]);
  });

  it('takes objects listed with commas, "General" after the organisation word, and an ordinal region', () => {
    expect(
      organizationsIn([
        'The Ministry of Culture, Sport and Tourism said so, as did the Ministry of Health, Labour and Welfare.',
        'The Directorate General of Coastal Management agreed.',
        'She appealed to the Federal Regional Court of the 3rd Region.',
      ]),
    ).toStrictEqual([
      'Directorate General of Coastal Management ×1',
      'Federal Regional Court of the 3rd Region ×1',
      'Ministry of Culture, Sport and Tourism ×1',
      'Ministry of Health, Labour and Welfare ×1',
    ]);
  });

  it('stops before a title after the name and drops an article that opens the sentence', () => {
    expect(organizationsIn(['Sahrawi Water Authority Prime Minister Jane Doe said the plan was fair.'])).toStrictEqual([
      'Sahrawi Water Authority ×1',
    ]);
    expect(organizationsIn(['Tuesday. A Western Cape Police Service constable was charged.'])).toStrictEqual([
      'Western Cape Police Service ×1',
    ]);
  });

  it('keeps an official’s possessive in the office’s name, and "Co-operative" whole', () => {
    expect(
      organizationsIn([
        'The budget of the Harlan County Sheriff’s Office was cut.',
        'Lakeland Co-operative, one of the region’s largest milk processors, agreed to merge.',
      ]),
    ).toStrictEqual(['Harlan County Sheriff’s Office ×1', 'Lakeland Co-operative ×1']);
  });

  it('takes a company opened by a company word in Spanish or Portuguese', () => {
    expect(organizationsIn(['The mine is run by Minera Cerro Alto, which halted output.'])).toStrictEqual([
      'Minera Cerro Alto ×1',
    ]);
  });
});

describe('acronyms of names in other languages', () => {
  it('reads "y" as a link, and keeps capitalised words before the part the acronym spells', () => {
    expect(organizationsIn(['The state firm Transportes y Logística del Sur (TYLS) won the contract.'])).toStrictEqual([
      'Transportes y Logística del Sur (TYLS) ×1',
    ]);
    expect(
      organizationsIn(['Erosion doubled, the National Institute for Coastal Studies (INEC) said. INEC staff agreed.']),
    ).toStrictEqual(['National Institute for Coastal Studies (INEC) ×2']);
  });

  it('keeps country initials before a national body', () => {
    expect(
      organizationsIn(['The U.S. Maritime Safety Administration (MSA) approved it. The MSA said so.']),
    ).toStrictEqual(['U.S. Maritime Safety Administration (MSA) ×2']);
  });
});

describe('clubs', () => {
  it('takes Nordic club initials and a sport after a name, but not an English word before the sport', () => {
    expect(organizationsIn(['Tornby IF beat Västmo BK 3-1, and Kallberg Hockey lost.'])).toStrictEqual([
      'Kallberg Hockey ×1',
      'Tornby IF ×1',
      'Västmo BK ×1',
    ]);
    expect(organizationsIn(['Ice Hockey is popular. If Sweden wins, fans will party.'])).toStrictEqual([]);
  });

  it('takes a team whose name opens with its city, and a club word compromise reads as part of a place', () => {
    expect(
      organizationsIn([
        'The Sapporo Falcons beat the Sendai Owls 5-2.',
        'Mwangi won, leading Kerio Valley Harriers to the team title.',
      ]),
    ).toStrictEqual(['Kerio Valley Harriers ×1', 'Sapporo Falcons ×1', 'Sendai Owls ×1']);
    expect(organizationsIn(['The United States beat Japan 2-1.'])).toStrictEqual([]);
  });

  it('takes a club prefix in Italian or Spanish', () => {
    expect(
      organizationsIn(['Volley Lago Nord won the cup, beating Pallavolo Cremona; Sportivo Rosario lost.']),
    ).toStrictEqual(['Pallavolo Cremona ×1', 'Sportivo Rosario ×1', 'Volley Lago Nord ×1']);
  });
});

describe('the well-known list and short forms', () => {
  it('leaves a listed name to the longer name it is the object of', () => {
    expect(
      organizationsIn(['FIFA suspended the Fédération Béninoise de Football Association on Thursday.']),
    ).toStrictEqual(['FIFA ×1', 'Fédération Béninoise de Football Association ×1']);
  });

  it('counts a shorter form of a new organisation’s name as the same organisation', () => {
    expect(
      organizationsIn([
        'The plant will be run by the carmaker Kestrel Nordic Motors.',
        'Kestrel Nordic’s shareholders approved it.',
      ]),
    ).toStrictEqual(['Kestrel Nordic Motors ×2']);
  });
});

describe('the first word of a new organisation’s name alone', () => {
  it('counts toward the organisation when nothing else here could be meant', () => {
    expect(
      organizationsIn(['The utility Corvantis Utilities agreed to the deal.', 'Corvantis said it would cut prices.']),
    ).toStrictEqual(['Corvantis Utilities ×2']);
  });

  it('leaves a place, an English word, a person’s name and a listed organisation alone', () => {
    expect(
      organizationsIn(['Patients were sent to Tavira General Hospital.', 'Residents of Tavira protested.']),
    ).toStrictEqual(['Tavira General Hospital ×1']);
    expect(
      organizationsIn(['The utility Northern Utilities agreed.', 'Northern said prices would rise.']),
    ).toStrictEqual(['Northern Utilities ×1']);
    expect(
      organizationsIn([
        'The builder Holzmann Bau filed for insolvency, founder Klaus Holzmann said.',
        'Holzmann said talks had failed.',
      ]),
    ).toStrictEqual(['Holzmann Bau ×1']);
    expect(organizationsIn(['The carmaker Fiat Chrysler merged.', 'Fiat said sales fell.'])).toStrictEqual([
      'Fiat ×1',
      'Fiat Chrysler ×1',
    ]);
  });
});

describe('more cues of round 3', () => {
  it('takes a kind of company opening the sentence, more industries, and a team after a score', () => {
    expect(
      organizationsIn([
        'Chipmaker Kestrel Semiconductor cut jobs. Brazilian meatpacker Frigorífico Serrano said sales rose.',
        'Jiangsu Herons lost 88-79 to the Harbin Owls on Friday.',
      ]),
    ).toStrictEqual(['Frigorífico Serrano ×1', 'Harbin Owls ×1', 'Jiangsu Herons ×1', 'Kestrel Semiconductor ×1']);
  });

  it('leaves a person out of the club named after "of"', () => {
    expect(organizationsIn(['Coach Pedro Alves of Club Nacional said the team was tired.'])).toStrictEqual([
      'Club Nacional ×1',
    ]);
  });
});

describe('company forms around a name (round 7)', () => {
  it('keeps the point of "Co." where the sentence goes on, and leaves a sentence’s own point out', () => {
    expect(organizationsIn(['Executives at Brakmoor Paving Co. paid for the boat, prosecutors said.'])).toStrictEqual([
      'Brakmoor Paving Co. ×1',
    ]);
    expect(organizationsIn(['The contract went to Brakmoor Paving Co.'])).toStrictEqual(['Brakmoor Paving Co ×1']);
  });

  it('takes an Indonesian "PT" or a Russian "PJSC" opening a company’s name', () => {
    expect(organizationsIn(['Police searched the offices of PT Lestari Baja Halmahera on Monday.'])).toStrictEqual([
      'PT Lestari Baja Halmahera ×1',
    ]);
  });
});

describe('acronyms of things (round 7)', () => {
  it('links no acronym of a disease, a molecule or a payment system as an organisation', () => {
    expect(
      organizationsIn([
        'Halvard Bio said its RSV vaccine cut hospital stays.',
        'The grains contain ribose, a sugar that forms part of RNA.',
        'Transactions on the UPI system topped 20 billion, the payments body said.',
      ]),
    ).toStrictEqual([]);
  });
});
