import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client.ts'
import { translate, type Lang, type MessageKey, type Params } from '../i18n/index.tsx'
import { fieldErrorsOf, generalError, problemText } from './errors.ts'
import { EXACT, PATTERNS, translateFieldMessage } from './serverMessages.ts'

const tOf = (lang: Lang) => (key: MessageKey, params?: Params) => translate(lang, key, params)
const en = tOf('en')
const ru = tOf('ru')

// Every message the server can put in a field error (domain/, api/, repository/rows.go), as it sends
// it, with what an English and a Russian user see.
const CASES: [server: string, english: string, russian: string][] = [
  // Without parameters.
  ['is required', 'is required', 'Обязательное поле'],
  ['must be an email address', 'must be an email address', 'Введите корректный адрес электронной почты'],
  ['no such delegation', 'no such delegation', 'Такой делегации нет'],
  ['a delegate must belong to a delegation', 'a delegate must belong to a delegation', 'Делегат должен входить в делегацию'],
  ['only delegates belong to a delegation', 'only delegates belong to a delegation', 'В делегацию входят только делегаты'],
  ['is wrong', 'is wrong', 'Указано неверно'],
  [
    'must be 2 to 10 capital letters or digits, such as KAZ or UN',
    'must be 2 to 10 capital letters or digits, such as KAZ or UN',
    'От 2 до 10 заглавных латинских букв или цифр, например KAZ или UN',
  ],
  ['each language is a code such as ru or zh', 'each language is a code such as ru or zh', 'Каждый язык указывается кодом, например ru или zh'],
  ['make another member head instead', 'make another member head instead', 'Вместо этого назначьте главой другого члена делегации'],
  ['a venue needs no travel time to itself', 'a venue needs no travel time to itself', 'Время в пути от места до него самого не указывается'],
  ['must be an IANA time zone such as Asia/Almaty', 'must be an IANA time zone such as Asia/Almaty', 'Укажите часовой пояс IANA, например Asia/Almaty'],
  ['a delegation does not meet itself', 'a delegation does not meet itself', 'Делегация не может встречаться сама с собой'],
  ['must not be negative', 'must not be negative', 'Не может быть отрицательным'],
  ['no such room', 'no such room', 'Такого зала нет'],
  [
    "from–to must overlap the summit's days and working hours",
    'the period must overlap the summit’s days and working hours',
    'Период должен захватывать дни и рабочие часы саммита',
  ],
  ['used for another request', 'used for another request', 'Уже использован для другого запроса'],
  ['must be YYYY-MM-DD', 'must be YYYY-MM-DD', 'Формат даты: ГГГГ-ММ-ДД'],
  ['not a cursor this server made', 'not a cursor this server made', 'Этот курсор выдан не этим сервером'],
  ['must be a string or null', 'must be a string or null', 'Должно быть строкой или null'],
  [
    'is set on create only; change members at /members/{id}',
    'is set on create only; change the delegation’s members instead',
    'Задаётся только при создании; потом меняйте состав делегации',
  ],
  [
    'must be the ETag the resource was served with, such as "3"',
    'must be the ETag the resource was served with, such as "3"',
    'Должен совпадать с ETag, полученным вместе с ресурсом, например "3"',
  ],
  ['send the body as application/json', 'send the body as application/json', 'Тело запроса должно быть в формате application/json'],
  ['the body holds more than one JSON value', 'the body holds more than one JSON value', 'В теле запроса больше одного значения JSON'],
  ['is not a field this request accepts', 'is not a field this request accepts', 'Этот запрос не принимает такое поле'],
  ['the body is empty or cut short', 'the body is empty or cut short', 'Тело запроса пустое или оборвано'],
  ['unreadable JSON', 'unreadable JSON', 'Не удалось прочитать JSON'],

  // Field names inside messages become the form's labels.
  ['must be after day_starts', 'must be after “Day starts”', 'Должно быть позже, чем «Начало дня»'],
  ['must be after from', 'must be after “From”', 'Должно быть позже, чем «С»'],
  ['must be after starts_at', 'must be after “Starts”', 'Должно быть позже, чем «Начало»'],
  ['must be after arrival_at', 'must be after “Arrival”', 'Должно быть позже, чем «Прибытие»'],
  ['must be after opens_at', 'must be after “opens_at”', 'Должно быть позже, чем «opens_at»'],
  ['must not be before starts_on', 'must not be before “First day”', 'Не может быть раньше, чем «Первый день»'],
  [
    'must leave room for the meeting after earliest',
    'must leave room for the meeting after “Not before”',
    'После «Не раньше» должно хватать времени на всю встречу',
  ],

  // Numbers and other parameters.
  ['plan at most 31 days at once', 'plan at most 31 days at once', 'За один раз можно планировать не более 31 дн.'],
  ['must be 0 to 120', 'must be 0 to 120', 'Должно быть от 0 до 120'],
  ['must be 1 to 100000', 'must be 1 to 100000', 'Должно быть от 1 до 100000'],
  ['must be 1 to 200 characters', 'must be 1 to 200 characters', 'Должно содержать от 1 до 200 символов'],
  ['must be 12 to 128 characters long', 'must be 12 to 128 characters long', 'Длина — от 12 до 128 символов'],
  ['must be at most 500 characters', 'must be at most 500 characters', 'Не более 500 символов'],
  ['must be a whole number from 1 to 500', 'must be a whole number from 1 to 500', 'Должно быть целым числом от 1 до 500'],
  ['at most 100 delegations at a time', 'at most 100 delegations at a time', 'Не более 100 делегаций за раз'],
  ['no venue v-9', 'no venue v-9', 'Места v-9 нет'],
  ['no room r-9', 'no room r-9', 'Зала r-9 нет'],
  ['no delegation d-xyz', 'no delegation d-xyz', 'Делегации d-xyz нет'],
  ['must be a date such as 2024-07-03', 'must be a date such as 2024-07-03', 'Укажите дату, например 2024-07-03'],
  ['must be a time such as 08:00', 'must be a time such as 08:00', 'Укажите время, например 08:00'],
  [
    'must be an RFC 3339 time such as 2024-07-04T10:00:00+05:00',
    'must be an RFC 3339 time such as 2024-07-04T10:00:00+05:00',
    'Укажите время в формате RFC 3339, например 2024-07-04T10:00:00+05:00',
  ],
  [
    'must be an RFC 3339 time with an offset, such as 2024-07-04T10:00:00+05:00',
    'must be an RFC 3339 time such as 2024-07-04T10:00:00+05:00',
    'Укажите время в формате RFC 3339, например 2024-07-04T10:00:00+05:00',
  ],
  // api/gate.go: the input gate.
  ['must be UTF-8 text', 'must be UTF-8 text', 'Текст должен быть в кодировке UTF-8'],
  ['must be a JSON object', 'must be an object', 'Должно быть объектом'],
  ['must not contain NUL characters', 'must not contain NUL characters', 'Не должно содержать символов NUL'],
  ["must not contain control characters ('\\a')", "must not contain control characters ('\\a')", "Не должно содержать управляющих символов ('\\a')"],
  [
    'must be an id such as 0190a8b2-5c3e-7d41-9f00-1a2b3c4d5e6f',
    'must be an id such as 0190a8b2-5c3e-7d41-9f00-1a2b3c4d5e6f',
    'Укажите идентификатор, например 0190a8b2-5c3e-7d41-9f00-1a2b3c4d5e6f',
  ],
  ['at most 20 items', 'at most 20 items', 'Не более 20 элементов'],
  [
    'holds a \\u escape at byte 7 that is half of a character (a lone surrogate)',
    'holds half a character at byte 7 (a lone \\u surrogate escape)',
    'Байт 7: половина символа (одиночная суррогатная пара \\u)',
  ],
  ['a meeting lasts at most 24 hours', 'a meeting lasts at most 24 hours', 'Встреча длится не более 24 ч'],
  ['participant 2 has no delegation_id', 'participant 2 has no delegation', 'У участника № 2 не указана делегация'],
  ['delegation d-kaz is listed twice', 'delegation d-kaz is listed twice', 'Делегация d-kaz указана дважды'],
  ['delegation KAZ has no head; name its members', 'delegation KAZ has no head; name its members', 'У делегации KAZ нет главы; выберите, кто из неё участвует'],
  ['member m-1 is not in delegation KAZ', 'member m-1 is not in delegation KAZ', 'Член делегации m-1 не входит в делегацию KAZ'],
  ['"teleport" is not a rule', '“teleport” is not a rule', 'Правила «teleport» нет'],
  ['"mfa.cn" is not an e-mail address such as protocol@mfa.example', '“mfa.cn” is not an e-mail address', '«mfa.cn» — не адрес электронной почты'],
  ['"a@b.kz" is listed twice', '“a@b.kz” is listed twice', '«a@b.kz» указан дважды'],
  ['room_overlap can never be overridden', '“Room double-booked” can never be overridden', `Правило «${ru('rule.room_overlap')}» нельзя обойти`],
  ['malformed JSON at byte 17', 'malformed JSON at byte 17', 'Ошибка в JSON (байт 17)'],
  // domain/shift.go: running late.
  ['must not be 0', 'must not be 0', 'Не может быть равно 0'],
  ['more than a day: at most 1440 either way', 'more than a day: at most 1440 minutes either way', 'Больше суток: не более 1440 мин в любую сторону'],
  ['moves meeting 0190a8b2-5c3e-7d41-9f00-1a2b3c4d5e6f into another day', 'would move a meeting into another day', 'Встреча перешла бы на другой день'],

  // "must be one of …": the values by their labels when the SPA has them.
  [
    'must be one of admin, organiser, delegate',
    'must be one of Administrator, Organiser, Delegate',
    `Допустимые значения: ${ru('role.admin')}, ${ru('role.organiser')}, ${ru('role.delegate')}`,
  ],
  [
    'must be one of plenary, bilateral, banquet, press, ceremony, other',
    'must be one of Plenary, Bilateral, Banquet, Press, Ceremony, Other',
    `Допустимые значения: ${['plenary', 'bilateral', 'banquet', 'press', 'ceremony', 'other'].map((l) => ru(`layout.${l}` as MessageKey)).join(', ')}`,
  ],
  [
    'must be one of member, observer, dialogue_partner, organisation, guest',
    'must be one of Member state, Observer, Dialogue partner, Organisation, Guest',
    `Допустимые значения: ${['member', 'observer', 'dialogue_partner', 'organisation', 'guest'].map((k) => ru(`dkind.${k}` as MessageKey)).join(', ')}`,
  ],
  [
    'must be one of pending, approved, rejected',
    'must be one of Pending, Approved, Rejected',
    `Допустимые значения: ${ru('accreditation.pending')}, ${ru('accreditation.approved')}, ${ru('accreditation.rejected')}`,
  ],
  ['must be one of red, green', 'must be one of red, green', 'Допустимые значения: red, green'],

  // api/imports.go, importer/ and domain/imports.go: a spreadsheet to import.
  ['is a column the file must have', 'is a column the file must have', 'Этот столбец в файле обязателен'],
  ['is a column twice', 'is a column twice', 'Столбец указан дважды'],
  ['must be a whole number', 'must be a whole number', 'Должно быть целым числом'],
  ['must be true or false', 'must be true or false', 'Должно быть true или false'],
  [
    "begins with = like a formula: an import takes values (begin it with ' to mean the text)",
    'begins with = like a formula: an import takes values (begin it with ’ to mean the text)',
    'Начинается с = как формула: импорт принимает только значения (чтобы это был текст, начните с апострофа)',
  ],
  [
    'must be UTF-8 text (save the file as “CSV UTF-8”)',
    'must be UTF-8 text (save the file as “CSV UTF-8”)',
    'Должен быть текст в UTF-8 (сохраните файл как «CSV UTF-8»)',
  ],
  ['must be a whole number from 1', 'must be a whole number from 1', 'Должно быть целым числом от 1'],
  [
    'is a column the file must have with the other names (names.ru, names.zh, names.kk)',
    'names.ru, names.zh and names.kk come together: add the missing ones',
    'Столбцы names.ru, names.zh и names.kk идут вместе: добавьте недостающие',
  ],
  [
    'the file is empty: its first row must name the columns',
    'the file is empty: its first row must name the columns',
    'Файл пуст: его первая строка должна называть столбцы',
  ],
  [
    "must be a time such as 2024-07-04T10:00:00+05:00, or 2024-07-04 10:00 in the summit's time zone",
    'must be a time such as 2024-07-04T10:00:00+05:00, or 2024-07-04 10:00 on the summit’s clock',
    'Укажите время, например 2024-07-04T10:00:00+05:00, или 2024-07-04 10:00 по времени саммита',
  ],
  ['no delegation has code XYZ', 'no delegation has code XYZ', 'Делегации с кодом XYZ нет'],
  ['no venue is named Palace of Peace', 'no venue is named Palace of Peace', 'Места с названием Palace of Peace нет'],
  ['repeats row 2', 'repeats row 2', 'Повторяет строку 2'],
  [
    'is not a column of venues (name, names.ru, names.zh, names.kk, address)',
    'is not a column of this file: its columns are name, names.ru, names.zh, names.kk, address',
    'Такого столбца нет: допустимые столбцы — name, names.ru, names.zh, names.kk, address',
  ],
  ['column 3 has no name', 'column 3 has no name', 'У столбца 3 нет названия'],
  ['row 4 makes another member head of KAZ', 'row 4 makes another member head of KAZ', 'Строка 4 уже назначает главой KAZ другого члена'],
  [
    'the record was changed since this file was exported (now version 4): export it again',
    'the record was changed since this file was exported (now version 4): export it again',
    'Запись изменилась после экспорта этого файла (теперь версия 4): выгрузите файл заново',
  ],
  [
    'is the id of delegation KAZ: an import finds records by code and never changes it',
    'is the id of delegation KAZ: an import finds records by code and never changes it',
    'Это id записи «delegation KAZ»: импорт находит записи по code и никогда его не меняет',
  ],
  ['has 4 cells, but the header names 3 columns', 'has 4 cells, but the header names 3 columns', 'В строке 4 ячеек, а в заголовке 3 столбцов'],
  [
    'the file has more than 10000 rows: import it in parts',
    'the file has more than 10000 rows: import it in parts',
    'В файле больше 10000 строк: импортируйте его частями',
  ],

  // api/bind.go: "must be" + the Go type a JSON value did not fit.
  ['must be int', 'must be a whole number', 'Должно быть целым числом'],
  ['must be float64', 'must be a number', 'Должно быть числом'],
  ['must be string', 'must be text', 'Должно быть текстом'],
  ['must be bool', 'must be true or false', 'Должно быть true или false'],
  ['must be []string', 'must be a list', 'Должно быть списком'],
  ['must be map[string]int', 'must be an object', 'Должно быть объектом'],
  ['must be api.participantRequest', 'must be an object', 'Должно быть объектом'],
]

const UNKNOWN = ['must be time.Time', 'must be positive', 'a brand-new rule of the server', 'is required!', 'must be 1 to many', '']

describe('translateFieldMessage', () => {
  it.each(CASES)('maps %j', (server, english, russian) => {
    expect(translateFieldMessage(server, en)).toBe(english)
    expect(translateFieldMessage(server, ru)).toBe(russian)
  })

  it('has a case above for every message and every pattern it knows', () => {
    const servers = CASES.map(([s]) => s)
    expect(Object.keys(EXACT).filter((m) => !servers.includes(m))).toEqual([])
    const unused = PATTERNS.filter((p) => !servers.some((s) => !(s in EXACT) && PATTERNS.find((q) => q.re.test(s)) === p))
    expect(unused.map((p) => String(p.re))).toEqual([])
  })

  it('passes unknown messages through unchanged, in every language', () => {
    for (const lang of ['en', 'ru', 'zh', 'kk'] as const) {
      for (const m of UNKNOWN) expect(translateFieldMessage(m, tOf(lang))).toBe(m)
    }
  })

  it('speaks Chinese and Kazakh too', () => {
    expect(translateFieldMessage('must be after day_starts', tOf('zh'))).toBe('必须晚于“每日开始”')
    expect(translateFieldMessage('must be 0 to 120', tOf('zh'))).toBe('须在 0 到 120 之间')
    expect(translateFieldMessage('must be after day_starts', tOf('kk'))).toBe('«Күн басталады» мәнінен кейін болуы керек')
    expect(translateFieldMessage('plan at most 31 days at once', tOf('kk'))).toBe('Бір жолы ең көбі 31 күн жоспарлауға болады')
  })
})

const problem = (status: number, errors: { field: string; message: string }[]) =>
  new ApiError(status, { type: 'about:blank', title: 'x', status, detail: 'The request has invalid fields.', errors }, 'x')

describe('field errors of a problem', () => {
  it('are translated, one field’s messages joined', () => {
    const err = problem(422, [
      { field: 'name', message: 'must be 1 to 200 characters' },
      { field: 'name', message: 'a brand-new rule' },
      { field: 'day_ends', message: 'must be after day_starts' },
    ])
    expect(fieldErrorsOf(err, ru)).toEqual({
      name: 'Должно содержать от 1 до 200 символов; a brand-new rule',
      day_ends: 'Должно быть позже, чем «Начало дня»',
    })
    expect(fieldErrorsOf(new Error('x'), ru)).toEqual({})
  })

  it('not shown at a field are listed in the form’s message, by label where there is one', () => {
    const err = problem(422, [
      { field: 'delegation_id', message: 'no such delegation' },
      { field: 'travel_minutes', message: 'no venue v-9' },
    ])
    expect(generalError(err, ru, ['name'])).toBe('Делегация: Такой делегации нет; travel_minutes: Места v-9 нет')
    expect(generalError(err, ru, ['delegation_id', 'travel_minutes'])).toBe(ru('error.fixFields'))
  })

  it('of a malformed request (400) are said in words', () => {
    const err = problem(400, [{ field: 'body', message: 'malformed JSON at byte 17' }])
    expect(problemText(err, en)).toBe('The server could not read the request: body: malformed JSON at byte 17.')
    expect(problemText(err, ru)).toBe('Сервер не смог прочитать запрос: body: Ошибка в JSON (байт 17).')
  })
})
