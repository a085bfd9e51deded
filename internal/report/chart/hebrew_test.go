package chart

import (
	"bytes"
	"testing"
)

// A Hebrew label on a chart image (the deck's roadmap slide) is drawn in
// the Hebrew font and in display order: the same pixels as the Hebrew face
// drawing the reversed word, not the Go font's boxes.
func TestHebrewLabelsDrawHebrew(t *testing.T) {
	draw := func(f func(c *pngCanvas)) []byte {
		c, err := newPNGCanvas(40, 8, 300)
		if err != nil {
			t.Fatal(err)
		}
		f(c)
		return c.img.Pix
	}
	label := draw(func(c *pngCanvas) { c.text(1, 1, 38, 6, "שלום", 9, false, cInk, 'l') })
	byHand := draw(func(c *pngCanvas) {
		c.draw([]piece{{"םולש", c.hebFace(9, false)}}, c.face(9, false), 1, 1, 6, cInk)
	})
	if !bytes.Equal(label, byHand) {
		t.Error("the label is not the Hebrew face's drawing of the word in display order")
	}
	boxes := draw(func(c *pngCanvas) { c.draw([]piece{{"שלום", c.face(9, false)}}, c.face(9, false), 1, 1, 6, cInk) })
	if bytes.Equal(label, boxes) {
		t.Error("the label is the Go font's drawing: the test shows nothing")
	}
	c, _ := newPNGCanvas(1, 1, 254)
	if w, g := c.measure("Plan שלום", 9, true), c.measure("Plan ", 9, true); !(w > g) {
		t.Errorf("a mixed label measures %.2f mm, its Latin part alone %.2f", w, g)
	}
}
