package plan

import (
	"fmt"
	"sort"
)

// TeamItems returns the indexes in p.Items of the items of team teamID in
// priority order: by rank, then by id for equal ranks.
func (p *Portfolio) TeamItems(teamID string) []int {
	var idx []int
	for i := range p.Items {
		if p.Items[i].TeamID == teamID {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := &p.Items[idx[a]], &p.Items[idx[b]]
		if x.Rank != y.Rank {
			return x.Rank < y.Rank
		}
		return x.ID < y.ID
	})
	return idx
}

// MoveItem moves item id up (delta < 0) or down (delta > 0) by one place in
// its team's priority order. The team's items are first numbered 1, 2, 3 …
// in their current order (so equal or sparse ranks become distinct), then
// the item swaps ranks with its neighbour. It returns an *Error when the
// item does not exist or is already first (or last).
func (p *Portfolio) MoveItem(id string, delta int) error {
	it := p.Item(id)
	if it == nil {
		return Errorf(ENOTFOUND, "Item %q does not exist.", id)
	}
	order := p.TeamItems(it.TeamID)
	pos := -1
	for k, i := range order {
		p.Items[i].Rank = k + 1
		if p.Items[i].ID == id {
			pos = k
		}
	}
	next := pos + 1
	if delta < 0 {
		next = pos - 1
	}
	if next < 0 {
		return &Error{Code: EINVALID, Message: fmt.Sprintf("%s is already first in its team's priorities.", id),
			Problems: []Problem{{Entity: "item", ID: id, Field: "rank", Message: "Already first in its team's priorities."}}}
	}
	if next >= len(order) {
		return &Error{Code: EINVALID, Message: fmt.Sprintf("%s is already last in its team's priorities.", id),
			Problems: []Problem{{Entity: "item", ID: id, Field: "rank", Message: "Already last in its team's priorities."}}}
	}
	a, b := &p.Items[order[pos]], &p.Items[order[next]]
	a.Rank, b.Rank = b.Rank, a.Rank
	return nil
}

// DeleteItem removes item id from the portfolio. Items, milestones and risks
// that refer to it are left as they are, so validating the result names
// each of them; it returns an *Error when the item does not exist.
func (p *Portfolio) DeleteItem(id string) error {
	for i := range p.Items {
		if p.Items[i].ID == id {
			p.Items = append(p.Items[:i], p.Items[i+1:]...)
			return nil
		}
	}
	return Errorf(ENOTFOUND, "Item %q does not exist.", id)
}
