package mapdata

import (
	"fmt"
	"time"
)

// Date is a calendar date as content files write it: "2025-11-16", or
// "2025-11" and "2025" when only the month or year is known. The zero Date
// means "none" (an open end).
type Date string

// ParseDate checks s. full requires a day.
//
// Written out rather than with a regexp and time.Parse: content holds
// hundreds of dates, and in the browser both (their code run for the
// first time, then recompiled by V8 in the background) cost the first
// frame more than the checks themselves.
func ParseDate(s string, full bool) (Date, error) {
	if !dateShape(s) {
		return "", fmt.Errorf("%q is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", s)
	}
	if full && len(s) != len("2006-01-02") {
		return "", fmt.Errorf("%q needs a day (YYYY-MM-DD)", s)
	}
	start := Date(s).Start()
	y, m, d := digits(string(start[:4])), digits(string(start[5:7])), digits(string(start[8:]))
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return "", fmt.Errorf("%q is not a calendar date", s)
	}
	return Date(s), nil
}

// dateShape reports whether s is YYYY, YYYY-MM or YYYY-MM-DD in digits.
func dateShape(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := range len(s) {
		if (i == 4 || i == 7) != (s[i] == '-') || s[i] != '-' && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// digits is the number s writes in decimal digits.
func digits(s string) int {
	n := 0
	for i := range len(s) {
		n = 10*n + int(s[i]-'0')
	}
	return n
}

// daysIn is the number of days in month m of year y (Gregorian).
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
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

// Today is the current UTC date. (Each frame asks: written out, as
// time.Format is slow code in the browser.)
func Today() Date {
	y, m, d := time.Now().UTC().Date()
	b := make([]byte, 0, 10)
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+d/10), byte('0'+d%10))
	return Date(b)
}

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
