package domain

import "time"

// localDay returns the first instant of the local date written as
// 2006-01-02 in loc, and the first instant of the next date: a day's bounds,
// also where a clock change skips midnight (the day then starts at the
// change) or makes a day 23 or 25 hours long.
func localDay(date string, loc *time.Location) (start, end time.Time, err error) {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	return startOfDay(d, loc), startOfDay(d.AddDate(0, 0, 1), loc), nil
}

// startOfDay returns the first instant in loc of the calendar date of d.
func startOfDay(d time.Time, loc *time.Location) time.Time {
	y, m, day := d.Date()
	t := time.Date(y, m, day, 0, 0, 0, 0, loc)
	if ty, tm, td := t.Date(); ty != y || tm != m || td != day { // midnight was skipped: the day starts at the change
		_, end := t.ZoneBounds()
		return end
	}
	return t
}
