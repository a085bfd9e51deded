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
