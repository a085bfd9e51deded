package msproject

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseDuration reads an MSPDI duration, an ISO 8601 form such as
// "PT8H0M0S", "PT0H1M0S", "-PT4H0M0S" or "P1DT2H30M0.5S", and returns it in
// minutes. Days count 24 hours; years and months are refused (MSPDI does not
// write them). The empty string is an error.
func ParseDuration(s string) (float64, error) {
	s = strings.TrimSpace(s)
	orig := s
	if len(s) > 64 {
		return 0, fmt.Errorf("duration %.20q… is too long", s)
	}
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	if !strings.HasPrefix(s, "P") || len(s) < 2 {
		return 0, fmt.Errorf("%q is not a duration such as PT8H0M0S", orig)
	}
	s = s[1:]
	inTime := false
	total := 0.0
	seen := false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return 0, fmt.Errorf("%q is not a duration such as PT8H0M0S", orig)
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, fmt.Errorf("%q is not a duration such as PT8H0M0S", orig)
		}
		v, err := strconv.ParseFloat(s[:i], 64)
		if err != nil || math.IsInf(v, 0) || v > 1e12 {
			return 0, fmt.Errorf("%q is not a duration such as PT8H0M0S", orig)
		}
		unit := s[i]
		s = s[i+1:]
		seen = true
		switch {
		case !inTime && unit == 'D':
			total += v * 24 * 60
		case !inTime && unit == 'W':
			total += v * 7 * 24 * 60
		case inTime && unit == 'H':
			total += v * 60
		case inTime && unit == 'M':
			total += v
		case inTime && unit == 'S':
			total += v / 60
		default:
			return 0, fmt.Errorf("%q uses a unit (%c) MS Project durations do not use", orig, unit)
		}
	}
	if !seen {
		return 0, fmt.Errorf("%q is not a duration such as PT8H0M0S", orig)
	}
	if neg {
		total = -total
	}
	return total, nil
}

// Elapsed reports whether a DurationFormat code counts calendar (elapsed)
// time rather than working time: em 4, eh 6, ed 8, ew 10, emo 12, e% 20
// and their estimated variants 36, 38, 40, 42, 44, 52.
func Elapsed(format int) bool {
	switch format {
	case 4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52:
		return true
	}
	return false
}

// Days converts an MSPDI duration string to days. Working formats (m, h,
// d, w, mo, and the null or unset format) divide the working minutes by
// the file's minutes per day; elapsed formats divide by 1,440 minutes, so
// PT24H0M0S is 3 working days at 480 minutes a day but 1 elapsed day.
func Days(s string, format int, minutesPerDay float64) (float64, error) {
	min, err := ParseDuration(s)
	if err != nil {
		return 0, err
	}
	return min / minutesPer(format, minutesPerDay), nil
}

// defaultMinutesPerDay is MS Project's working day (8 hours) when a file
// states none.
const defaultMinutesPerDay = 480

// minutesPer is how many minutes make one day of a duration or lag in
// format: 1,440 for the elapsed formats, else the file's minutes per day
// (defaultMinutesPerDay when it states none).
func minutesPer(format int, minutesPerDay float64) float64 {
	switch {
	case Elapsed(format):
		return 24 * 60
	case minutesPerDay <= 0:
		return defaultMinutesPerDay
	}
	return minutesPerDay
}
