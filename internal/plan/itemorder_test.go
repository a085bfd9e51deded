package plan

import (
	"strings"
	"testing"
)

func orderPortfolio() *Portfolio {
	return &Portfolio{Items: []Item{
		{ID: "c", TeamID: "t", Rank: 5},
		{ID: "a", TeamID: "t", Rank: 2},
		{ID: "x", TeamID: "u", Rank: 1},
		{ID: "b", TeamID: "t", Rank: 2},
	}}
}

func ranks(p *Portfolio) string {
	var b strings.Builder
	for _, it := range p.Items {
		b.WriteString(it.ID)
		b.WriteByte('=')
		b.WriteByte(byte('0' + it.Rank))
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

func TestMoveItem(t *testing.T) {
	cases := []struct {
		name  string
		id    string
		delta int
		want  string
		err   string
	}{
		{"up renumbers ties then swaps", "b", -1, "c=3 a=2 x=1 b=1", ""},
		{"down", "a", +1, "c=3 a=2 x=1 b=1", ""},
		{"last moves up", "c", -1, "c=2 a=1 x=1 b=3", ""},
		{"first cannot move up", "a", -1, "", "already first"},
		{"last cannot move down", "c", +1, "", "already last"},
		{"other team untouched", "x", +1, "", "already last"},
		{"unknown", "zz", -1, "", "does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := orderPortfolio()
			err := p.MoveItem(c.id, c.delta)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := ranks(p); got != c.want {
				t.Errorf("ranks %s, want %s", got, c.want)
			}
		})
	}
}

func TestDeleteItemLeavesReferencesForValidate(t *testing.T) {
	p := orderPortfolio()
	p.Items[0].DependsOn = []Dependency{{ItemID: "a"}}
	if err := p.DeleteItem("a"); err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 3 || p.Item("a") != nil {
		t.Fatalf("items after delete: %+v", p.Items)
	}
	if err := p.DeleteItem("a"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("deleting twice: %v", err)
	}
	if p.Items[0].DependsOn[0].ItemID != "a" {
		t.Error("DeleteItem removed the dependent's link; Validate must see it")
	}
}
