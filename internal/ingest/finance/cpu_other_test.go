//go:build !unix

package finance

func cpuSeconds() float64 { return 0 }
