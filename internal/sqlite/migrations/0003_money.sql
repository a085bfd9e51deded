-- Steerco portfolio file, schema version 3. This one migration holds every
-- schema change of the session; each part is appended, never edited.

-- Money on the schedule: a milestone's penalty in money (a lump sum when it
-- is late, an amount per working or calendar day late, or both; the free
-- text stays in milestones.penalty) and a commitment's cost of delay per
-- week after its target. Amounts are minor units of portfolio.currency.
ALTER TABLE milestones ADD COLUMN penalty_lump_sum_minor INTEGER NOT NULL DEFAULT 0 CHECK (penalty_lump_sum_minor >= 0);
ALTER TABLE milestones ADD COLUMN penalty_per_day_minor INTEGER NOT NULL DEFAULT 0 CHECK (penalty_per_day_minor >= 0);
ALTER TABLE milestones ADD COLUMN penalty_days TEXT NOT NULL DEFAULT '' CHECK (penalty_days IN ('', 'working', 'calendar'));
ALTER TABLE items ADD COLUMN cost_of_delay_per_week_minor INTEGER NOT NULL DEFAULT 0 CHECK (cost_of_delay_per_week_minor >= 0);

-- The portfolio's hiring assumptions for the Decisions page, in weeks
-- (0 = the policy's default).
ALTER TABLE portfolio ADD COLUMN hiring_lead_weeks INTEGER NOT NULL DEFAULT 0 CHECK (hiring_lead_weeks >= 0);
ALTER TABLE portfolio ADD COLUMN ramp_up_weeks INTEGER NOT NULL DEFAULT 0 CHECK (ramp_up_weeks >= 0);

-- Saved scenarios: named, described what-ifs kept beside the plan of record.
CREATE TABLE scenarios (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

-- A scenario's changes, in the order they apply. Which columns matter
-- depends on kind (see internal/scenario). References to items, teams,
-- risks and milestones are not foreign keys: a saved scenario outlives
-- what it names and reports the change that no longer applies.
CREATE TABLE scenario_changes (
    scenario_id TEXT NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    team        TEXT NOT NULL DEFAULT '',
    item        TEXT NOT NULL DEFAULT '',
    risk        TEXT NOT NULL DEFAULT '',
    milestone   TEXT NOT NULL DEFAULT '',
    fte         REAL NOT NULL DEFAULT 0,
    percent     REAL NOT NULL DEFAULT 0,
    value       REAL NOT NULL DEFAULT 0,
    text        TEXT NOT NULL DEFAULT '',
    date        TEXT,             -- YYYY-MM-DD
    by_whom     TEXT NOT NULL DEFAULT '',
    cost_minor  INTEGER NOT NULL DEFAULT 0, -- a stated cost change, minor units of the portfolio's currency
    new_item    TEXT,             -- an item the scenario adds, as its JSON interchange object
    PRIMARY KEY (scenario_id, pos)
) WITHOUT ROWID;

-- Actual dates of an item: when work began and when it was done
-- (YYYY-MM-DD, NULL = not recorded). Calibration scores forecasts against
-- them; a done item without finished_on is reported, never guessed.
ALTER TABLE items ADD COLUMN started_on TEXT CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE items ADD COLUMN finished_on TEXT CHECK (finished_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- The director's own words for the decision sheet's ask ('' = the
-- generated ask).
ALTER TABLE portfolio ADD COLUMN decision_note TEXT NOT NULL DEFAULT '';
