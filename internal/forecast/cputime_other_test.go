//go:build !linux

package forecast

func threadCPU() (ns int64, ok bool) { return 0, false }

func processCPU() (ns int64, ok bool) { return 0, false }
