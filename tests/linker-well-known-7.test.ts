// Issue 23 round 7: organisations from the broader well-known list (well-known-organizations.json,
// "added for round 7"), named the way international news names them, and the common words some of
// those names are made of, which stay words. The sentences are not from the development articles.
import { describe, expect, it } from 'vitest';
import { newOrganizationsIn as organizationsIn } from './support/linking.ts';

describe('well-known organizations, round 7', () => {
  it('takes handball clubs named for their sponsor or their town', () => {
    expect(
      organizationsIn(['THW Kiel beat SC Magdeburg 31-29 on Saturday, and Pick Szeged drew with Industria Kielce.']),
    ).toStrictEqual(['Industria Kielce ×1', 'Pick Szeged ×1', 'SC Magdeburg ×1', 'THW Kiel ×1']);
  });

  it('takes national agencies named in their own language', () => {
    expect(
      organizationsIn([
        'Inspectors from the Państwowa Inspekcja Pracy visited the plant, and the Dirección del Trabajo fined the mine owner.',
        'Yüksek Seçim Kurulu ordered a recount, and Komenda Główna Policji said 200 officers would guard the count.',
      ]),
    ).toStrictEqual([
      'Dirección del Trabajo ×1',
      'Komenda Główna Policji ×1',
      'Państwowa Inspekcja Pracy ×1',
      'Yüksek Seçim Kurulu ×1',
    ]);
  });

  it('takes emergency services and advisory banks', () => {
    expect(
      organizationsIn([
        'Technisches Hilfswerk sent pumps to the flooded town, and the Corpo Nazionale dei Vigili del Fuoco rescued 40 people.',
        "Evercore and Lazard advised on the sale, while Moody's kept its rating.",
      ]),
    ).toStrictEqual([
      'Corpo Nazionale dei Vigili del Fuoco ×1',
      'Evercore ×1',
      'Lazard ×1',
      "Moody's ×1",
      'Technisches Hilfswerk ×1',
    ]);
  });

  it('takes parties without a party word and newspapers, magazines and companies named alone', () => {
    expect(
      organizationsIn([
        'The Janatha Vimukthi Peramuna won the most seats, and the Samagi Jana Balawegaya came second.',
        'The Leipziger Volkszeitung and The Spectator ran the interview, and Trendyol and Getir said they would cut prices.',
      ]),
    ).toStrictEqual([
      'Getir ×1',
      'Janatha Vimukthi Peramuna ×1',
      'Leipziger Volkszeitung ×1',
      'Samagi Jana Balawegaya ×1',
      'Spectator ×1',
      'Trendyol ×1',
    ]);
  });

  it('counts a listed acronym as a mention of the organisation it stands for', () => {
    expect(
      organizationsIn([
        'The Muttahida Qaumi Movement walked out of the assembly.',
        'MQM leaders said they would return on Monday.',
      ]),
    ).toStrictEqual(['Muttahida Qaumi Movement ×2']);
    expect(
      organizationsIn([
        'The Kraftfahrt-Bundesamt recalled 30,000 cars. A KBA spokeswoman said owners would be written to.',
      ]),
    ).toStrictEqual(['Kraftfahrt-Bundesamt ×2']);
  });

  it('leaves the common words these names are made of alone', () => {
    expect(
      organizationsIn([
        "Voters will pick Szeged's next mayor in October, and a spectator said direct relief had come too late.",
        'He watched the game as a spectator, then read the star tribune of the local paper.',
      ]),
    ).toStrictEqual([]);
  });
});
