// Russian pages on города-побратимы, read through the bundled gazetteer: whose page it is, names in other cases,
// agreements on cooperation, and sentences that state no tie. The phrases are quotes of the Russian documents of
// test/fixtures/world* (SOURCES.md); the expected values were written by hand from reading them. Needs the
// gazetteer built (npm run build).
import { describe, it, expect } from 'vitest';
import { placeQuestions as q, readWithKit } from '../src/readers/lists.js';
import { proseTies } from '../src/assemble/prose.js';
import { cyrillicOwner, foreignNominative } from '../src/assemble/cyrillic-owner.js';
import { findKindWords } from '../src/recognize/index.js';

const ties = (s: string, owner: string | null, abroad: string | null) =>
  proseTies(s, q, owner, 2000, abroad ? owner : null, true, abroad).map((t) => [t.cnPlace, t.place, t.planned !== null]);

describe('Russian names of places', () => {
  it('the gazetteer knows Chinese places by their Russian names (GeoNames alternate names)', () => {
    for (const n of ['Шэньян', 'Харбин', 'Далянь', 'Вэйхай', 'Нинбо', 'Циндао', 'Внутренняя Монголия', 'Хэйлунцзян']) expect(q.isChinese(n), n).toBe(true);
  });
  it('and Russian places by theirs', () => {
    for (const n of ['Иркутск', 'Хабаровск', 'Екатеринбург', 'Сергиев Посад', 'Ступино']) expect(q.foreignCountry(n), n).toBe('RU');
  });
  it('finds the nominative of a place abroad written in another case', () => {
    expect(foreignNominative('Екатеринбургом', q)).toBe('Екатеринбург');
    expect(foreignNominative('Сергиевым Посадом', q)).toBe('Сергиев Посад');
    expect(foreignNominative('Каширой', q)).toBe('Кашира');
    // A Chinese place or a person is no place abroad.
    expect(foreignNominative('Харбином', q)).toBeNull();
    expect(foreignNominative('Ольгой', q)).toBeNull();
  });
});

describe('whose Russian page it is', () => {
  it('the place abroad the page names most, in any case', () => {
    expect(cyrillicOwner(['Глава Екатеринбурга Алексей Орлов …', 'в Екатеринбурге', 'между Екатеринбургом и районом Дадукоу', 'побратимом Екатеринбурга стал Гомель'], q)).toBe('Екатеринбург');
    expect(cyrillicOwner(['Мэр Хабаровска Сергей Кравчук и мэр китайского города Вэйхай Кун Фаньпин подписали соглашение'], q)).toBe('Хабаровск');
    expect(cyrillicOwner(['«Для Иркутска отношения с Китаем всегда занимали особое место.'], q)).toBe('Иркутск');
  });
  it('none when the page names only Chinese places', () => {
    expect(cyrillicOwner(['Взаимодействуем с городами Шэньчжэнь, Харбин и Хулунбуир.'], q)).toBeNull();
  });
});

describe('Russian kind words', () => {
  it('agreements on cooperation, friendly ties and sister cities', () => {
    expect(findKindWords('В этом году мы подписали соглашения о сотрудничестве с Нинбо').map((k) => [k.written, k.kind])).toEqual([['соглашения о сотрудничестве', 'cooperation']]);
    expect(findKindWords('подписали соглашение о дружбе и сотрудничестве между Сергиевым Посадом').map((k) => k.kind)).toEqual(['cooperation']);
    expect(findKindWords('соглашение об установлении дружественных связей').map((k) => k.kind)).toEqual(['cooperation']);
    expect(findKindWords('развития побратимских связей').map((k) => k.kind)).toEqual(['sister']);
  });
  it('a visit or a meeting is no kind word', () => {
    expect(findKindWords('4 июня сотрудники представительства Россотрудничества в КНР посетили Китайское народное общество дружбы')).toEqual([]);
  });
});

describe('Russian sentences that state ties', () => {
  it('Chinese places listed as the owner’s partners, Внутренняя Монголия not read as Mongolia', () => {
    const s = 'У города на Неве в Китае есть немало побратимов, среди которых – провинции Гуандун и Сычуань, Автономный район Внутренняя Монголия, города Пекин, Шанхай и Харбин.';
    expect(ties(s, 'Санкт-Петербург', 'RU').map((t) => t[0])).toEqual(['Гуандун', 'Сычуань', 'Внутренняя Монголия', 'Пекин', 'Шанхай', 'Харбин']);
  });
  it('a place abroad in another case, its partner’s province only placing it', () => {
    const s = 'На всемирном форуме городов-побратимов, который проходит в Китае, подписали соглашение о дружбе и сотрудничестве между Сергиевым Посадом и городом Вэйхай в провинции Шаньдун.';
    expect(ties(s, 'Сергиев Посад', 'RU')).toEqual([['Вэйхай', 'Сергиев Посад', false]]);
  });
  it('`Аналогичные документы` are agreements of the kind of the sentence before; a planned one is to come', () => {
    const s =
      'Подписали соглашение о дружбе и сотрудничестве между Сергиевым Посадом и городом Вэйхай. «Аналогичные документы уже подписали между собой города Ступино и Циндао , Мытищи и Дэчжоу . Планируется также подписать соглашение между Каширой и китайским городом Шоугуан», — сообщил Георгий Филимонов.';
    expect(ties(s, 'Сергиев Посад', 'RU')).toEqual([
      ['Вэйхай', 'Сергиев Посад', false],
      ['Циндао', 'Ступино', false],
      ['Дэчжоу', 'Мытищи', false],
      ['Шоугуан', 'Кашира', true],
    ]);
  });
  it('a place run together with a person’s name (`Хабаровска Сергей`)', () => {
    const s = 'Мэр Хабаровска Сергей Кравчук и мэр китайского города Вэйхай Кун Фаньпин подписали соглашение об установлении побратимских отношений.';
    expect(ties(s, 'Хабаровск', 'RU').map((t) => [t[0], t[1]])).toEqual([['Вэйхай', 'Хабаровск']]);
  });
  it('a sentence about cooperating, a visit or a meeting states no tie', () => {
    expect(ties('Взаимодействуем с городами Шэньчжэнь, Харбин и Хулунбуир.', 'Иркутск', null)).toEqual([]);
    expect(ties('В Пекине состоялась встреча представителей Россотрудничества с Китайским народным обществом дружбы с заграницей', 'Санкт-Петербург', null)).toEqual([]);
    expect(ties('Делегация Хабаровска посетила Харбин и Далянь.', 'Хабаровск', null)).toEqual([]);
  });
});

describe('a Russian page read whole', () => {
  it('names its owner and its partners without --owner', () => {
    const text =
      '«Для Иркутска отношения с Китаем всегда занимали особое место. Более 30 лет побратимом столицы Прибайкалья является город Шэньян. В этом году мы подписали соглашения о сотрудничестве с Нинбо и Маньчжурией. Взаимодействуем с городами Шэньчжэнь, Харбин и Хулунбуир.';
    const r = readWithKit(text, 'irkutsk.txt');
    expect(r.meta.owner).toBe('Иркутск');
    expect(r.rows.map((x) => [x.cnPlace, x.foreignPlace])).toEqual([
      ['Шэньян', 'Иркутск'],
      ['Нинбо', 'Иркутск'],
      ['Маньчжурия', 'Иркутск'],
    ]);
  });
});
