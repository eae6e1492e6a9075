package domain

import (
	"slices"
	"testing"

	"summit/domain/scheduler"
)

func TestMeetingLanguages(t *testing.T) {
	rooms := []scheduler.Room{{ID: "r1", InterpretationLanguages: []string{"ru", "zh", "en"}}, {ID: "r2", InterpretationLanguages: []string{"ar", "tr"}}}
	for _, c := range []struct {
		a, b, want []string
	}{
		{[]string{"kk", "ru"}, []string{"ru"}, []string{"ru"}},             // Kazakhstan–Russia: both speak Russian
		{[]string{"uz", "ru"}, []string{"ky", "ru"}, []string{"ru"}},       // the first shared one
		{[]string{"zh"}, []string{"ru"}, []string{"zh", "ru"}},             // a room interprets both first languages
		{[]string{"ur", "en"}, []string{"uz", "ru"}, []string{"en", "ru"}}, // no room has ur/uz: the best pair a room has
		{[]string{"en", "ur"}, []string{"ar"}, []string{"en", "ar"}},       // no room has any pair: the first languages
		{[]string{"mn"}, nil, []string{"mn"}},                              // one side states none
		{nil, nil, []string{}},
	} {
		if got := meetingLanguages(c.a, c.b, rooms); !slices.Equal(got, c.want) {
			t.Errorf("%v / %v: %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
