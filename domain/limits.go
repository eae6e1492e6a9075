package domain

// Limits of lists and numbers that no entity may exceed (the API documents
// them as maxItems and maximum).
const (
	MaxLanguages    = 20     // languages of a delegation, meeting or room
	MaxParticipants = 100    // delegations taking part in one meeting
	MaxSeats        = 100000 // seats a room has or a meeting expects
	MaxVenues       = 500    // venues one venue gives travel times to
)

// checkLanguages checks a list of language codes' length.
func checkLanguages(v *Validation, field string, languages []string) {
	v.Check(len(languages) <= MaxLanguages, field, "at most %d items", MaxLanguages)
}
