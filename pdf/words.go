package pdf

import (
	"fmt"
	"strings"
	"time"

	"summit/domain"
)

// The documents' words in the four languages, as the web app says them
// (frontend/src/i18n).
var words = map[string]map[string]string{
	"en": {
		"depart": "Depart {from} {at} → {to}, arrive {arrive}", "movements": "Movements", "delegation": "Delegation",
		"route": "From → to", "cars": "Vehicles", "drivers": "Drivers", "noMovements": "No movements on this day.",
		"transportProblems": "Problems",
		"agenda":            "Agenda", "release": "Programme release {n}", "notReleased": "Programme not released",
		"printed": "printed {when}", "pageOf": "Page {n} of {total}", "timesIn": "Times are {zone}.", "tz": "{city} time ({offset})",
		"time": "Time", "meeting": "Meeting", "place": "Room", "participants": "Participants", "head": "Head of delegation",
		"empty": "Nothing is on the agenda yet.", "roomEmpty": "Nothing is booked in this room on this day.",
		"noRoom": "Room to be announced", "seats": "{n} seats", "cancelled": "Cancelled", "interpretation": "Interpretation booths",
		"colon": ": ", "comma": ", ",
		"others": "+ {n} other delegations", "delegations": "{n} delegations",
	},
	"ru": {
		"depart": "Выезд: {from} {at} → {to}, прибытие {arrive}", "movements": "Передвижения", "delegation": "Делегация",
		"route": "Откуда → куда", "cars": "Автомобили", "drivers": "Водители", "noMovements": "В этот день передвижений нет.",
		"transportProblems": "Проблемы",
		"agenda":            "Программа", "release": "Выпуск программы № {n}", "notReleased": "Программа не выпущена",
		"printed": "напечатано {when}", "pageOf": "Страница {n} из {total}", "timesIn": "Указано {zone}.", "tz": "время: {city} ({offset})",
		"time": "Время", "meeting": "Мероприятие", "place": "Зал", "participants": "Участники", "head": "Глава делегации",
		"empty": "В программе пока ничего нет.", "roomEmpty": "В этот день в зале ничего не назначено.",
		"noRoom": "Зал уточняется", "seats": "мест: {n}", "cancelled": "Отменено", "interpretation": "Кабины перевода",
		"colon": ": ", "comma": ", ",
		"others": "и ещё делегаций: {n}", "delegations": "делегаций: {n}",
	},
	"zh": {
		"depart": "{at} 从{from}出发 → {to}，{arrive} 抵达", "movements": "车队行程", "delegation": "代表团",
		"route": "起点 → 终点", "cars": "车辆", "drivers": "司机", "noMovements": "当天没有行程。",
		"transportProblems": "问题",
		"agenda":            "日程", "release": "日程第 {n} 版", "notReleased": "日程尚未发布",
		"printed": "打印于 {when}", "pageOf": "第 {n} 页，共 {total} 页", "timesIn": "时间均为{zone}。", "tz": "{city}时间（{offset}）",
		"time": "时间", "meeting": "活动", "place": "会议室", "participants": "参加者", "head": "代表团团长",
		"empty": "日程中暂无安排。", "roomEmpty": "当天此会议室没有安排。",
		"noRoom": "会议室待定", "seats": "{n} 座", "cancelled": "已取消", "interpretation": "同传间",
		"colon": "：", "comma": "，",
		"others": "及其他 {n} 个代表团", "delegations": "{n} 个代表团",
	},
	"kk": {
		"depart": "Жүріп кету: {from} {at} → {to}, жету {arrive}", "movements": "Жүріп-тұру", "delegation": "Делегация",
		"route": "Қайдан → қайда", "cars": "Көліктер", "drivers": "Жүргізушілер", "noMovements": "Бұл күні жүріп-тұру жоқ.",
		"transportProblems": "Мәселелер",
		"agenda":            "Бағдарлама", "release": "Бағдарламаның {n}-шығарылымы", "notReleased": "Бағдарлама жарияланбаған",
		"printed": "басылған уақыты {when}", "pageOf": "{total} беттің {n}-беті", "timesIn": "Уақыт: {zone}.", "tz": "{city} уақыты ({offset})",
		"time": "Уақыт", "meeting": "Іс-шара", "place": "Зал", "participants": "Қатысушылар", "head": "Делегация басшысы",
		"empty": "Бағдарламада әзірге ештеңе жоқ.", "roomEmpty": "Бұл күні залда ештеңе белгіленбеген.",
		"noRoom": "Зал кейін хабарланады", "seats": "{n} орын", "cancelled": "Болдырылмаған", "interpretation": "Аударма кабиналары",
		"colon": ": ", "comma": ", ",
		"others": "және тағы {n} делегация", "delegations": "{n} делегация",
	},
}

// labels are the meeting kinds' and room layouts' names.
var labels = map[string]map[string]string{
	"en": {"plenary": "Plenary", "restricted": "Restricted format", "extended": "Extended format", "bilateral": "Bilateral",
		"multilateral": "Multilateral", "ceremony": "Ceremony", "arrival": "Arrival", "departure": "Departure", "meal": "Meal",
		"press": "Press", "cultural": "Cultural", "hold": "Hold", "movement": "Motorcade",
		"layout.plenary": "Plenary", "layout.bilateral": "Bilateral", "layout.banquet": "Banquet", "layout.press": "Press",
		"layout.ceremony": "Ceremony", "layout.other": "Other"},
	"ru": {"plenary": "Пленарное заседание", "restricted": "Узкий формат", "extended": "Расширенный формат",
		"bilateral": "Двусторонняя встреча", "multilateral": "Многосторонняя встреча", "ceremony": "Церемония",
		"arrival": "Прибытие", "departure": "Отъезд", "meal": "Приём пищи", "press": "Пресса", "cultural": "Культурная программа",
		"hold": "Резерв", "movement": "Кортеж",
		"layout.plenary": "Пленарный", "layout.bilateral": "Для двусторонних встреч", "layout.banquet": "Банкетный",
		"layout.press": "Пресс-зал", "layout.ceremony": "Церемониальный", "layout.other": "Другой"},
	"zh": {"plenary": "全体会议", "restricted": "小范围会谈", "extended": "大范围会谈", "bilateral": "双边会见",
		"multilateral": "多边会议", "ceremony": "仪式", "arrival": "抵达", "departure": "离开", "meal": "宴请", "press": "新闻活动",
		"cultural": "文化活动", "hold": "预留", "movement": "车队",
		"layout.plenary": "大会厅", "layout.bilateral": "会见厅", "layout.banquet": "宴会厅", "layout.press": "新闻厅",
		"layout.ceremony": "仪式厅", "layout.other": "其他"},
	"kk": {"plenary": "Пленарлық отырыс", "restricted": "Тар құрамдағы", "extended": "Кеңейтілген құрамдағы",
		"bilateral": "Екіжақты кездесу", "multilateral": "Көпжақты кездесу", "ceremony": "Салтанатты рәсім", "arrival": "Келу",
		"departure": "Кету", "meal": "Ас беру", "press": "Баспасөз", "cultural": "Мәдени бағдарлама", "hold": "Резерв", "movement": "Кортеж",
		"layout.plenary": "Пленарлық", "layout.bilateral": "Екіжақты кездесуге", "layout.banquet": "Банкет",
		"layout.press": "Баспасөз", "layout.ceremony": "Салтанатты", "layout.other": "Басқа"},
}

// cities are city names in the other languages, for "Astana time".
var cities = map[string]map[string]string{"Astana": {"ru": "Астана", "kk": "Астана", "zh": "阿斯塔纳"}}

var (
	months   = domain.MonthNames
	weekdays = map[string][7]string{ // from Sunday
		"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		"ru": {"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"},
		"zh": {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"},
		"kk": {"жексенбі", "дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі"},
	}
)

// words in one language.
type lang string

// say is the word key in l with each {name} replaced by the value after it.
func (l lang) say(key string, args ...any) string {
	s, ok := words[string(l)][key]
	if !ok {
		s = words["en"][key]
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return s
}

// label is a kind's or layout's name in l, the key itself when unknown.
func (l lang) label(key string) string {
	if s, ok := labels[string(l)][key]; ok {
		return s
	}
	return strings.TrimPrefix(key, "layout.")
}

// day is the date of t (read as a calendar day), written out:
// "Wednesday, 3 July 2024", "среда, 3 июля 2024 г.", "2024年7月3日 星期三",
// "2024 жылғы 3 шілде, сәрсенбі".
func (l lang) day(t time.Time) string {
	y, m, d, wd := t.Year(), t.Month(), t.Day(), weekdays[string(l)][t.Weekday()]
	switch l {
	case "ru":
		return fmt.Sprintf("%s, %d %s %d г.", wd, d, months["ru"][m-1], y)
	case "zh":
		return fmt.Sprintf("%d年%d月%d日 %s", y, m, d, wd)
	case "kk":
		return fmt.Sprintf("%d жылғы %d %s, %s", y, d, months["kk"][m-1], wd)
	}
	return fmt.Sprintf("%s, %d %s %d", weekdays["en"][t.Weekday()], d, months["en"][m-1], y)
}

// dateTime is t's day and time, without the weekday: "3 July 2024, 14:05".
func (l lang) dateTime(t time.Time) string {
	y, m, d, hm := t.Year(), t.Month(), t.Day(), t.Format("15:04")
	switch l {
	case "ru":
		return fmt.Sprintf("%d %s %d г., %s", d, months["ru"][m-1], y, hm)
	case "zh":
		return fmt.Sprintf("%d年%d月%d日 %s", y, m, d, hm)
	case "kk":
		return fmt.Sprintf("%d жылғы %d %s, %s", y, d, months["kk"][m-1], hm)
	}
	return fmt.Sprintf("%d %s %d, %s", d, months["en"][m-1], y, hm)
}

// zone is "Astana time (UTC+5)" for city at t in its zone.
func (l lang) zone(city string, t time.Time) string {
	if c := cities[city][string(l)]; c != "" {
		city = c
	}
	return l.say("tz", "city", city, "offset", offsetLabel(t))
}

// offsetLabel is t's offset from UTC as the web app writes it: UTC, UTC+5, UTC−3:30.
func offsetLabel(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	h, m := off/3600, off%3600/60
	if m != 0 {
		return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
	}
	return fmt.Sprintf("UTC%s%d", sign, h)
}
