package domain

import (
	"sort"
	"time"
)

// astanaZone is Kazakhstan's single time zone since 1 March 2024 (Asia/Almaty,
// UTC+5). A fixed zone keeps the demo data independent of installed tzdata.
var astanaZone = time.FixedZone("UTC+5", 5*3600)

// AstanaDemo returns the demo data set: the 24th Meeting of the SCO Council of
// Heads of State, Astana, 3–4 July 2024, built from public press reports
// (shared/DEMO-FACTS.md) with plausible values where those are silent.
//
// 3 July: the heads arrive at the airport's state apron one after another,
// the host's president receives Azerbaijan, China, Tajikistan, Qatar, Russia
// and the UN Secretary-General at Akorda, and the day closes with the official
// reception. 4 July, at the Palace of Independence: Belarus's accession, the
// restricted and extended sessions, lunch, the first "SCO Plus" meeting, the
// signing of the Astana Declaration, press statements, then the departures.
// The bilateral requests are left for the scheduler to place.
//
// The programme satisfies every scheduling rule of CONTRACT section 5. Times
// are UTC; each call returns fresh values that the caller may modify.
func AstanaDemo() DemoSet {
	const (
		palace  = "Palace of Independence"
		akorda  = "Akorda"
		apron   = "Nursultan Nazarbayev International Airport – State Apron"
		ritz    = "The Ritz-Carlton Astana"
		stRegis = "The St. Regis Astana"
		hilton  = "Hilton Astana"
	)
	approved := func(fullName, position string) Member {
		return Member{FullName: fullName, Position: position, Accreditation: "approved"}
	}
	// Languages with a booth in the large plenary hall: the SCO working
	// languages, English, the host's language and those of the heads present.
	allBooths := []string{"ru", "zh", "en", "kk", "fa", "ur", "hi", "tr", "ar", "mn", "az"}

	delegations := []DemoDelegation{
		// Member states, in the Russian alphabetical order of SCO documents.
		astanaDelegation(1, "BLR", "Belarus", "member", []string{"ru", "be"}, stRegis, "14:40", "18:10",
			approved("Alexander Lukashenko", "President"),
			approved("Maxim Ryzhenkov", "Minister of Foreign Affairs")),
		astanaDelegation(2, "IND", "India", "member", []string{"en", "hi"}, ritz, "13:00", "19:25",
			approved("Subrahmanyam Jaishankar", "Minister of External Affairs")),
		astanaDelegation(3, "IRN", "Iran", "member", []string{"fa"}, stRegis, "14:20", "19:40",
			approved("Mohammad Mokhber", "acting President"),
			approved("Ali Bagheri Kani", "acting Minister of Foreign Affairs")),
		astanaDelegation(4, "KAZ", "Kazakhstan", "member", []string{"kk", "ru"}, "", "", "", // the host
			approved("Kassym-Jomart Tokayev", "President"),
			approved("Murat Nurtleu", "Deputy Prime Minister – Minister of Foreign Affairs")),
		astanaDelegation(5, "CHN", "China", "member", []string{"zh"}, ritz, "09:30", "17:25",
			approved("Xi Jinping", "President"),
			approved("Wang Yi", "Minister of Foreign Affairs")),
		astanaDelegation(6, "KGZ", "Kyrgyzstan", "member", []string{"ky", "ru"}, hilton, "11:00", "18:40",
			approved("Sadyr Japarov", "President"),
			approved("Jeenbek Kulubaev", "Minister of Foreign Affairs")),
		astanaDelegation(7, "PAK", "Pakistan", "member", []string{"en", "ur"}, ritz, "12:30", "19:10",
			approved("Shehbaz Sharif", "Prime Minister"),
			approved("Ishaq Dar", "Deputy Prime Minister and Minister of Foreign Affairs")),
		astanaDelegation(8, "RUS", "Russia", "member", []string{"ru"}, stRegis, "14:00", "17:40",
			approved("Vladimir Putin", "President"),
			approved("Sergey Lavrov", "Minister of Foreign Affairs")),
		astanaDelegation(9, "TJK", "Tajikistan", "member", []string{"tg", "ru"}, hilton, "10:00", "18:25",
			approved("Emomali Rahmon", "President"),
			approved("Sirojiddin Muhriddin", "Minister of Foreign Affairs")),
		astanaDelegation(10, "UZB", "Uzbekistan", "member", []string{"uz", "ru"}, hilton, "12:00", "18:55",
			approved("Shavkat Mirziyoyev", "President"),
			approved("Bakhtiyor Saidov", "Minister of Foreign Affairs")),
		// Observer (Afghanistan, the other observer, was not represented).
		astanaDelegation(11, "MNG", "Mongolia", "observer", []string{"mn"}, ritz, "10:30", "16:40",
			approved("Ukhnaagiin Khürelsükh", "President")),
		// Dialogue partners at the summit, in Russian alphabetical order.
		astanaDelegation(12, "AZE", "Azerbaijan", "dialogue_partner", []string{"az"}, hilton, "09:00", "16:55",
			approved("Ilham Aliyev", "President")),
		astanaDelegation(13, "QAT", "Qatar", "dialogue_partner", []string{"ar"}, stRegis, "11:30", "17:55",
			approved("Sheikh Tamim bin Hamad Al Thani", "Emir")),
		astanaDelegation(14, "ARE", "United Arab Emirates", "dialogue_partner", []string{"ar"}, stRegis, "15:00", "19:55",
			approved("Sheikh Saud bin Saqr Al Qasimi", "Ruler of Ras Al Khaimah")),
		astanaDelegation(15, "TUR", "Türkiye", "dialogue_partner", []string{"tr"}, stRegis, "13:30", "17:10",
			approved("Recep Tayyip Erdoğan", "President")),
		// Guest of the chair.
		astanaDelegation(16, "TKM", "Turkmenistan", "guest", []string{"tk", "ru"}, hilton, "15:20", "20:10",
			approved("Gurbanguly Berdimuhamedov", "Chairman of the Halk Maslahaty")),
		// Organisations. The CICA secretariat sits in Astana: no travel, no hotel.
		astanaDelegation(17, "UN", "United Nations", "organisation", []string{"en"}, ritz, "15:40", "20:25",
			approved("António Guterres", "Secretary-General")),
		astanaDelegation(18, "SCO", "SCO Secretariat", "organisation", []string{"ru", "zh"}, ritz, "16:00", "21:55",
			approved("Zhang Ming", "Secretary-General")),
		astanaDelegation(19, "RATS", "SCO Regional Anti-Terrorist Structure", "organisation", []string{"ru", "zh"}, hilton, "16:20", "20:40",
			approved("Ruslan Mirzaev", "Executive Director")),
		astanaDelegation(20, "CSTO", "Collective Security Treaty Organization", "organisation", []string{"ru"}, ritz, "16:40", "20:55",
			approved("Imangali Tasmagambetov", "Secretary General")),
		astanaDelegation(21, "CIS", "Commonwealth of Independent States", "organisation", []string{"ru"}, stRegis, "17:00", "21:10",
			approved("Sergey Lebedev", "Secretary General")),
		astanaDelegation(22, "EEC", "Eurasian Economic Commission", "organisation", []string{"ru"}, hilton, "17:20", "21:25",
			approved("Bakytzhan Sagintayev", "Chairman of the Board")),
		astanaDelegation(23, "CICA", "Conference on Interaction and Confidence-Building Measures in Asia", "organisation", []string{"ru", "en"}, "", "", "",
			approved("Kairat Sarybay", "Executive Director")),
		astanaDelegation(24, "ECO", "Economic Cooperation Organization", "organisation", []string{"en"}, hilton, "17:40", "21:40",
			approved("Khusrav Noziri", "Secretary General")),
	}

	venues := []DemoVenue{
		{Name: palace, Address: "Tauelsizdik Avenue, Astana",
			Travel: map[string]int{akorda: 10, ritz: 12, stRegis: 12, hilton: 15, apron: 25},
			Rooms: []Room{
				astanaRoom("Grand Hall", "plenary", 500, 15, allBooths...),
				astanaRoom("Restricted Format Hall", "plenary", 80, 15, "ru", "zh", "en"),
				astanaRoom("Signing Hall", "ceremony", 150, 15, "ru", "zh", "en"),
				astanaRoom("Press Centre", "press", 600, 10, "ru", "zh", "en", "kk"),
				astanaRoom("Banquet Hall", "banquet", 400, 15, "ru", "zh", "en"),
				astanaRoom("Bilateral Room 1", "bilateral", 20, 10, "ru", "zh", "en"),
				astanaRoom("Bilateral Room 2", "bilateral", 20, 10, "ru", "zh", "en"),
				astanaRoom("Bilateral Room 3", "bilateral", 20, 10, "ru", "zh", "en"),
			}},
		{Name: akorda, Address: "Akorda Presidential Palace, Left Bank, Astana",
			Travel: map[string]int{ritz: 10, stRegis: 10, hilton: 15, apron: 25},
			Rooms: []Room{
				astanaRoom("Oval Hall", "bilateral", 30, 10, "ru", "zh", "en", "kk", "az", "ar", "tr"),
				astanaRoom("Golden Hall", "bilateral", 40, 10, "ru", "zh", "en", "kk", "az", "ar", "tr"),
			}},
		{Name: apron, Address: "Nursultan Nazarbayev International Airport, Astana", Kind: "airport",
			Travel: map[string]int{ritz: 25, stRegis: 25, hilton: 20},
			Rooms: []Room{
				astanaRoom("Ceremonial Area", "ceremony", 60, 0),
			}},
		{Name: ritz, Address: "Dostyk Street 16, Astana", Kind: "hotel",
			Travel: map[string]int{stRegis: 10, hilton: 15},
			Rooms:  []Room{astanaRoom("Boardroom", "bilateral", 16, 5, "ru", "zh", "en")}},
		{Name: stRegis, Address: "Kabanbay Batyr Avenue, Astana", Kind: "hotel",
			Travel: map[string]int{hilton: 15},
			Rooms:  []Room{astanaRoom("Astor Salon", "bilateral", 16, 5, "ru", "en", "fa")}},
		{Name: hilton, Address: "Sauran Street, Astana", Kind: "hotel",
			Rooms: []Room{astanaRoom("Executive Boardroom", "bilateral", 16, 5, "ru", "en", "tr")}},
	}

	astanaNames(delegations, venues)

	members := astanaCodes(delegations, "member")
	everyone := astanaCodes(delegations, "member", "observer", "dialogue_partner", "guest", "organisation")
	withSCO := append(append([]string{}, members...), "SCO")
	withBodies := append(append([]string{}, members...), "SCO", "RATS")
	ruZhEn := []string{"ru", "zh", "en"}

	meetings := []DemoMeeting{
		// 3 July: the host's bilaterals at Akorda, one after another.
		astanaMeeting(3, "11:00", "11:45", "bilateral", "Talks: Kazakhstan – Azerbaijan", akorda+" / Oval Hall",
			"participants", 20, []string{"ru"}, "KAZ", "AZE"),
		astanaMeeting(3, "12:00", "13:15", "bilateral", "Talks: Kazakhstan – China", akorda+" / Golden Hall",
			"participants", 30, []string{"kk", "zh"}, "KAZ", "CHN"),
		astanaMeeting(3, "14:00", "14:45", "bilateral", "Talks: Kazakhstan – Tajikistan", akorda+" / Oval Hall",
			"participants", 20, []string{"ru"}, "KAZ", "TJK"),
		astanaMeeting(3, "15:15", "16:00", "bilateral", "Talks: Kazakhstan – Qatar", akorda+" / Golden Hall",
			"participants", 20, []string{"kk", "ar"}, "KAZ", "QAT"),
		astanaMeeting(3, "16:30", "17:45", "bilateral", "Talks: Kazakhstan – Russia", akorda+" / Oval Hall",
			"participants", 24, []string{"ru"}, "KAZ", "RUS"),
		astanaMeeting(3, "18:15", "19:00", "bilateral", "Meeting with the UN Secretary-General", akorda+" / Golden Hall",
			"participants", 16, []string{"ru", "en"}, "KAZ", "UN"),
		astanaMeeting(3, "19:30", "21:30", "meal", "Official reception in honour of the heads of delegations", palace+" / Banquet Hall",
			"public", 300, ruZhEn, everyone...),

		// 4 July: the heads' day at the Palace of Independence.
		astanaMeeting(4, "09:00", "09:30", "ceremony", "Signing ceremony: accession of the Republic of Belarus to the SCO", palace+" / Signing Hall",
			"public", 120, ruZhEn, withSCO...),
		astanaMeeting(4, "09:45", "11:00", "restricted", "Meeting of the SCO Council of Heads of State in restricted format", palace+" / Restricted Format Hall",
			"public", 60, ruZhEn, members...),
		astanaMeeting(4, "11:15", "12:45", "extended", "Meeting of the SCO Council of Heads of State in extended format", palace+" / Grand Hall",
			"public", 350, allBooths, withBodies...),
		astanaMeeting(4, "13:00", "14:00", "meal", "Official lunch in honour of the heads of delegations", palace+" / Banquet Hall",
			"public", 200, ruZhEn, everyone...),
		astanaMeeting(4, "14:15", "16:00", "plenary", `Meeting in the "SCO Plus" format`, palace+" / Grand Hall",
			"public", 450, allBooths, everyone...),
		astanaMeeting(4, "16:15", "16:45", "ceremony", "Signing of the outcome documents: the Astana Declaration", palace+" / Signing Hall",
			"public", 120, ruZhEn, withSCO...),
		astanaMeeting(4, "17:00", "17:30", "press", "Press statements of the Chair and the SCO Secretary-General", palace+" / Press Centre",
			"public", 400, []string{"ru", "zh", "en", "kk"}, "KAZ", "SCO"),
	}
	// Arrival and departure ceremonies at the state apron, one at a time: an
	// arrival starts when the delegation arrives, a departure ends when it leaves.
	for _, d := range delegations {
		head := d.Members[0].FullName + " (" + d.Name + ")"
		if d.ArrivalAt != nil {
			m := astanaMeeting(3, "", "", "arrival", "Arrival ceremony: "+head, apron+" / Ceremonial Area",
				"participants", 30, nil, d.Code)
			m.StartsAt, m.EndsAt = *d.ArrivalAt, d.ArrivalAt.Add(15*time.Minute)
			meetings = append(meetings, m)
		}
		if d.DepartureAt != nil {
			m := astanaMeeting(4, "", "", "departure", "Departure ceremony: "+head, apron+" / Ceremonial Area",
				"participants", 30, nil, d.Code)
			m.StartsAt, m.EndsAt = d.DepartureAt.Add(-10*time.Minute), *d.DepartureAt
			meetings = append(meetings, m)
		}
	}
	sort.SliceStable(meetings, func(i, j int) bool { return meetings[i].StartsAt.Before(meetings[j].StartsAt) })

	return DemoSet{
		Summit: Summit{
			Name:      "24th Meeting of the SCO Council of Heads of State",
			City:      "Astana",
			Timezone:  "Asia/Almaty",
			StartsOn:  "2024-07-03",
			EndsOn:    "2024-07-04",
			DayStarts: "08:00",
			DayEnds:   "22:00",
			// Motorcades arrive five minutes before a meeting starts (the
			// heads' tight departures on 4 July leave no more).
			ArrivalBufferMinutes: 5,
		},
		// The motor pool (Astana plates, approximate) and the motorcades of
		// the heads of state and the UN Secretary-General: no car is promised
		// to two delegations, since every head drives to the reception at once.
		Vehicles: []Vehicle{
			astanaVehicle("001 KZ 01", "car", "Yerlan Abenov", "+7 701 555 0101"),
			astanaVehicle("002 KZ 01", "security", "Daniyar Seitkali", "+7 701 555 0102"),
			astanaVehicle("101 SCO 01", "car", "Nurlan Zhaksybekov", "+7 701 555 0111"),
			astanaVehicle("102 SCO 01", "security", "Askar Temirkhanov", "+7 701 555 0112"),
			astanaVehicle("103 SCO 01", "car", "Marat Bekov", "+7 701 555 0113"),
			astanaVehicle("104 SCO 01", "security", "Timur Ospanov", "+7 701 555 0114"),
			astanaVehicle("105 SCO 01", "car", "Bauyrzhan Kassymov", "+7 701 555 0115"),
			astanaVehicle("106 SCO 01", "car", "Yerzhan Mukanov", "+7 701 555 0116"),
			astanaVehicle("201 SCO 01", "van", "Aidos Nurpeisov", "+7 701 555 0121"),
			astanaVehicle("301 MED 01", "ambulance", "Saule Abdrakhmanova", "+7 701 555 0131"),
		},
		Motorcades: map[string][]string{
			"KAZ": {"001 KZ 01", "002 KZ 01"},
			"CHN": {"101 SCO 01", "102 SCO 01"},
			"RUS": {"103 SCO 01", "104 SCO 01"},
			"TUR": {"105 SCO 01"},
			"UN":  {"106 SCO 01"},
		},
		Delegations: delegations,
		Venues:      venues,
		Meetings:    meetings,
		Requests: []DemoRequest{
			{"CHN", "RUS", 60, 5, "accepted", "Comprehensive partnership and strategic coordination"},
			{"CHN", "TUR", 45, 4, "accepted", "Trade balance and Belt and Road cooperation"},
			{"CHN", "PAK", 45, 4, "accepted", "China–Pakistan Economic Corridor"},
			{"CHN", "BLR", 45, 4, "accepted", "Great Stone industrial park; SCO accession"},
			{"CHN", "UZB", 45, 4, "accepted", "China–Kyrgyzstan–Uzbekistan railway"},
			{"CHN", "MNG", 30, 3, "accepted", "Border crossings and mining"},
			{"CHN", "AZE", 45, 3, "accepted", "Middle Corridor logistics"},
			{"CHN", "IRN", 45, 4, "accepted", "Comprehensive cooperation programme"},
			{"CHN", "KGZ", 30, 3, "accepted", "Border trade and water resources"},
			{"CHN", "TJK", 30, 3, "accepted", "Security on the Afghan border"},
			{"RUS", "TUR", 45, 4, "accepted", "Energy projects and regional security"},
			{"RUS", "PAK", 30, 3, "accepted", "Energy supplies and trade settlement"},
			{"RUS", "AZE", 45, 4, "accepted", "North–South transport corridor"},
			{"RUS", "MNG", 30, 3, "accepted", "Power of Siberia 2 transit"},
			{"RUS", "IRN", 45, 4, "accepted", "North–South corridor and the new treaty"},
			{"RUS", "QAT", 30, 3, "accepted", "Gas market coordination"},
			{"RUS", "ARE", 30, 3, "accepted", "Investment cooperation"},
			{"UN", "RUS", 30, 3, "pending", "Humanitarian issues"},
			{"IND", "CHN", 45, 4, "accepted", "Border areas: peace and tranquillity"},
			{"IND", "RUS", 30, 3, "accepted", "Energy trade and payments"},
			{"IND", "UN", 30, 3, "accepted", "UN reform and the Security Council"},
			{"IND", "KAZ", 30, 3, "accepted", "Uranium supplies and connectivity"},
			{"IND", "IRN", 30, 3, "accepted", "Chabahar port operations"},
			{"PAK", "TUR", 30, 3, "accepted", "Defence industry and trade"},
			{"PAK", "UZB", 30, 3, "accepted", "Trans-Afghan railway"},
			{"PAK", "KAZ", 30, 3, "accepted", "Trade and transit corridors"},
			{"PAK", "AZE", 30, 3, "accepted", "Energy and trade agreements"},
			{"PAK", "IND", 30, 2, "declined", "Meeting on the sidelines"},
			{"TUR", "KAZ", 45, 4, "accepted", "Organization of Turkic States agenda"},
			{"TUR", "AZE", 30, 3, "accepted", "Transport links and energy"},
			{"TUR", "UZB", 30, 3, "accepted", "Trade and investment targets"},
			{"TUR", "KGZ", 30, 3, "pending", "Education and investment"},
			{"KAZ", "MNG", 30, 3, "accepted", "Trade and transit corridors"},
			{"KAZ", "IRN", 30, 3, "accepted", "Rail link via Turkmenistan"},
			{"KAZ", "ARE", 30, 3, "accepted", "Investment projects"},
			{"KAZ", "BLR", 30, 3, "accepted", "Industrial cooperation and machinery supplies"},
			{"KAZ", "TKM", 30, 3, "accepted", "Caspian transit and gas"},
			{"UZB", "KAZ", 30, 3, "accepted", "Water and energy in Central Asia"},
			{"UZB", "RUS", 30, 3, "accepted", "Nuclear power plant project"},
			{"KGZ", "KAZ", 30, 3, "accepted", "Border and water management"},
			{"KGZ", "RUS", 30, 3, "pending", "Labour migration"},
			{"TJK", "RUS", 30, 3, "accepted", "Security on the Tajik–Afghan border"},
			{"TJK", "UZB", 30, 2, "pending", "Water and energy"},
			{"IRN", "AZE", 30, 3, "accepted", "Aras corridor"},
			{"IRN", "TUR", 30, 3, "pending", "Regional situation"},
			{"IRN", "PAK", 30, 3, "accepted", "Border security and the gas pipeline"},
			{"BLR", "RUS", 30, 3, "declined", "Union State agenda (to be held in Minsk)"},
			{"BLR", "UZB", 30, 2, "pending", "Machine building and agriculture"},
			{"MNG", "IND", 30, 2, "declined", "Development partnership"},
			{"QAT", "TUR", 30, 3, "accepted", "Situation in the Middle East"},
			{"ARE", "UZB", 30, 2, "accepted", "Renewable energy investment"},
			{"AZE", "UZB", 30, 3, "accepted", "Trans-Caspian connectivity"},
			{"TKM", "CHN", 45, 4, "accepted", "Gas pipeline Line D"},
			{"TKM", "RUS", 30, 3, "accepted", "Gas and Caspian cooperation"},
			{"SCO", "UN", 30, 2, "accepted", "Cooperation between the secretariats"},
			{"CSTO", "RATS", 30, 2, "accepted", "Counter-terrorism cooperation"},
			{"EEC", "CHN", 30, 2, "pending", "EAEU–China trade agreement"},
			{"CICA", "SCO", 30, 2, "accepted", "Memorandum between the secretariats"},
			{"CIS", "RATS", 30, 1, "pending", "Information exchange"},
			{"ECO", "IRN", 30, 2, "accepted", "ECO trade agreement"},
		},
		Users: []DemoUser{
			{Email: "admin@summit.example", Name: "Demo Admin", Role: RoleAdmin, Password: "admin-demo-2024"},
			{Email: "organiser@summit.example", Name: "Aigerim Protocol (demo organiser)", Role: RoleOrganiser, Password: "organiser-demo-2024"},
			{Email: "delegate@summit.example", Name: "Demo Delegate (China)", Role: RoleDelegate, Delegation: "CHN", Password: "delegate-demo-2024"},
		},
	}
}

// names3 are names in Russian, Chinese and Kazakh; an empty one is left out.
func names3(ru, zh, kk string) Names {
	return cleanNames(Names{"ru": ru, "zh": zh, "kk": kk})
}

// astanaNames gives the demo's delegations, heads, venues and rooms their
// names in Russian, Chinese and Kazakh (CONTRACT section 13), as official
// sources write them (heads' Chinese names as Xinhua transliterates them).
func astanaNames(delegations []DemoDelegation, venues []DemoVenue) {
	byCode := map[string]Names{
		"BLR":  names3("Беларусь", "白俄罗斯", "Беларусь"),
		"IND":  names3("Индия", "印度", "Үндістан"),
		"IRN":  names3("Иран", "伊朗", "Иран"),
		"KAZ":  names3("Казахстан", "哈萨克斯坦", "Қазақстан"),
		"CHN":  names3("Китай", "中国", "Қытай"),
		"KGZ":  names3("Кыргызстан", "吉尔吉斯斯坦", "Қырғызстан"),
		"PAK":  names3("Пакистан", "巴基斯坦", "Пәкістан"),
		"RUS":  names3("Россия", "俄罗斯", "Ресей"),
		"TJK":  names3("Таджикистан", "塔吉克斯坦", "Тәжікстан"),
		"UZB":  names3("Узбекистан", "乌兹别克斯坦", "Өзбекстан"),
		"MNG":  names3("Монголия", "蒙古国", "Моңғолия"),
		"AZE":  names3("Азербайджан", "阿塞拜疆", "Әзербайжан"),
		"QAT":  names3("Катар", "卡塔尔", "Катар"),
		"ARE":  names3("Объединённые Арабские Эмираты", "阿拉伯联合酋长国", "Біріккен Араб Әмірліктері"),
		"TUR":  names3("Турция", "土耳其", "Түркия"),
		"TKM":  names3("Туркменистан", "土库曼斯坦", "Түрікменстан"),
		"UN":   names3("Организация Объединённых Наций", "联合国", "Біріккен Ұлттар Ұйымы"),
		"SCO":  names3("Секретариат ШОС", "上海合作组织秘书处", "ШЫҰ Хатшылығы"),
		"RATS": names3("Региональная антитеррористическая структура ШОС", "上海合作组织地区反恐怖机构", "ШЫҰ Аймақтық терроризмге қарсы құрылымы"),
		"CSTO": names3("Организация Договора о коллективной безопасности", "集体安全条约组织", "Ұжымдық қауіпсіздік туралы шарт ұйымы"),
		"CIS":  names3("Содружество Независимых Государств", "独立国家联合体", "Тәуелсіз Мемлекеттер Достастығы"),
		"EEC":  names3("Евразийская экономическая комиссия", "欧亚经济委员会", "Еуразиялық экономикалық комиссия"),
		"CICA": names3("Совещание по взаимодействию и мерам доверия в Азии", "亚洲相互协作与信任措施会议", "Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңес"),
		"ECO":  names3("Организация экономического сотрудничества", "经济合作组织", "Экономикалық ынтымақтастық ұйымы"),
	}
	heads := map[string]Names{
		"Alexander Lukashenko":            names3("Александр Лукашенко", "亚历山大·卢卡申科", "Александр Лукашенко"),
		"Subrahmanyam Jaishankar":         names3("Субраманьям Джайшанкар", "苏布拉马尼亚姆·苏杰生", "Субраманьям Джайшанкар"),
		"Mohammad Mokhber":                names3("Мохаммад Мохбер", "穆罕默德·穆赫贝尔", "Мохаммад Мохбер"),
		"Kassym-Jomart Tokayev":           names3("Касым-Жомарт Токаев", "卡西姆-若马尔特·托卡耶夫", "Қасым-Жомарт Тоқаев"),
		"Xi Jinping":                      names3("Си Цзиньпин", "习近平", "Си Цзиньпин"),
		"Sadyr Japarov":                   names3("Садыр Жапаров", "萨德尔·扎帕罗夫", "Садыр Жапаров"),
		"Shehbaz Sharif":                  names3("Шахбаз Шариф", "夏巴兹·谢里夫", "Шахбаз Шариф"),
		"Vladimir Putin":                  names3("Владимир Путин", "弗拉基米尔·普京", "Владимир Путин"),
		"Emomali Rahmon":                  names3("Эмомали Рахмон", "埃莫马利·拉赫蒙", "Эмомали Рахмон"),
		"Shavkat Mirziyoyev":              names3("Шавкат Мирзиёев", "沙夫卡特·米尔济约耶夫", "Шавкат Мирзиёев"),
		"Ukhnaagiin Khürelsükh":           names3("Ухнаагийн Хурэлсух", "乌赫那·呼日勒苏赫", "Ухнаагийн Хүрэлсүх"),
		"Ilham Aliyev":                    names3("Ильхам Алиев", "伊利哈姆·阿利耶夫", "Ильхам Әлиев"),
		"Sheikh Tamim bin Hamad Al Thani": names3("Шейх Тамим бин Хамад Аль Тани", "塔米姆·本·哈马德·阿勒萨尼", "Шейх Тамим бин Хамад Әл Тани"),
		"Sheikh Saud bin Saqr Al Qasimi":  names3("Шейх Сауд бин Сакр аль-Касими", "沙特·本·萨克尔·卡西米", "Шейх Сауд бин Сақр әл-Қасими"),
		"Recep Tayyip Erdoğan":            names3("Реджеп Тайип Эрдоган", "雷杰普·塔伊普·埃尔多安", "Реджеп Тайып Ердоған"),
		"Gurbanguly Berdimuhamedov":       names3("Гурбангулы Бердымухамедов", "古尔班古力·别尔德穆哈梅多夫", "Гурбангулы Бердімұхамедов"),
		"António Guterres":                names3("Антониу Гутерриш", "安东尼奥·古特雷斯", "Антониу Гутерриш"),
		"Zhang Ming":                      names3("Чжан Мин", "张明", "Чжан Мин"),
		"Ruslan Mirzaev":                  names3("Руслан Мирзаев", "鲁斯兰·米尔扎耶夫", "Руслан Мирзаев"),
		"Imangali Tasmagambetov":          names3("Имангали Тасмагамбетов", "伊曼加利·塔斯马加姆别托夫", "Иманғали Тасмағамбетов"),
		"Sergey Lebedev":                  names3("Сергей Лебедев", "谢尔盖·列别杰夫", "Сергей Лебедев"),
		"Bakytzhan Sagintayev":            names3("Бакытжан Сагинтаев", "巴克特詹·萨金塔耶夫", "Бақытжан Сағынтаев"),
		"Kairat Sarybay":                  names3("Кайрат Сарыбай", "凯拉特·萨雷拜", "Қайрат Сарыбай"),
		"Khusrav Noziri":                  names3("Хусрав Нозири", "胡斯拉夫·诺济里", "Хусрав Нозири"),
	}
	byVenue := map[string]Names{
		"Palace of Independence": names3("Дворец Независимости", "独立宫", "Тәуелсіздік сарайы"),
		"Akorda":                 names3("Акорда", "阿克奥尔达总统府", "Ақорда"),
		"Nursultan Nazarbayev International Airport – State Apron": names3("Международный аэропорт имени Нурсултана Назарбаева – правительственный перрон",
			"努尔苏丹·纳扎尔巴耶夫国际机场国宾停机坪", "Нұрсұлтан Назарбаев атындағы халықаралық әуежай – үкіметтік перрон"),
		"The Ritz-Carlton Astana": names3("Ритц-Карлтон Астана", "阿斯塔纳丽思卡尔顿酒店", "Ритц-Карлтон Астана"),
		"The St. Regis Astana":    names3("Сент-Реджис Астана", "阿斯塔纳瑞吉酒店", "Сент-Реджис Астана"),
		"Hilton Astana":           names3("Хилтон Астана", "阿斯塔纳希尔顿酒店", "Хилтон Астана"),
	}
	byRoom := map[string]Names{
		"Grand Hall":             names3("Большой зал", "大会议厅", "Үлкен зал"),
		"Restricted Format Hall": names3("Зал заседаний в узком составе", "小范围会谈厅", "Шағын құрамдағы отырыс залы"),
		"Signing Hall":           names3("Зал подписания", "签字厅", "Қол қою залы"),
		"Press Centre":           names3("Пресс-центр", "新闻中心", "Баспасөз орталығы"),
		"Banquet Hall":           names3("Банкетный зал", "宴会厅", "Банкет залы"),
		"Bilateral Room 1":       names3("Зал двусторонних встреч 1", "双边会谈室1", "Екіжақты кездесулер бөлмесі 1"),
		"Bilateral Room 2":       names3("Зал двусторонних встреч 2", "双边会谈室2", "Екіжақты кездесулер бөлмесі 2"),
		"Bilateral Room 3":       names3("Зал двусторонних встреч 3", "双边会谈室3", "Екіжақты кездесулер бөлмесі 3"),
		"Oval Hall":              names3("Овальный зал", "椭圆厅", "Сопақ зал"),
		"Golden Hall":            names3("Золотой зал", "金色大厅", "Алтын зал"),
		"Ceremonial Area":        names3("Церемониальная площадка", "仪式区", "Салтанатты алаң"),
		"Boardroom":              names3("Зал заседаний", "会议室", "Отырыс залы"),
		"Astor Salon":            names3("Салон «Астор»", "阿斯特沙龙", "«Астор» салоны"),
		"Executive Boardroom":    names3("Зал заседаний руководителей", "行政会议室", "Басшылар отырыс залы"),
	}
	for i := range delegations {
		d := &delegations[i]
		d.Names = byCode[d.Code]
		d.Members[0].Names = heads[d.Members[0].FullName]
	}
	for i := range venues {
		v := &venues[i]
		v.Names = byVenue[v.Name]
		for j := range v.Rooms {
			v.Rooms[j].Names = byRoom[v.Rooms[j].Name]
		}
	}
}

// astanaAt returns local time hhmm on the given day of July 2024 in Astana, as UTC.
func astanaAt(day int, hhmm string) time.Time {
	clock, err := time.Parse("15:04", hhmm)
	if err != nil {
		panic("demo data: bad time " + hhmm)
	}
	return time.Date(2024, time.July, day, clock.Hour(), clock.Minute(), 0, 0, astanaZone).UTC()
}

// astanaDelegation builds a delegation that arrives on 3 July at arrive (the
// start of its arrival ceremony) and leaves on 4 July at depart (local times);
// empty times leave arrival and departure unset, as for the host.
func astanaDelegation(precedence int, code, name, kind string, languages []string, hotel, arrive, depart string, members ...Member) DemoDelegation {
	d := DemoDelegation{
		Delegation: Delegation{Code: code, Name: name, Kind: kind, Precedence: precedence, Languages: languages, Hotel: hotel},
		Members:    members,
	}
	if arrive != "" {
		t := astanaAt(3, arrive)
		d.ArrivalAt = &t
	}
	if depart != "" {
		t := astanaAt(4, depart)
		d.DepartureAt = &t
	}
	return d
}

// astanaVehicle builds a vehicle of the motor pool with its driver.
func astanaVehicle(plate, kind, driver, phone string) Vehicle {
	seats := map[string]int{"car": 4, "security": 4, "van": 8, "ambulance": 2}[kind]
	return Vehicle{Plate: plate, Kind: kind, Seats: seats, DriverName: driver, DriverPhone: phone}
}

// astanaRoom builds a room with interpretation booths for languages.
func astanaRoom(name, layout string, capacity, changeover int, languages ...string) Room {
	return Room{Name: name, Layout: layout, Capacity: capacity, ChangeoverMinutes: changeover, InterpretationLanguages: languages}
}

// astanaMeeting builds a confirmed meeting from local times on the given day of
// July 2024; participants are delegation codes, each standing for its head.
func astanaMeeting(day int, from, to, kind, title, room, visibility string, attendance int, languages []string, participants ...string) DemoMeeting {
	m := DemoMeeting{
		Meeting: Meeting{Title: title, Kind: kind, Status: "confirmed", Visibility: visibility,
			Languages: languages, ExpectedAttendance: attendance},
		Room:         room,
		Participants: participants,
	}
	if from != "" {
		m.StartsAt, m.EndsAt = astanaAt(day, from), astanaAt(day, to)
	}
	return m
}

// astanaCodes lists the codes of the delegations of the given kinds, in order.
func astanaCodes(delegations []DemoDelegation, kinds ...string) []string {
	var codes []string
	for _, d := range delegations {
		if Contains(kinds, d.Kind) {
			codes = append(codes, d.Code)
		}
	}
	return codes
}
