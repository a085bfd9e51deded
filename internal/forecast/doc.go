// Package forecast is Steerco's Monte Carlo engine: a pure, deterministic,
// parallel simulation of a neutral Model (items, teams, correlation groups,
// or a throughput forecast) that knows nothing of calendars or storage.
//
// Run simulates Options.Trials trials. Each trial has its own random stream,
// derived from (Options.Seed, trial index), and trials are processed in
// blocks of 256 whose order-dependent sums are merged in trial order, so the
// Result is identical for any number of workers. Statistics are streamed:
// memory grows with items × histogram bins, never with items × trials
// (except Options.Samples, which streams one CSV row per trial, in order,
// and Options.Observe, which is handed every trial's starts and finishes,
// in order).
//
// A trial samples every item's duration (or effort) by inverting its CDF
// with one uniform per item (so Latin hypercube sampling, the one-factor
// Gaussian copula of correlation groups and common random numbers stay
// simple), adds the risks that fire, and schedules the items:
//
//   - without teams, by the critical path method (forward and backward pass
//     over items numbered in topological order);
//   - with teams, by a parallel schedule-generation scheme: at t = 0 and at
//     every finish (or earliest start), each team fills its free slots with
//     its highest-priority ready items; a started item is never interrupted;
//     each slot gets capacity/slots of the team's time-varying capacity, and
//     an item's finish is found by integrating that capacity exactly.
//     Like every non-preemptive list schedule it has Graham's anomalies: a
//     team may start a lower-priority item an instant before a higher-
//     priority one becomes ready, so more effort or a delay upstream (which
//     lets it wait and take the higher-priority item first) can make some
//     other item, or a milestone waiting on it, finish earlier. An item's
//     own finish never gets earlier with its own effort.
//
// The trial loop allocates nothing. See README.md for the model's JSON form,
// the statistics and their accuracy.
package forecast
