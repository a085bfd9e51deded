// Package settle lays a container out twice, so that text which wraps takes
// the height it needs at the width it is given. A box layout asks each
// label for its height before giving it its new width; a wrapping label
// answers for the width it had, and after a resize the lines below it
// overlap it until something lays the box out again.
package settle

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

type twice struct{ l fyne.Layout }

func (t twice) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	t.l.Layout(objs, size) // gives every wrapping label its width
	t.l.Layout(objs, size) // and now each says the height it needs there
}

func (t twice) MinSize(objs []fyne.CanvasObject) fyne.Size { return t.l.MinSize(objs) }

// VBox is container.NewVBox laid out twice.
func VBox(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(twice{layout.NewVBoxLayout()}, objs...)
}

// Border is container.NewBorder laid out twice.
func Border(top, bottom, left, right fyne.CanvasObject, objs ...fyne.CanvasObject) *fyne.Container {
	all := append([]fyne.CanvasObject{}, objs...)
	for _, o := range []fyne.CanvasObject{top, bottom, left, right} {
		if o != nil {
			all = append(all, o)
		}
	}
	return container.New(twice{layout.NewBorderLayout(top, bottom, left, right)}, all...)
}
