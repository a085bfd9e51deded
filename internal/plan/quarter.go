package plan

import (
	"strconv"
	"strings"
)

// ParseQuarter parses "2027-Q1" (the form Quarter.String writes).
func ParseQuarter(s string) (Quarter, error) {
	y, q, ok := strings.Cut(s, "-Q")
	year, err1 := strconv.Atoi(y)
	n, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || len(y) != 4 || n < 1 || n > 4 {
		return Quarter{}, Errorf(EINVALID, "%q is not a quarter; write quarters as YYYY-Qn, for example 2027-Q1.", s)
	}
	return Quarter{Year: year, Q: n}, nil
}

// MarshalText writes the quarter as "2027-Q1", so it reads the same in JSON as in reports.
func (q Quarter) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// UnmarshalText reads "2027-Q1".
func (q *Quarter) UnmarshalText(b []byte) error {
	v, err := ParseQuarter(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}
