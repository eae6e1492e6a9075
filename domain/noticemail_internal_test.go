package domain

import (
	"strings"
	"testing"
	"time"
)

// TestNoticeMailInEachLanguage renders one change in the four languages,
// with names from the cache (as the sender reads them), and checks the
// words, the spelled-out zone and that HTML escapes what it shows.
func TestNoticeMailInEachLanguage(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2024, 7, 3, h-5, m, 0, 0, time.UTC) }
	img := func(h int, room string) *ReleasedMeeting {
		return &ReleasedMeeting{Meeting: Meeting{ID: "m1", Title: `Talks <script>alert("x")</script> & more`, Status: MeetingConfirmed,
			StartsAt: at(h, 0), EndsAt: at(h, 45), RoomID: room, Participants: []Participant{{DelegationID: "d-kaz"}, {DelegationID: "d-rus"}}},
			RoomName: "Room " + room, VenueID: "v1", VenueName: "Akorda"}
	}
	items := []NoticeItem{
		{MeetingID: "m1", Before: img(16, "r1"), After: img(17, "r2")},
		{MeetingID: "m2", Before: &ReleasedMeeting{Meeting: Meeting{ID: "m2", Title: "Lunch", StartsAt: at(13, 0), EndsAt: at(14, 0)}},
			After: &ReleasedMeeting{Meeting: Meeting{ID: "m2", Title: "Lunch", Status: MeetingCancelled, StartsAt: at(13, 0), EndsAt: at(14, 0)}}},
	}
	want := map[string][]string{
		"en": {"To the delegation of Russia", "Changed: Talks", "Before: 3 July 2024, 16:00–16:45, Oval Hall (Akorda)", "→ Now: 3 July 2024, 17:00–17:45, Golden Hall (Akorda)", "Cancelled: Lunch", "All times: Asia/Almaty, UTC+05:00."},
		"ru": {"Делегации: Россия", "Изменено: Talks", "Было: 3 июля 2024, 16:00–16:45, Овальный зал (Акорда)", "→ Стало: 3 июля 2024, 17:00–17:45, Золотой зал (Акорда)", "Отменено: Lunch", "Время везде: Asia/Almaty, UTC+05:00."},
		"zh": {"致俄罗斯代表团", "变更: Talks", "原为: 2024年7月3日, 16:00–16:45", "取消: Lunch", "所有时间均为：Asia/Almaty, UTC+05:00。"},
		"kk": {"Ресей делегациясына", "Өзгерді: Talks", "Бұрын: 2024 жылғы 3 шілде, 16:00–16:45", "Болдырылмады: Lunch", "Барлық уақыт: Asia/Almaty, UTC+05:00."},
	}
	for lang, words := range want {
		nm := &namer{lang: lang, cache: map[string]string{}}
		for key, names := range map[string]Names{
			"delegation:d-rus": {"ru": "Россия", "zh": "俄罗斯", "kk": "Ресей"}, "room:r1": {"ru": "Овальный зал"},
			"room:r2": {"ru": "Золотой зал"}, "venue:v1": {"ru": "Акорда"}} {
			nm.cache[key] = nm.local(map[string]string{"delegation:d-rus": "Russia", "room:r1": "Oval Hall", "room:r2": "Golden Hall", "venue:v1": "Akorda"}[key], names)
		}
		nm.cache["delegation:d-kaz"] = "Kazakhstan"
		d := &Delegation{ID: "d-rus", Name: "Russia", Names: Names{"ru": "Россия", "zh": "俄罗斯", "kk": "Ресей"}, NoticeLanguage: lang, ContactEmails: []string{"a@b.example"}}
		n := &Notice{ID: "n1", Subject: noticeSubject(wordsIn(lang), "SCO", 0, len(items))}
		m, err := renderNotice(nm, d, Summit{Name: "SCO", Timezone: "Asia/Almaty"}, n, append([]NoticeItem(nil), items...), "https://summit.example/agenda")
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			if !strings.Contains(m.Text, w) {
				t.Errorf("%s text lacks %q:\n%s", lang, w, m.Text)
			}
		}
		if strings.Contains(m.HTML, "<script>") || !strings.Contains(m.HTML, "&lt;script&gt;") || !strings.Contains(m.HTML, "&amp; more") {
			t.Errorf("%s HTML does not escape the title:\n%s", lang, m.HTML)
		}
		if strings.Index(m.Text, "Lunch") > strings.Index(m.Text, "Talks") {
			t.Errorf("%s: items are not in time order", lang)
		}
	}
}
