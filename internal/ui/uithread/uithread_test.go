package uithread

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// In a test, what a goroutine hands to Do runs on the test's goroutine at
// a wait point, in order, and Settle waits for the goroutines to end.
func TestDoWaitsForTheTestsWaitPoint(t *testing.T) {
	test.NewTempApp(t)
	Test(t)
	var got []int // touched on the test goroutine only: -race checks it
	release := make(chan struct{})
	Go(func() {
		Do(func() { got = append(got, 1) })
		<-release
		Do(func() { got = append(got, 2) })
	})
	if !Until(time.Minute, func() bool { return len(got) == 1 }) {
		t.Fatal("the first function never ran")
	}
	close(release)
	if err := Settle(time.Minute); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1] != 2 {
		t.Fatalf("ran %v, want [1 2]", got)
	}
	// Nothing runs between wait points.
	done := make(chan struct{})
	Go(func() {
		Do(func() { got = append(got, 3) })
		close(done)
	})
	<-done
	if len(got) != 2 {
		t.Fatalf("ran %v before a wait point", got)
	}
	Drain()
	if len(got) != 3 {
		t.Fatalf("Drain ran %v", got)
	}
}

// A stopped AfterFunc no longer counts as running; a pending one does.
func TestAfterFunc(t *testing.T) {
	test.NewTempApp(t)
	Test(t)
	if !AfterFunc(time.Hour, func() {}).Stop() {
		t.Fatal("Stop of a pending timer reported false")
	}
	if err := Settle(time.Second); err != nil {
		t.Fatal(err)
	}
	ran := false
	AfterFunc(time.Millisecond, func() { Do(func() { ran = true }) })
	if err := Settle(time.Minute); err != nil || !ran {
		t.Fatalf("Settle: %v, ran %v", err, ran)
	}
}

func TestReceive(t *testing.T) {
	test.NewTempApp(t)
	Test(t)
	ch := make(chan int, 1)
	Go(func() { Do(func() { ch <- 7 }) })
	if v, ok := Receive(ch, time.Minute); !ok || v != 7 {
		t.Fatalf("Receive = %d, %v", v, ok)
	}
	if _, ok := Receive(make(chan int), 10*time.Millisecond); ok {
		t.Fatal("Receive on a silent channel reported a value")
	}
}
