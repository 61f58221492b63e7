package mapdata

import (
	"fmt"
	"regexp"
	"time"
)

// Date is a calendar date as content files write it: "2025-11-16", or
// "2025-11" and "2025" when only the month or year is known. The zero Date
// means "none" (an open end).
type Date string

var datePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// ParseDate checks s. full requires a day.
func ParseDate(s string, full bool) (Date, error) {
	if !datePattern.MatchString(s) {
		return "", fmt.Errorf("%q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", s)
	}
	if full && len(s) != len("2006-01-02") {
		return "", fmt.Errorf("%q needs a day (YYYY-MM-DD)", s)
	}
	if _, err := time.Parse("2006-01-02", string(Date(s).Start())); err != nil {
		return "", fmt.Errorf("%q is not a calendar date", s)
	}
	return Date(s), nil
}

// Start is the first day the date covers, as YYYY-MM-DD, so dates compare
// as strings.
func (d Date) Start() Date {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

// Today is the current UTC date.
func Today() Date { return Date(time.Now().UTC().Format("2006-01-02")) }

// OrToday is d, or Today for the zero date (a view's "now").
func (d Date) OrToday() Date {
	if d == "" {
		return Today()
	}
	return d
}

// InForce reports whether a span [since, until) covers day; a zero since or
// until leaves that side open.
func InForce(since, until, day Date) bool {
	return (since == "" || since.Start() <= day) && (until == "" || day < until.Start())
}
