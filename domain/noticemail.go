package domain

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"
)

// Mail is one e-mail a notice becomes: multipart, text and HTML.
type Mail struct {
	ID      string // the notice's id: the same notice is always the same message
	To      []string
	Subject string
	Text    string
	HTML    string
}

// noticeWords are a notice's words in one language.
type noticeWords struct {
	Lang                            string
	SubjectRelease, SubjectChanges  string // %s summit, %d release / %d changes
	Greeting                        string // %s delegation
	Released, Intro, NothingChanged string
	Added, Changed, Cancelled, Gone string
	Before, After, Participants     string
	Zone, Agenda, Footer, NoRoom    string
	Date                            func(w noticeWords, t time.Time) string
}

var noticeLanguageWords = map[string]noticeWords{
	"en": {Lang: "en", SubjectRelease: "%s: programme release %d", SubjectChanges: "%s: %d change(s) to your programme",
		Greeting: "To the delegation of %s", Released: "Programme release %d has been published.",
		Intro: "What changed for your delegation:", NothingChanged: "Nothing changed for your delegation.",
		Added: "Added", Changed: "Changed", Cancelled: "Cancelled", Gone: "No longer on your programme",
		Before: "Before", After: "Now", Participants: "Participants", Zone: "All times: %s.", Agenda: "Your agenda: %s",
		Footer: "This notice was sent by Summit Planner.", NoRoom: "no room",
		Date: dayMonthYear},
	"ru": {Lang: "ru", SubjectRelease: "%s: выпуск программы № %d", SubjectChanges: "%s: изменения в вашей программе (%d)",
		Greeting: "Делегации: %s", Released: "Опубликован выпуск программы № %d.",
		Intro: "Что изменилось для вашей делегации:", NothingChanged: "Для вашей делегации ничего не изменилось.",
		Added: "Добавлено", Changed: "Изменено", Cancelled: "Отменено", Gone: "Больше не в вашей программе",
		Before: "Было", After: "Стало", Participants: "Участники", Zone: "Время везде: %s.", Agenda: "Ваша программа: %s",
		Footer: "Это уведомление отправлено системой Summit Planner.", NoRoom: "без зала",
		Date: dayMonthYear},
	"zh": {Lang: "zh", SubjectRelease: "%s：第%d版日程", SubjectChanges: "%s：贵方日程有%d项变更",
		Greeting: "致%s代表团", Released: "第%d版日程已发布。",
		Intro: "贵代表团的变更：", NothingChanged: "贵代表团的日程没有变更。",
		Added: "新增", Changed: "变更", Cancelled: "取消", Gone: "已不在贵方日程中",
		Before: "原为", After: "现为", Participants: "参加方", Zone: "所有时间均为：%s。", Agenda: "贵方日程：%s",
		Footer: "本通知由 Summit Planner 发送。", NoRoom: "无会议室",
		Date: func(_ noticeWords, t time.Time) string {
			return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
		}},
	"kk": {Lang: "kk", SubjectRelease: "%s: бағдарламаның № %d шығарылымы", SubjectChanges: "%s: бағдарламаңыздағы өзгерістер (%d)",
		Greeting: "%s делегациясына", Released: "Бағдарламаның № %d шығарылымы жарияланды.",
		Intro: "Делегацияңыз үшін не өзгерді:", NothingChanged: "Делегацияңыз үшін ештеңе өзгерген жоқ.",
		Added: "Қосылды", Changed: "Өзгерді", Cancelled: "Болдырылмады", Gone: "Енді бағдарламаңызда жоқ",
		Before: "Бұрын", After: "Қазір", Participants: "Қатысушылар", Zone: "Барлық уақыт: %s.", Agenda: "Күн тәртібіңіз: %s",
		Footer: "Бұл хабарламаны Summit Planner жіберді.", NoRoom: "залсыз",
		Date: func(w noticeWords, t time.Time) string {
			return fmt.Sprintf("%d жылғы %d %s", t.Year(), t.Day(), MonthNames[w.Lang][t.Month()-1])
		}},
}

// MonthNames are the months in the languages that write them in words (in
// Russian in the genitive, as a date says them), for notices and documents.
var MonthNames = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"kk": {"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"},
}

// dayMonthYear writes a date as "3 July 2024" in w's language.
func dayMonthYear(w noticeWords, t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), MonthNames[w.Lang][t.Month()-1], t.Year())
}

// wordsIn returns the words of a notice language, English for any other.
func wordsIn(lang string) noticeWords {
	if w, ok := noticeLanguageWords[lang]; ok {
		return w
	}
	return noticeLanguageWords["en"]
}

// noticeSubject is a notice's subject: the release it announces, or how many changes it tells.
func noticeSubject(w noticeWords, summit string, release, changes int) string {
	summit = cmp.Or(summit, "Summit")
	if release > 0 {
		return fmt.Sprintf(w.SubjectRelease, summit, release)
	}
	return fmt.Sprintf(w.SubjectChanges, summit, changes)
}

// noticeLine is one meeting of a mail, in words.
type noticeLine struct {
	Label, Title  string
	Before, After string // "" when there is none
	Participants  string // "" unless they changed (or the meeting is new)
}

// noticeView is everything a mail says.
type noticeView struct {
	Words                noticeWords
	Greeting, Released   string
	Lines                []noticeLine
	Zone, AgendaURL      string
	ZoneLine, AgendaLine string
}

// namer names delegations, rooms and venues in a notice's language, reading
// each once; what is gone keeps the name its image carries.
type namer struct {
	ctx   context.Context
	tx    NoticeRepos
	lang  string
	cache map[string]string
}

func (n *namer) local(primary string, names Names) string {
	return cmp.Or(names[n.lang], primary)
}

func (n *namer) name(kind, id, fallback string) string {
	key := kind + ":" + id
	if s, ok := n.cache[key]; ok {
		return s
	}
	s := fallback
	switch kind {
	case "delegation":
		if d, err := n.tx.DelegationByID(n.ctx, id); err == nil {
			s = n.local(d.Name, d.Names)
		}
	case "room":
		if r, err := n.tx.RoomByID(n.ctx, id); err == nil {
			s = n.local(r.Name, r.Names)
		}
	case "venue":
		if v, err := n.tx.VenueByID(n.ctx, id); err == nil {
			s = n.local(v.Name, v.Names)
		}
	}
	n.cache[key] = s
	return s
}

// where says when and where a meeting is, in the summit's zone: "3 July
// 2024, 10:00–10:45, Golden Hall (Palace of Independence)".
func (n *namer) where(w noticeWords, loc *time.Location, m *ReleasedMeeting) string {
	s, e := m.StartsAt.In(loc), m.EndsAt.In(loc)
	place := w.NoRoom
	if m.RoomID != "" {
		place = n.name("room", m.RoomID, m.RoomName)
		if v := n.name("venue", m.VenueID, m.VenueName); v != "" {
			place += " (" + v + ")"
		}
	}
	return fmt.Sprintf("%s, %s–%s, %s", w.Date(w, s), s.Format("15:04"), e.Format("15:04"), place)
}

func (n *namer) participants(m *ReleasedMeeting) string {
	out := make([]string, len(m.Participants))
	for i, p := range m.Participants {
		out[i] = n.name("delegation", p.DelegationID, p.DelegationID)
	}
	return strings.Join(out, ", ")
}

// line is one item in words: added, changed (old → new), cancelled or gone.
func (n *namer) line(w noticeWords, loc *time.Location, it NoticeItem) noticeLine {
	var l noticeLine
	img := cmp.Or(it.After, it.Before)
	l.Title = img.Title
	if it.Before != nil {
		l.Before = n.where(w, loc, it.Before)
	}
	if it.After != nil {
		l.After = n.where(w, loc, it.After)
	}
	switch {
	case it.Before == nil:
		l.Label, l.Participants = w.Added, n.participants(it.After)
	case it.After == nil:
		l.Label = w.Gone
	case it.After.Status == MeetingCancelled:
		l.Label, l.After = w.Cancelled, ""
	default:
		l.Label = w.Changed
		if b, a := n.participants(it.Before), n.participants(it.After); b != a {
			l.Participants = b + " → " + a
		}
	}
	return l
}

// zoneName spells out a zone at t: "Asia/Almaty, UTC+05:00".
func zoneName(loc *time.Location, t time.Time) string {
	return loc.String() + ", UTC" + t.In(loc).Format("-07:00")
}

// renderNotice writes the mail of notice n to delegation d, telling items,
// in d's language with the summit's zone spelled out, and a link to the agenda.
func renderNotice(nm *namer, d *Delegation, summit Summit, n *Notice, items []NoticeItem, agendaURL string) (Mail, error) {
	w := wordsIn(d.NoticeLanguage)
	loc, err := time.LoadLocation(summit.Timezone)
	if err != nil {
		loc = time.UTC
	}
	slices.SortStableFunc(items, func(a, b NoticeItem) int {
		return cmp.Or(cmp.Or(a.After, a.Before).StartsAt.Compare(cmp.Or(b.After, b.Before).StartsAt), strings.Compare(a.MeetingID, b.MeetingID))
	})
	v := noticeView{Words: w, Greeting: fmt.Sprintf(w.Greeting, nm.local(d.Name, d.Names)), AgendaURL: agendaURL}
	zoneAt := time.Now()
	if len(items) > 0 {
		zoneAt = cmp.Or(items[0].After, items[0].Before).StartsAt
	}
	v.Zone = zoneName(loc, zoneAt)
	v.ZoneLine, v.AgendaLine = fmt.Sprintf(w.Zone, v.Zone), fmt.Sprintf(w.Agenda, agendaURL)
	if n.Release > 0 {
		v.Released = fmt.Sprintf(w.Released, n.Release)
	}
	for _, it := range items {
		v.Lines = append(v.Lines, nm.line(w, loc, it))
	}
	var text, html bytes.Buffer
	writeNoticeText(&text, v)
	if err := noticeHTML.Execute(&html, v); err != nil {
		return Mail{}, err
	}
	return Mail{ID: n.ID, To: d.ContactEmails, Subject: n.Subject, Text: text.String(), HTML: html.String()}, nil
}

// writeNoticeText writes the text part of a mail.
func writeNoticeText(b *bytes.Buffer, v noticeView) {
	fmt.Fprintf(b, "%s\n\n", v.Greeting)
	if v.Released != "" {
		fmt.Fprintf(b, "%s\n\n", v.Released)
	}
	if len(v.Lines) == 0 {
		fmt.Fprintf(b, "%s\n", v.Words.NothingChanged)
	} else {
		fmt.Fprintf(b, "%s\n", v.Words.Intro)
	}
	for _, l := range v.Lines {
		fmt.Fprintf(b, "\n* %s: %s\n", l.Label, l.Title)
		switch {
		case l.Before != "" && l.After != "":
			fmt.Fprintf(b, "  %s: %s\n  → %s: %s\n", v.Words.Before, l.Before, v.Words.After, l.After)
		case l.After != "":
			fmt.Fprintf(b, "  %s\n", l.After)
		default:
			fmt.Fprintf(b, "  %s\n", l.Before)
		}
		if l.Participants != "" {
			fmt.Fprintf(b, "  %s: %s\n", v.Words.Participants, l.Participants)
		}
	}
	fmt.Fprintf(b, "\n%s\n%s\n\n-- \n%s\n", v.ZoneLine, v.AgendaLine, v.Words.Footer)
}

// noticeHTML is the HTML part of a mail; html/template escapes every value.
var noticeHTML = template.Must(template.New("notice").Parse(`<!DOCTYPE html>
<html lang="{{.Words.Lang}}"><head><meta charset="utf-8"><title>{{.Greeting}}</title></head>
<body style="font-family: sans-serif; line-height: 1.4">
<p>{{.Greeting}}</p>
{{if .Released}}<p><strong>{{.Released}}</strong></p>{{end}}
{{if .Lines}}<p>{{.Words.Intro}}</p>
<ul>{{range .Lines}}
<li><strong>{{.Label}}:</strong> {{.Title}}<br>
{{if and .Before .After}}{{$.Words.Before}}: <del>{{.Before}}</del><br>→ {{$.Words.After}}: <ins>{{.After}}</ins>{{else if .After}}{{.After}}{{else}}<del>{{.Before}}</del>{{end}}
{{if .Participants}}<br>{{$.Words.Participants}}: {{.Participants}}{{end}}</li>{{end}}
</ul>{{else}}<p>{{.Words.NothingChanged}}</p>{{end}}
<p>{{.ZoneLine}}</p>
<p><a href="{{.AgendaURL}}">{{.AgendaLine}}</a></p>
<p style="color: #555">{{.Words.Footer}}</p>
</body></html>
`))
