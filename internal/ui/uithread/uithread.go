// Package uithread is how screens start work off the UI goroutine and hand
// its results back: Go starts the work, Do hands a function to the UI
// goroutine, AfterFunc runs one later. In the app they are exactly `go`,
// fyne.Do and time.AfterFunc.
//
// Under Fyne's test driver fyne.Do runs its function at once on the calling
// goroutine, so a result handed back from a goroutine would touch widgets
// while the test reads or taps them, and a goroutine outliving its test
// would touch the next test's Fyne app. A test therefore calls Test (the
// uitest harness does): from then on the goroutines Go and AfterFunc start
// are counted, and what Do is given waits in a queue until the test's
// goroutine runs it, at a wait point: Drain, Until, Receive, Settle, and the
// test's cleanup, which settles (runs the queue and waits until every
// goroutine started has ended) before the next test begins.
package uithread

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// loop is a test's queue of UI functions and count of goroutines running.
type loop struct {
	mu      sync.Mutex
	queue   []func()
	running int
	wake    chan struct{} // signalled (without blocking) when queue or running changes
}

// current is the installed test loop; nil in the app.
var current atomic.Pointer[loop]

func (l *loop) signal() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

func (l *loop) add() {
	l.mu.Lock()
	l.running++
	l.mu.Unlock()
}

func (l *loop) finish() {
	l.mu.Lock()
	l.running--
	l.mu.Unlock()
	l.signal()
}

func (l *loop) push(fn func()) {
	l.mu.Lock()
	l.queue = append(l.queue, fn)
	l.mu.Unlock()
	l.signal()
}

// drain runs the queued functions, and those they queue, in order.
func (l *loop) drain() {
	for {
		l.mu.Lock()
		if len(l.queue) == 0 {
			l.mu.Unlock()
			return
		}
		fn := l.queue[0]
		l.queue = l.queue[1:]
		l.mu.Unlock()
		fn()
	}
}

func (l *loop) idle() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.running == 0 && len(l.queue) == 0
}

// Go runs fn on a new goroutine. fn must not touch widgets: it hands what
// it found to the UI goroutine with Do.
func Go(fn func()) {
	l := current.Load()
	if l == nil {
		go fn()
		return
	}
	l.add()
	go func() {
		defer l.finish()
		fn()
	}()
}

// Do runs fn on the UI goroutine: fyne.Do in the app; in a test, fn waits
// for the test's next wait point. Call it from a goroutine, never from a
// callback already on the UI goroutine.
func Do(fn func()) {
	if l := current.Load(); l != nil {
		l.push(fn)
		return
	}
	fyne.Do(fn)
}

// Timer is a pending AfterFunc.
type Timer struct {
	t *time.Timer
	l *loop
}

// AfterFunc calls fn on its own goroutine after d (time.AfterFunc); fn
// hands its work to the UI goroutine with Do.
func AfterFunc(d time.Duration, fn func()) *Timer {
	l := current.Load()
	if l == nil {
		return &Timer{t: time.AfterFunc(d, fn)}
	}
	l.add()
	return &Timer{t: time.AfterFunc(d, func() {
		defer l.finish()
		fn()
	}), l: l}
}

// Stop stops the timer; it reports whether fn will now never be called.
func (t *Timer) Stop() bool {
	stopped := t.t.Stop()
	if stopped && t.l != nil {
		t.l.finish()
	}
	return stopped
}

// Test makes Go, Do and AfterFunc testable until t ends (see the package
// comment). Call it on the test's goroutine after test.NewTempApp, so that
// its cleanup (Settle, for up to two minutes) runs before the app's. A
// second call in the same test, or in a subtest, shares the first's queue
// and settles at its own end.
func Test(t testing.TB) {
	t.Helper()
	if current.Load() != nil {
		t.Cleanup(func() { settleIn(t) })
		return
	}
	current.Store(&loop{wake: make(chan struct{}, 1)})
	t.Cleanup(func() {
		settleIn(t)
		current.Store(nil)
	})
}

func settleIn(t testing.TB) {
	if err := Settle(2 * time.Minute); err != nil {
		t.Error(err)
	}
}

// Drain runs on the calling (test) goroutine the functions handed to Do
// so far, and those they hand on; it does not wait for goroutines.
func Drain() {
	if l := current.Load(); l != nil {
		l.drain()
	}
}

// Until runs what Do is given, as it comes, until cond (called on this
// goroutine after each batch) is true or within has passed; it reports
// whether cond became true. Without Test it only polls cond.
func Until(within time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(within)
	defer deadline.Stop()
	l := current.Load()
	for {
		if l != nil {
			l.drain()
		}
		if cond() {
			return true
		}
		var wake <-chan struct{}
		var poll <-chan time.Time
		if l != nil {
			wake = l.wake
		} else {
			poll = time.After(10 * time.Millisecond)
		}
		select {
		case <-wake:
		case <-poll:
		case <-deadline.C:
			if l != nil {
				l.drain()
			}
			return cond()
		}
	}
}

// Receive runs what Do is given until a value arrives on ch, for up to
// within; ok is false when none did.
func Receive[T any](ch <-chan T, within time.Duration) (v T, ok bool) {
	Until(within, func() bool {
		select {
		case v, ok = <-ch:
			return true
		default:
			return false
		}
	})
	return v, ok
}

// Settle runs what Do is given until every goroutine Go and AfterFunc
// started has ended and nothing is left to run, for up to within.
func Settle(within time.Duration) error {
	l := current.Load()
	if l == nil {
		return nil
	}
	if !Until(within, l.idle) {
		l.mu.Lock()
		n := l.running
		l.mu.Unlock()
		return fmt.Errorf("uithread: %d goroutines still running after %v", n, within)
	}
	return nil
}
