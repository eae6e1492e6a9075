package domain

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

var rulesTestZone = time.FixedZone("Asia/Almaty", 5*3600)

// rulesAt returns 2024-07-04 at hh:mm in the summit's zone.
func rulesAt(hhmm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", "2024-07-04 "+hhmm, rulesTestZone)
	if err != nil {
		panic(err)
	}
	return t
}

// rulesInput is a clean bilateral, 10:00–11:00 on the summit's last day in
// Oval Hall (venue v1, 20 seats, 15 minutes changeover), that breaks no rule.
func rulesInput() RuleInput {
	return RuleInput{
		Meeting: Meeting{
			ID: "m1", Title: "Bilateral KAZ–CHN", Kind: "bilateral",
			StartsAt: rulesAt("10:00"), EndsAt: rulesAt("11:00"),
			RoomID: "r1", Status: "confirmed", Visibility: "participants",
			Languages: []string{"kk", "zh"}, ExpectedAttendance: 10,
			Participants: []Participant{{DelegationID: "kaz"}, {DelegationID: "chn"}},
		},
		Room: &Room{ID: "r1", VenueID: "v1", Name: "Oval Hall", Capacity: 20,
			InterpretationLanguages: []string{"kk", "zh", "ru"}, ChangeoverMinutes: 15},
		VenueID:   "v1",
		Attendees: []Attendee{{MemberID: "p-kaz", DelegationID: "kaz"}, {MemberID: "p-chn", DelegationID: "chn", Name: "Xi Jinping"}},
		Delegations: map[string]Delegation{
			"kaz": {ID: "kaz", Code: "KAZ", Name: "Kazakhstan"},
			"chn": {ID: "chn", Code: "CHN", Name: "China"},
		},
		Rooms: map[string]Room{
			"r1": {ID: "r1", VenueID: "v1", Name: "Oval Hall", ChangeoverMinutes: 15},
			"r2": {ID: "r2", VenueID: "v1", Name: "Small Hall"},
			"r3": {ID: "r3", VenueID: "v2", Name: "Congress Hall"},
		},
		Travel:   TravelTimes{{"v1", "v2"}: 30},
		Summit:   Summit{Name: "SCO", Timezone: "Asia/Almaty", StartsOn: "2024-07-03", EndsOn: "2024-07-04"},
		Location: rulesTestZone,
	}
}

// rulesBooking is another meeting m2 in room (with venue) from–to holding members.
func rulesBooking(id, room, venue, from, to string, members ...string) Booking {
	return Booking{MeetingID: id, Title: "Meeting " + id, RoomID: room, VenueID: venue,
		StartsAt: rulesAt(from), EndsAt: rulesAt(to), MemberIDs: members}
}

func TestCheckMeeting(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *RuleInput)
		want   []Conflict // messages are not compared here
	}{
		{"clean_meeting_has_no_conflicts", func(in *RuleInput) {}, nil},
		{"cancelled_candidate_yields_nil", func(in *RuleInput) {
			in.Meeting.Status = "cancelled"
			in.Meeting.ExpectedAttendance = 100
			in.Others = []Booking{rulesBooking("m2", "r1", "v1", "10:00", "11:00", "p-kaz")}
		}, nil},
		{"own_id_in_others_is_ignored", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m1", "r1", "v1", "10:00", "11:00", "p-kaz", "p-chn")}
		}, nil},

		{"room_overlap/overlapping_booking_in_same_room", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r1", "v1", "10:30", "11:30")}
		}, []Conflict{{Rule: RuleRoomOverlap, MeetingID: "m2", RoomID: "r1"}}},
		{"room_overlap/booking_in_another_room_is_fine", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "10:30", "11:30")}
		}, nil},
		{"room_overlap/touching_meetings_without_changeover_are_fine", func(in *RuleInput) {
			in.Room.ChangeoverMinutes = 0
			in.Rooms["r1"] = *in.Room
			in.Others = []Booking{
				rulesBooking("m2", "r1", "v1", "09:00", "10:00"),
				rulesBooking("m3", "r1", "v1", "11:00", "12:00"),
			}
		}, nil},
		{"room_overlap/changeover_exactly_met_passes", func(in *RuleInput) {
			in.Others = []Booking{
				rulesBooking("m2", "r1", "v1", "09:00", "09:45"),
				rulesBooking("m3", "r1", "v1", "11:15", "12:00"),
			}
		}, nil},
		{"room_overlap/changeover_one_minute_short_before_fails", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r1", "v1", "09:00", "09:46")}
		}, []Conflict{{Rule: RuleRoomOverlap, MeetingID: "m2", RoomID: "r1"}}},
		{"room_overlap/changeover_one_minute_short_after_fails", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r1", "v1", "11:14", "12:00")}
		}, []Conflict{{Rule: RuleRoomOverlap, MeetingID: "m2", RoomID: "r1"}}},
		{"room_overlap/one_conflict_per_other_meeting", func(in *RuleInput) {
			in.Others = []Booking{
				rulesBooking("m3", "r1", "v1", "10:50", "11:30"),
				rulesBooking("m2", "r1", "v1", "09:30", "10:10"),
			}
		}, []Conflict{
			{Rule: RuleRoomOverlap, MeetingID: "m2", RoomID: "r1"},
			{Rule: RuleRoomOverlap, MeetingID: "m3", RoomID: "r1"},
		}},

		{"member_overlap/person_busy_in_another_meeting", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "10:30", "11:30", "p-kaz")}
		}, []Conflict{{Rule: RuleMemberOverlap, MeetingID: "m2", MemberID: "p-kaz"}}},
		{"member_overlap/touching_meetings_do_not_overlap", func(in *RuleInput) {
			in.Others = []Booking{
				rulesBooking("m2", "r2", "v1", "09:00", "10:00", "p-kaz"),
				rulesBooking("m3", "r2", "v1", "11:00", "12:00", "p-chn"),
			}
		}, nil},
		{"member_overlap/other_people_busy_is_fine", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "10:00", "11:00", "p-ind")}
		}, nil},
		{"member_overlap/one_conflict_per_person_and_meeting", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "09:30", "10:30", "p-kaz", "p-chn")}
		}, []Conflict{
			{Rule: RuleMemberOverlap, MeetingID: "m2", MemberID: "p-kaz"},
			{Rule: RuleMemberOverlap, MeetingID: "m2", MemberID: "p-chn"},
		}},

		{"travel_time/exactly_met_passes", func(in *RuleInput) {
			in.Others = []Booking{
				rulesBooking("m2", "r3", "v2", "09:00", "09:30", "p-kaz"),
				rulesBooking("m3", "r3", "v2", "11:30", "12:00", "p-kaz"),
			}
		}, nil},
		{"travel_time/from_previous_one_minute_short_fails", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r3", "v2", "09:00", "09:31", "p-kaz")}
		}, []Conflict{{Rule: RuleTravelTime, MeetingID: "m2", MemberID: "p-kaz"}}},
		{"travel_time/to_next_one_minute_short_fails", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r3", "v2", "11:29", "12:00", "p-chn")}
		}, []Conflict{{Rule: RuleTravelTime, MeetingID: "m2", MemberID: "p-chn"}}},
		{"travel_time/given_in_one_direction_applies_both_ways", func(in *RuleInput) {
			in.Travel = TravelTimes{{"v2", "v1"}: 30}
			in.Others = []Booking{
				rulesBooking("m2", "r3", "v2", "09:00", "09:31", "p-kaz"),
				rulesBooking("m3", "r3", "v2", "11:29", "12:00", "p-kaz"),
			}
		}, []Conflict{
			{Rule: RuleTravelTime, MeetingID: "m2", MemberID: "p-kaz"},
			{Rule: RuleTravelTime, MeetingID: "m3", MemberID: "p-kaz"},
		}},
		{"travel_time/unknown_venue_pair_does_not_conflict", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r9", "v9", "09:00", "10:00", "p-kaz")}
		}, nil},
		{"travel_time/booking_without_venue_does_not_conflict", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "", "", "09:00", "10:00", "p-kaz")}
		}, nil},
		{"travel_time/only_the_immediately_previous_meeting_counts", func(in *RuleInput) {
			in.Others = []Booking{
				rulesBooking("m2", "r3", "v2", "09:00", "09:40", "p-kaz"), // too close, but not the last
				rulesBooking("m3", "r2", "v1", "09:45", "09:55", "p-kaz"),
			}
		}, nil},
		{"travel_time/only_the_immediately_next_meeting_counts", func(in *RuleInput) {
			in.Others = []Booking{
				rulesBooking("m2", "r3", "v2", "11:20", "11:40", "p-kaz"),
				rulesBooking("m3", "r2", "v1", "11:05", "11:15", "p-kaz"), // same venue, in between
			}
		}, nil},

		{"room_capacity/expected_attendance_over_capacity", func(in *RuleInput) {
			in.Meeting.ExpectedAttendance = 21
		}, []Conflict{{Rule: RuleRoomCapacity, RoomID: "r1"}}},
		{"room_capacity/exactly_at_capacity_passes", func(in *RuleInput) {
			in.Meeting.ExpectedAttendance = 20
		}, nil},
		{"room_capacity/counts_attendees_when_more_than_expected", func(in *RuleInput) {
			in.Room.Capacity = 2
			in.Meeting.ExpectedAttendance = 1
			in.Attendees = append(in.Attendees, Attendee{MemberID: "p-kaz-2", DelegationID: "kaz"})
		}, []Conflict{{Rule: RuleRoomCapacity, RoomID: "r1"}}},
		{"room_capacity/attendees_within_capacity_pass", func(in *RuleInput) {
			in.Room.Capacity = 2
			in.Meeting.ExpectedAttendance = 1
		}, nil},
		{"room_rules/meeting_without_room_skips_them", func(in *RuleInput) {
			in.Room, in.VenueID, in.Meeting.RoomID = nil, "", ""
			in.Meeting.ExpectedAttendance = 500
			in.Meeting.Languages = []string{"kk", "hi"}
			in.Others = []Booking{rulesBooking("m2", "r3", "v2", "09:00", "09:50", "p-kaz")}
		}, nil},

		{"interpretation/missing_booth", func(in *RuleInput) {
			in.Meeting.Languages = []string{"kk", "zh", "hi"}
		}, []Conflict{{Rule: RuleInterpretation, RoomID: "r1"}}},
		{"interpretation/single_language_never_conflicts", func(in *RuleInput) {
			in.Meeting.Languages = []string{"hi"}
		}, nil},
		{"interpretation/no_language_never_conflicts", func(in *RuleInput) {
			in.Meeting.Languages = nil
			in.Room.InterpretationLanguages = nil
		}, nil},

		{"delegation_presence/arrives_after_start", func(in *RuleInput) {
			arrival := rulesAt("10:01")
			d := in.Delegations["kaz"]
			d.ArrivalAt = &arrival
			in.Delegations["kaz"] = d
		}, []Conflict{{Rule: RuleDelegationPresence, DelegationID: "kaz"}}},
		{"delegation_presence/arrives_at_start_passes", func(in *RuleInput) {
			arrival := rulesAt("10:00")
			d := in.Delegations["kaz"]
			d.ArrivalAt = &arrival
			in.Delegations["kaz"] = d
		}, nil},
		{"delegation_presence/leaves_before_end", func(in *RuleInput) {
			departure := rulesAt("10:59")
			d := in.Delegations["chn"]
			d.DepartureAt = &departure
			in.Delegations["chn"] = d
		}, []Conflict{{Rule: RuleDelegationPresence, DelegationID: "chn"}}},
		{"delegation_presence/leaves_at_end_passes", func(in *RuleInput) {
			departure := rulesAt("11:00")
			d := in.Delegations["chn"]
			d.DepartureAt = &departure
			in.Delegations["chn"] = d
		}, nil},
		{"delegation_presence/one_conflict_per_delegation", func(in *RuleInput) {
			arrival, departure := rulesAt("10:30"), rulesAt("10:45")
			in.Delegations["kaz"] = Delegation{ID: "kaz", Name: "Kazakhstan", ArrivalAt: &arrival, DepartureAt: &departure}
			in.Delegations["chn"] = Delegation{ID: "chn", Name: "China", DepartureAt: &departure}
		}, []Conflict{{Rule: RuleDelegationPresence, DelegationID: "kaz"}, {Rule: RuleDelegationPresence, DelegationID: "chn"}}},

		{"outside_summit/late_evening_local_time_is_inside", func(in *RuleInput) {
			in.Meeting.StartsAt = time.Date(2024, 7, 4, 23, 30, 0, 0, rulesTestZone)
			in.Meeting.EndsAt = time.Date(2024, 7, 5, 0, 0, 0, 0, rulesTestZone)
		}, nil},
		{"outside_summit/first_minutes_of_first_day_local_time_are_inside", func(in *RuleInput) {
			in.Meeting.StartsAt = time.Date(2024, 7, 3, 0, 0, 0, 0, rulesTestZone)
			in.Meeting.EndsAt = time.Date(2024, 7, 3, 0, 30, 0, 0, rulesTestZone)
		}, nil},
		{"outside_summit/after_midnight_local_time_is_outside", func(in *RuleInput) {
			in.Meeting.StartsAt = time.Date(2024, 7, 5, 0, 10, 0, 0, rulesTestZone)
			in.Meeting.EndsAt = time.Date(2024, 7, 5, 0, 40, 0, 0, rulesTestZone)
		}, []Conflict{{Rule: RuleOutsideSummit}}},
		{"outside_summit/running_past_midnight_is_outside", func(in *RuleInput) {
			in.Meeting.StartsAt = time.Date(2024, 7, 4, 23, 30, 0, 0, rulesTestZone)
			in.Meeting.EndsAt = time.Date(2024, 7, 5, 0, 1, 0, 0, rulesTestZone)
		}, []Conflict{{Rule: RuleOutsideSummit}}},
		{"outside_summit/day_before_is_outside", func(in *RuleInput) {
			in.Meeting.StartsAt = time.Date(2024, 7, 2, 23, 0, 0, 0, rulesTestZone)
			in.Meeting.EndsAt = time.Date(2024, 7, 2, 23, 30, 0, 0, rulesTestZone)
		}, []Conflict{{Rule: RuleOutsideSummit}}},
		{"outside_summit/skipped_without_summit_dates", func(in *RuleInput) {
			in.Summit.StartsOn, in.Summit.EndsOn = "", ""
		}, nil},

		{"multiple_violations_are_all_reported_in_rules_order", func(in *RuleInput) {
			arrival := rulesAt("12:00")
			in.Delegations["kaz"] = Delegation{ID: "kaz", Name: "Kazakhstan", ArrivalAt: &arrival}
			in.Summit.StartsOn, in.Summit.EndsOn = "2024-07-05", "2024-07-06"
			in.Meeting.ExpectedAttendance = 50
			in.Meeting.Languages = []string{"kk", "zh", "hi"}
			in.Others = []Booking{
				rulesBooking("m3", "r3", "v2", "09:00", "09:50", "p-chn"),
				rulesBooking("m2", "r1", "v1", "10:30", "11:30", "p-kaz"),
			}
		}, []Conflict{
			{Rule: RuleRoomOverlap, MeetingID: "m2", RoomID: "r1"},
			{Rule: RuleMemberOverlap, MeetingID: "m2", MemberID: "p-kaz"},
			{Rule: RuleTravelTime, MeetingID: "m3", MemberID: "p-chn"},
			{Rule: RuleRoomCapacity, RoomID: "r1"},
			{Rule: RuleInterpretation, RoomID: "r1"},
			{Rule: RuleDelegationPresence, DelegationID: "kaz"},
			{Rule: RuleOutsideSummit},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := rulesInput()
			tt.change(&in)
			got := CheckMeeting(in)
			var bare []Conflict
			for _, c := range got {
				if c.Message == "" {
					t.Errorf("%s conflict has no message", c.Rule)
				}
				c.Message = ""
				bare = append(bare, c)
			}
			if !reflect.DeepEqual(bare, tt.want) {
				t.Errorf("CheckMeeting:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCheckMeetingMessages(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *RuleInput)
		want   string
	}{
		{"room_changeover_names_room_gap_and_title", func(in *RuleInput) {
			in.Meeting.StartsAt = rulesAt("10:10")
			in.Others = []Booking{{MeetingID: "m2", Title: "Bilateral KAZ–RUS", RoomID: "r1", VenueID: "v1",
				StartsAt: rulesAt("09:00"), EndsAt: rulesAt("10:00")}}
		}, "Room Oval Hall needs 15 minutes between meetings; this one starts 10 minutes after “Bilateral KAZ–RUS” ends."},
		{"room_overlap_gives_local_times", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r1", "v1", "10:30", "11:30")}
		}, "Room Oval Hall is already booked for “Meeting m2” from 10:30 to 11:30."},
		{"member_overlap_names_the_delegation_when_the_name_is_unknown", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "10:30", "11:30", "p-kaz")}
		}, "A member of the Kazakhstan delegation is already attending “Meeting m2” from 10:30 to 11:30, at the same time as this meeting."},
		{"member_overlap_names_the_person", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "10:30", "11:30", "p-chn")}
		}, "Xi Jinping (China) is already attending “Meeting m2” from 10:30 to 11:30, at the same time as this meeting."},
		{"travel_time_gives_minutes_and_times", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r3", "v2", "09:00", "09:45", "p-chn")}
		}, "Xi Jinping (China) needs 30 minutes to travel from “Meeting m2”, which ends at 09:45; this meeting starts at 10:00."},
		{"rest_time_names_the_person_gap_and_meeting", func(in *RuleInput) {
			in.Summit.RestMinutes = 15
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "09:00", "09:55", "p-chn")}
		}, "Xi Jinping (China) would have only 5 minutes after “Meeting m2” (ends 09:55); the summit asks for 15 minutes of rest."},
		{"rest_time_adds_travel_between_venues", func(in *RuleInput) {
			in.Summit.RestMinutes = 15
			in.Others = []Booking{rulesBooking("m2", "r3", "v2", "11:30", "12:00", "p-chn")}
		}, "Xi Jinping (China) would have only 30 minutes before “Meeting m2” (starts 11:30); the summit asks for 15 minutes of rest plus 30 minutes of travel."},
		{"daily_limit_names_the_head_day_and_cap", func(in *RuleInput) {
			in.Summit.MaxBilateralsPerDay = 1
			in.Attendees[1].IsHead = true
			in.Others = []Booking{rulesBilateral("m2", "bilateral", 4, "08:00", "09:00", "p-chn")}
		}, "Xi Jinping (China) already has 1 bilateral on 4 July; the summit allows 1 a day."},
		{"room_capacity_gives_seats_and_people", func(in *RuleInput) {
			in.Meeting.ExpectedAttendance = 25
		}, "Room Oval Hall seats 20; this meeting expects 25 people."},
		{"interpretation_names_missing_languages", func(in *RuleInput) {
			in.Meeting.Languages = []string{"kk", "hi", "zh", "ur"}
		}, "Room Oval Hall has no interpretation booth for hi, ur."},
		{"delegation_presence_gives_local_arrival", func(in *RuleInput) {
			arrival := rulesAt("10:30")
			in.Delegations["kaz"] = Delegation{ID: "kaz", Name: "Kazakhstan", ArrivalAt: &arrival}
		}, "The Kazakhstan delegation arrives on 4 July at 10:30, after this meeting starts."},
		{"outside_summit_gives_dates_and_zone", func(in *RuleInput) {
			in.Meeting.StartsAt = time.Date(2024, 7, 5, 0, 10, 0, 0, rulesTestZone)
			in.Meeting.EndsAt = time.Date(2024, 7, 5, 0, 40, 0, 0, rulesTestZone)
		}, "The summit runs from 3 July to 4 July 2024 (Asia/Almaty time); this meeting falls outside those dates."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := rulesInput()
			tt.change(&in)
			got := CheckMeeting(in)
			if len(got) != 1 || got[0].Message != tt.want {
				t.Errorf("CheckMeeting = %+v\nwant one conflict with message %q", got, tt.want)
			}
		})
	}
}

// rulesBilateral is another bilateral from–to on day (a 2024-07 date) in
// the summit's zone, in Small Hall, holding members.
func rulesBilateral(id, kind string, day int, from, to string, members ...string) Booking {
	at := func(hhmm string) time.Time {
		h, _ := time.Parse("15:04", hhmm)
		return time.Date(2024, 7, day, h.Hour(), h.Minute(), 0, 0, rulesTestZone)
	}
	return Booking{MeetingID: id, Title: "Meeting " + id, Kind: kind, RoomID: "r2", VenueID: "v1",
		StartsAt: at(from), EndsAt: at(to), MemberIDs: members}
}

// TestRestTimeAndDailyLimit: the summit's rest and its daily cap on a
// head's bilaterals. A cancelled neighbour never reaches the rules (the
// repository reads draft and confirmed meetings only); the API tests cover it.
func TestRestTimeAndDailyLimit(t *testing.T) {
	rest := func(minutes int) func(in *RuleInput) { return func(in *RuleInput) { in.Summit.RestMinutes = minutes } }
	heads := func(limit int, others ...Booking) func(in *RuleInput) {
		return func(in *RuleInput) {
			in.Summit.MaxBilateralsPerDay = limit
			in.Attendees[1].IsHead = true // p-chn heads China; p-kaz is a member
			in.Others = others
		}
	}
	tests := []struct {
		name   string
		change func(in *RuleInput)
		want   []Conflict
	}{
		{"rest/off_when_0", func(in *RuleInput) {
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "09:00", "10:00", "p-chn")}
		}, nil},
		{"rest/touching_meeting_before", func(in *RuleInput) {
			rest(15)(in)
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "09:00", "10:00", "p-chn")}
		}, []Conflict{{Rule: RuleRestTime, MeetingID: "m2", MemberID: "p-chn"}}},
		{"rest/touching_meeting_after", func(in *RuleInput) {
			rest(15)(in)
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "11:00", "12:00", "p-kaz")}
		}, []Conflict{{Rule: RuleRestTime, MeetingID: "m2", MemberID: "p-kaz"}}},
		{"rest/exactly_enough_gap", func(in *RuleInput) {
			rest(15)(in)
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "09:00", "09:45", "p-chn"),
				rulesBooking("m3", "r2", "v1", "11:15", "12:00", "p-chn")}
		}, nil},
		{"rest/one_minute_short", func(in *RuleInput) {
			rest(15)(in)
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "09:00", "09:46", "p-chn")}
		}, []Conflict{{Rule: RuleRestTime, MeetingID: "m2", MemberID: "p-chn"}}},
		{"rest/only_the_nearest_neighbour_counts", func(in *RuleInput) {
			rest(15)(in)
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "08:00", "09:00", "p-chn"),
				rulesBooking("m3", "r2", "v1", "09:00", "09:45", "p-chn")}
		}, nil},
		{"rest/other_venue_adds_travel", func(in *RuleInput) {
			rest(15)(in)
			in.Others = []Booking{rulesBooking("m2", "r3", "v2", "08:00", "09:30", "p-chn")} // 30 minutes: travel is met, rest is not
		}, []Conflict{{Rule: RuleRestTime, MeetingID: "m2", MemberID: "p-chn"}}},
		{"rest/other_venue_with_rest_plus_travel", func(in *RuleInput) {
			rest(15)(in)
			in.Others = []Booking{rulesBooking("m2", "r3", "v2", "08:00", "09:15", "p-chn")}
		}, nil},
		{"rest/other_people_do_not_count", func(in *RuleInput) {
			rest(15)(in)
			in.Others = []Booking{rulesBooking("m2", "r2", "v1", "09:00", "10:00", "p-rus")}
		}, nil},

		{"daily_limit/off_when_0", heads(0, rulesBilateral("m2", "bilateral", 4, "08:00", "09:00", "p-chn")), nil},
		{"daily_limit/at_the_cap", heads(2, rulesBilateral("m2", "bilateral", 4, "08:00", "09:00", "p-chn")), nil},
		{"daily_limit/one_over", heads(1, rulesBilateral("m2", "bilateral", 4, "08:00", "09:00", "p-chn")),
			[]Conflict{{Rule: RuleDailyLimit, MemberID: "p-chn"}}},
		{"daily_limit/other_day", heads(1, rulesBilateral("m2", "bilateral", 3, "10:00", "11:00", "p-chn"),
			rulesBilateral("m3", "bilateral", 5, "00:00", "01:00", "p-chn")), nil},
		{"daily_limit/other_kinds_not_counted", heads(1, rulesBilateral("m2", "plenary", 4, "08:00", "09:00", "p-chn"),
			rulesBilateral("m3", "meal", 4, "12:00", "13:00", "p-chn")), nil},
		{"daily_limit/candidate_of_another_kind_not_counted", func(in *RuleInput) {
			heads(1, rulesBilateral("m2", "bilateral", 4, "08:00", "09:00", "p-chn"))(in)
			in.Meeting.Kind = "restricted"
		}, nil},
		{"daily_limit/a_member_who_is_not_head_not_counted", heads(1, rulesBilateral("m2", "bilateral", 4, "08:00", "09:00", "p-kaz")), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := rulesInput()
			tt.change(&in)
			got := CheckMeeting(in)
			var bare []Conflict
			for _, c := range got {
				c.Message = ""
				bare = append(bare, c)
			}
			if !reflect.DeepEqual(bare, tt.want) {
				t.Errorf("CheckMeeting:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestTravelTimesMinutes(t *testing.T) {
	travel := TravelTimes{{"v1", "v2"}: 30, {"v3", "v1"}: 12}
	tests := []struct {
		name     string
		from, to string
		want     int
		wantOK   bool
	}{
		{"same_venue_is_zero", "v1", "v1", 0, true},
		{"no_venue_is_zero", "", "v2", 0, true},
		{"given_direction", "v1", "v2", 30, true},
		{"reverse_direction_holds_too", "v2", "v1", 30, true},
		{"reverse_of_other_pair", "v1", "v3", 12, true},
		{"unknown_pair", "v2", "v3", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := travel.Minutes(tt.from, tt.to)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Minutes(%q, %q) = %d, %v; want %d, %v", tt.from, tt.to, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestNewTravelTimesFromVenues(t *testing.T) {
	travel := NewTravelTimes([]Venue{
		{ID: "v1", TravelMinutes: map[string]int{"v2": 20}},
		{ID: "v3", TravelMinutes: map[string]int{"v1": 15}},
	})
	for _, pair := range [][3]any{{"v2", "v1", 20}, {"v1", "v3", 15}} {
		if got, ok := travel.Minutes(pair[0].(string), pair[1].(string)); !ok || got != pair[2].(int) {
			t.Errorf("Minutes(%v, %v) = %d, %v; want %d", pair[0], pair[1], got, ok, pair[2])
		}
	}
}

func TestRuleOverridable(t *testing.T) {
	want := map[string]bool{
		RuleRoomOverlap: false, RuleMemberOverlap: false,
		RuleTravelTime: true, RuleRoomCapacity: true, RuleInterpretation: true,
		RuleDelegationPresence: true, RuleOutsideSummit: true,
		RuleRestTime: true, RuleDailyLimit: true,
		"no_such_rule": false,
	}
	if len(Rules) != 9 {
		t.Errorf("Rules has %d entries, want 9", len(Rules))
	}
	for rule, w := range want {
		if got := Overridable(rule); got != w {
			t.Errorf("Overridable(%q) = %v, want %v", rule, got, w)
		}
	}
}

func TestBlocking(t *testing.T) {
	all := []Conflict{
		{Rule: RuleRoomOverlap, MeetingID: "m2"},
		{Rule: RuleMemberOverlap, MeetingID: "m2"},
		{Rule: RuleTravelTime, MeetingID: "m3"},
		{Rule: RuleRoomCapacity},
	}
	tests := []struct {
		name      string
		conflicts []Conflict
		allow     []string
		want      []string // rules of the blocking conflicts
	}{
		{"nothing_allowed_blocks_all", all, nil, []string{RuleRoomOverlap, RuleMemberOverlap, RuleTravelTime, RuleRoomCapacity}},
		{"hard_rules_block_even_when_allowed", all, []string{RuleRoomOverlap, RuleMemberOverlap, RuleTravelTime, RuleRoomCapacity}, []string{RuleRoomOverlap, RuleMemberOverlap}},
		{"allowed_overridable_rule_does_not_block", all[2:], []string{RuleTravelTime}, []string{RuleRoomCapacity}},
		{"everything_allowed_gives_nil", all[2:], []string{RuleRoomCapacity, RuleTravelTime}, nil},
		{"no_conflicts_gives_nil", nil, []string{RuleTravelTime}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range Blocking(tt.conflicts, tt.allow) {
				got = append(got, c.Rule)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Blocking = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRuleUsedAllows(t *testing.T) {
	conflicts := []Conflict{{Rule: RuleRoomOverlap}, {Rule: RuleRoomCapacity}, {Rule: RuleTravelTime}, {Rule: RuleTravelTime}}
	got := UsedAllows(conflicts, []string{RuleRoomCapacity, RuleOutsideSummit, RuleTravelTime, RuleRoomOverlap})
	want := []string{RuleTravelTime, RuleRoomCapacity}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UsedAllows = %v, want %v", got, want)
	}
}

func TestRedactConflicts(t *testing.T) {
	in := []Conflict{
		{Rule: RuleRoomOverlap, Message: "Room Oval Hall is already booked for “Secret talks”.", MeetingID: "hidden", RoomID: "r1"},
		{Rule: RuleMemberOverlap, Message: "busy in “Secret talks”", MeetingID: "hidden", MemberID: "p1"},
		{Rule: RuleTravelTime, Message: "travel from “Secret talks”", MeetingID: "hidden", MemberID: "p2"},
		{Rule: RuleMemberOverlap, Message: "busy in “Open talks”", MeetingID: "shown", MemberID: "p1"},
		{Rule: RuleRoomCapacity, Message: "Room Oval Hall seats 20.", RoomID: "r1"},
	}
	want := []Conflict{
		{Rule: RuleRoomOverlap, Message: "The room is taken at this time.", RoomID: "r1"},
		{Rule: RuleMemberOverlap, Message: "A participant is busy at this time.", MemberID: "p1"},
		{Rule: RuleTravelTime, Message: "A participant cannot travel in time from or to another meeting.", MemberID: "p2"},
		in[3],
		in[4],
	}
	before := append([]Conflict(nil), in...)
	got := RedactConflicts(in, func(id string) bool { return id == "shown" })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("RedactConflicts:\n got %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(in, before) {
		t.Errorf("RedactConflicts changed its input: %+v", in)
	}
	for _, c := range got {
		if strings.Contains(c.Message, "Secret") {
			t.Errorf("redacted message still names the hidden meeting: %q", c.Message)
		}
	}
}
