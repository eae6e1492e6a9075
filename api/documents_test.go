package api

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"summit/domain"
	"summit/pdf/pdftest"
	"summit/repository"
	"summit/repository/dbtest"
)

// demoServer is a server on a fresh database holding the demo summit, and
// its organiser's and China's delegate's access tokens.
func demoServer(t *testing.T, dialect string) (h *harness, organiser, chinaDelegate string) {
	t.Helper()
	h = newHarness(t, dbtest.URLs(t)[repository.SQLite])
	db := dbtest.Open(t, dbtest.URLs(t)[repository.SQLite])
	if dialect == repository.Postgres {
		db = dbtest.Open(t, dbtest.NewPostgresDB(t))
	}
	seed(t, db.Store())
	h.s = New(Config{Log: h.s.cfg.Log, Services: servicesOn(t, db.Store()), JWTSecret: h.s.cfg.JWTSecret})
	h.store = db.Store()
	return h, h.login("organiser@summit.example", "organiser-demo-2024").AccessToken,
		h.login("delegate@summit.example", "delegate-demo-2024").AccessToken
}

// flat is a PDF's text with every run of white space made one space, and
// none left between two Chinese characters (where a cell's line broke).
func flat(text string) string {
	s := strings.Join(strings.Fields(text), " ")
	han := func(r rune) bool {
		return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && han(rs[i-1]) && han(rs[i+1]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestDocumentPDFs: a delegation's agenda and a room's day come out as A4
// PDFs whose text extracts in Chinese, Russian, Kazakh and English (names
// in the reader's language, falling back to the primary name), stamped
// with the release or "not released", the time printed in Astana time,
// and numbered pages; never a draft, and never a meeting or person the
// caller may not see (CONTRACT section 13).
func TestDocumentPDFs(t *testing.T) {
	for dialect := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h, org, chnDel := demoServer(t, dialect)
			ctx := t.Context()
			chn, _ := h.store.DelegationByCode(ctx, "CHN")
			kaz, _ := h.store.DelegationByCode(ctx, "KAZ")
			var oval domain.Room
			rooms, _ := h.store.ListRooms(ctx, "")
			for _, r := range rooms {
				if r.Name == "Oval Hall" {
					oval = r
				}
			}
			draft := map[string]any{"title": "Secret draft talks", "kind": "bilateral", "status": "draft", "visibility": "participants",
				"starts_at": "2024-07-03T08:00:00+05:00", "ends_at": "2024-07-03T08:30:00+05:00", "room_id": oval.ID,
				"participants": []map[string]any{{"delegation_id": chn.ID}},
				"allow":        []string{"delegation_presence", "travel_time", "rest_time", "room_capacity", "interpretation", "outside_summit", "daily_limit"}}
			if rec := h.call("POST", "/api/v1/meetings", org, draft); rec.Code != 201 {
				t.Fatalf("draft: %d %s", rec.Code, rec.Body)
			}
			get := func(token, path string) string {
				t.Helper()
				rec := h.call("GET", path, token, nil)
				if rec.Code != 200 {
					t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
				}
				if ct := rec.Header().Get("Content-Type"); ct != "application/pdf" {
					t.Fatalf("GET %s: Content-Type %q", path, ct)
				}
				if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="`) {
					t.Fatalf("GET %s: Content-Disposition %q", path, cd)
				}
				if dir := os.Getenv("SUMMIT_PDF_PNG"); dir != "" && dialect == repository.SQLite { // to look at the pages
					name := regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(path[len("/api/v1/"):]), "-")
					pdftest.PNG(t, rec.Body.Bytes(), dir, name)
					os.WriteFile(dir+"/"+name+".pdf", rec.Body.Bytes(), 0o644)
				}
				pages := pdftest.Pages(t, rec.Body.Bytes())
				for i, p := range pages {
					if !regexp.MustCompile(fmt.Sprintf(`(Page|Страница|第|беттің) ?%d`, i+1)).MatchString(p) {
						t.Errorf("GET %s: page %d is not numbered:\n%s", path, i+1, p)
					}
				}
				return flat(strings.Join(pages, "\n"))
			}
			has := func(text string, want ...string) {
				t.Helper()
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("lacks %q:\n%s", w, text)
					}
				}
			}
			hasNot := func(text string, unwanted ...string) {
				t.Helper()
				for _, w := range unwanted {
					if strings.Contains(text, w) {
						t.Errorf("has %q:\n%s", w, text)
					}
				}
			}
			printed := regexp.MustCompile(`打印于 2\d{3}年\d{1,2}月\d{1,2}日 \d\d:\d\d UTC\+5`)

			// China's delegate, in Chinese, before any release: its own agenda.
			zh := get(chnDel, "/api/v1/agenda.pdf?lang=zh")
			has(zh, "日程 · 中国", "日程尚未发布", "时间均为阿斯塔纳时间（UTC+5）", "代表团团长：习近平", "2024年7月3日星期三", "2024年7月4日星期四",
				"Talks: Kazakhstan – China", "双边会见", "金色大厅，阿克奥尔达总统府", "中国：习近平", "哈萨克斯坦", "第 1 页，共")
			if !printed.MatchString(zh) {
				t.Errorf("no time of printing in Astana time:\n%s", zh)
			}
			hasNot(zh, "Secret draft talks", "卡西姆-若马尔特·托卡耶夫", "Talks: Kazakhstan – Russia") // a draft; Kazakhstan's people; others' talks

			if rec := h.call("POST", "/api/v1/releases", org, map[string]string{"note": "first"}); rec.Code != 201 {
				t.Fatalf("publish: %d %s", rec.Code, rec.Body)
			}
			// The organiser, in Russian, Kazakh and English: every name in that language.
			ru := get(org, "/api/v1/agenda.pdf?delegation_id="+chn.ID+"&lang=ru")
			has(ru, "Программа · Китай", "Выпуск программы № 1", "напечатано", "среда, 3 июля 2024 г.", "Глава делегации: Си Цзиньпин",
				"Золотой зал, Акорда", "Казахстан: Касым-Жомарт Токаев", "Китай: Си Цзиньпин", "Двусторонняя встреча", "Страница 1 из")
			hasNot(ru, "Secret draft talks")
			kk := get(org, "/api/v1/agenda.pdf?delegation_id="+kaz.ID+"&lang=kk")
			has(kk, "Бағдарлама · Қазақстан", "Бағдарламаның 1-шығарылымы", "Қасым-Жомарт Тоқаев", "Қытай: Си Цзиньпин",
				"Talks: Kazakhstan – Russia", "Ресей: Владимир Путин", "2024 жылғы 3 шілде, сәрсенбі", "Алтын зал, Ақорда")
			en := get(org, "/api/v1/agenda.pdf?delegation_id="+chn.ID+"&date=2024-07-04")
			has(en, "Agenda · China", "Programme release 1", "Thursday, 4 July 2024", "Head of delegation: Xi Jinping", "China: Xi Jinping",
				"Times are Astana time (UTC+5).", "Page 1 of")
			hasNot(en, "Wednesday, 3 July 2024", "Talks: Kazakhstan – China")

			// A room's day: the organiser sees every meeting but the draft; China's
			// delegate only what GET /agenda shows it there.
			roomDay := "/api/v1/rooms/" + oval.ID + "/day.pdf?date=2024-07-03&lang="
			all := get(org, roomDay+"ru")
			has(all, "Овальный зал · Акорда", "среда, 3 июля 2024 г.", "Talks: Kazakhstan – Russia", "Россия: Владимир Путин", "Выпуск программы № 1")
			hasNot(all, "Secret draft talks")
			mine := get(chnDel, roomDay+"zh")
			has(mine, "椭圆厅 · 阿克奥尔达总统府")
			hasNot(mine, "Talks: Kazakhstan – Russia", "Talks: Kazakhstan – Azerbaijan", "Secret draft talks")
		})
	}
}

// TestDocumentPDFAccess: who may not get a document gets a problem naming
// why: 401 without a token, 404 for another delegation's agenda or an
// unknown delegation or room, 422 naming each bad parameter.
func TestDocumentPDFAccess(t *testing.T) {
	h, org, chnDel := demoServer(t, repository.SQLite)
	kaz, _ := h.store.DelegationByCode(t.Context(), "KAZ")
	rooms, _ := h.store.ListRooms(t.Context(), "")
	unknown := "0190a8b2-5c3e-7d41-9f00-1a2b3c4d5e6f"
	for _, c := range []struct {
		name, token, path string
		status            int
		field             string
	}{
		{"anonymous agenda", "", "/api/v1/agenda.pdf?delegation_id=" + kaz.ID, 401, ""},
		{"anonymous room day", "", "/api/v1/rooms/" + rooms[0].ID + "/day.pdf?date=2024-07-04", 401, ""},
		{"a delegate asks for another delegation", chnDel, "/api/v1/agenda.pdf?delegation_id=" + kaz.ID, 404, ""},
		{"unknown delegation", org, "/api/v1/agenda.pdf?delegation_id=" + unknown, 404, ""},
		{"unknown room", org, "/api/v1/rooms/" + unknown + "/day.pdf?date=2024-07-04", 404, ""},
		{"organiser names no delegation", org, "/api/v1/agenda.pdf", 422, "delegation_id"},
		{"not an id", org, "/api/v1/agenda.pdf?delegation_id=china", 422, "delegation_id"},
		{"bad language", chnDel, "/api/v1/agenda.pdf?lang=de", 422, "lang"},
		{"bad date", chnDel, "/api/v1/agenda.pdf?date=" + url.QueryEscape("4 July"), 422, "date"},
		{"room day without a date", org, "/api/v1/rooms/" + rooms[0].ID + "/day.pdf", 422, "date"},
		{"room day in a bad language", org, "/api/v1/rooms/" + rooms[0].ID + "/day.pdf?date=2024-07-04&lang=EN", 422, "lang"},
	} {
		t.Run(c.name, func(t *testing.T) {
			pr := assertProblem(t, h.call("GET", c.path, c.token, nil), c.status)
			if c.field != "" && (len(pr.Errors) == 0 || pr.Errors[0].Field != c.field) {
				t.Fatalf("errors %+v, want the field %s", pr.Errors, c.field)
			}
		})
	}
}
