-- Steerco portfolio file, schema version 1.
--
-- Conventions: ids are the domain's text ids; money is INTEGER minor units of
-- the portfolio's currency (portfolio.currency); dates are TEXT 'YYYY-MM-DD'
-- (NULL when unset); months are TEXT 'YYYY-MM'; timestamps are TEXT RFC 3339
-- with nanoseconds in UTC; fractions and estimates are REAL. Every foreign key
-- is DEFERRABLE INITIALLY DEFERRED, so one Update may write rows in any order
-- and the references are checked at COMMIT; the domain's Validate runs first
-- and reports dangling references as person-facing problems.

-- The portfolio's settings: exactly one row.
CREATE TABLE portfolio (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    name                    TEXT    NOT NULL,
    currency                TEXT    NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    fiscal_year_start_month INTEGER NOT NULL CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    planning_start          TEXT    NOT NULL CHECK (planning_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    workdays                TEXT    NOT NULL DEFAULT '', -- comma-separated weekdays, 0 = Sunday; '' = Monday–Friday
    confidentiality         TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE holidays (
    date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    name TEXT NOT NULL
);

CREATE TABLE teams (
    id                       TEXT    PRIMARY KEY,
    name                     TEXT    NOT NULL,
    headcount                REAL    NOT NULL CHECK (headcount >= 0),
    allocation               REAL    NOT NULL CHECK (allocation > 0 AND allocation <= 1),
    focus_factor             REAL    NOT NULL CHECK (focus_factor > 0 AND focus_factor <= 1),
    wip_limit                INTEGER NOT NULL CHECK (wip_limit >= 1),
    cost_per_fte_month_minor INTEGER NOT NULL CHECK (cost_per_fte_month_minor >= 0)
);

-- Hires (+) and departures (−) in the order the team lists them.
CREATE TABLE headcount_changes (
    team_id TEXT    NOT NULL REFERENCES teams (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos     INTEGER NOT NULL,
    date    TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    delta   REAL    NOT NULL,
    note    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (team_id, pos)
) WITHOUT ROWID;

CREATE TABLE products (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE items (
    id                    TEXT    PRIMARY KEY,
    title                 TEXT    NOT NULL,
    product_id            TEXT    REFERENCES products (id) DEFERRABLE INITIALLY DEFERRED,
    team_id               TEXT    NOT NULL REFERENCES teams (id) DEFERRABLE INITIALLY DEFERRED,
    estimate_low          REAL    NOT NULL CHECK (estimate_low >= 0),
    estimate_likely       REAL    NOT NULL CHECK (estimate_likely >= 0),
    estimate_high         REAL    NOT NULL CHECK (estimate_high >= 0),
    estimate_count        INTEGER NOT NULL DEFAULT 0 CHECK (estimate_count >= 0),
    remaining_days        REAL    CHECK (remaining_days >= 0), -- NULL: the whole estimate remains
    rank                  INTEGER NOT NULL CHECK (rank >= 0),
    status                TEXT    NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'cancelled')),
    start_no_earlier_than TEXT    CHECK (start_no_earlier_than GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    target                TEXT    CHECK (target GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    commitment            TEXT    NOT NULL CHECK (commitment IN ('committed', 'planned', 'stretch')),
    increment             TEXT    NOT NULL DEFAULT '',
    notes                 TEXT    NOT NULL DEFAULT '',
    source                TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX items_team ON items (team_id);
CREATE INDEX items_product ON items (product_id);

CREATE TABLE item_tags (
    item_id TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos     INTEGER NOT NULL,
    tag     TEXT    NOT NULL,
    PRIMARY KEY (item_id, pos)
) WITHOUT ROWID;
CREATE INDEX item_tags_tag ON item_tags (tag);

-- Finish-to-start: item_id starts after depends_on finishes, plus lag_days working days.
CREATE TABLE dependencies (
    item_id    TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    depends_on TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    lag_days   INTEGER NOT NULL DEFAULT 0 CHECK (lag_days >= 0),
    PRIMARY KEY (item_id, depends_on),
    CHECK (item_id <> depends_on)
) WITHOUT ROWID;
CREATE INDEX dependencies_depends_on ON dependencies (depends_on);

CREATE TABLE milestones (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    date    TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind    TEXT NOT NULL DEFAULT '',
    penalty TEXT NOT NULL DEFAULT ''
);

CREATE TABLE milestone_items (
    milestone_id TEXT    NOT NULL REFERENCES milestones (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos          INTEGER NOT NULL,
    item_id      TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (milestone_id, pos)
) WITHOUT ROWID;
CREATE INDEX milestone_items_item ON milestone_items (item_id);

CREATE TABLE risks (
    id                TEXT PRIMARY KEY,
    title             TEXT NOT NULL,
    category          TEXT NOT NULL CHECK (category IN ('compliance', 'security', 'vendor', 'technical_debt', 'people', 'delivery')),
    probability       REAL NOT NULL CHECK (probability >= 0 AND probability <= 1),
    impact_days       REAL NOT NULL CHECK (impact_days >= 0),
    cost_impact_minor INTEGER NOT NULL DEFAULT 0,
    owner             TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL CHECK (status IN ('open', 'mitigating', 'accepted', 'closed')),
    mitigation        TEXT NOT NULL DEFAULT '',
    signed_off_by     TEXT NOT NULL DEFAULT '',
    signed_off_on     TEXT CHECK (signed_off_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);

CREATE TABLE risk_items (
    risk_id TEXT    NOT NULL REFERENCES risks (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos     INTEGER NOT NULL,
    item_id TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (risk_id, pos)
) WITHOUT ROWID;
CREATE INDEX risk_items_item ON risk_items (item_id);

CREATE TABLE budget_lines (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('headcount', 'contractors', 'tooling', 'infrastructure', 'vendor_contracts', 'other')),
    cost_centre TEXT NOT NULL DEFAULT '',
    spend       TEXT NOT NULL CHECK (spend IN ('capex', 'opex')),
    team_id     TEXT REFERENCES teams (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX budget_lines_team ON budget_lines (team_id);

-- One amount per line, scenario and month.
CREATE TABLE budget_amounts (
    line_id  TEXT    NOT NULL REFERENCES budget_lines (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    scenario TEXT    NOT NULL CHECK (scenario IN ('plan', 'actual')),
    month    TEXT    NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    minor    INTEGER NOT NULL,
    PRIMARY KEY (line_id, scenario, month)
) WITHOUT ROWID;

CREATE TABLE deployments (
    id          TEXT    PRIMARY KEY,
    service     TEXT    NOT NULL DEFAULT '',
    deployed_at TEXT    NOT NULL,
    failed      INTEGER NOT NULL DEFAULT 0 CHECK (failed IN (0, 1))
);

-- deployment_id and incidents.deployment_id are free text: delivery data is
-- imported from other tools and may name deployments Steerco never saw.
CREATE TABLE changes (
    id            TEXT PRIMARY KEY,
    service       TEXT NOT NULL DEFAULT '',
    committed_at  TEXT NOT NULL,
    deployed_at   TEXT NOT NULL,
    deployment_id TEXT NOT NULL DEFAULT ''
);

CREATE TABLE incidents (
    id            TEXT PRIMARY KEY,
    service       TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    severity      TEXT NOT NULL DEFAULT '',
    started_at    TEXT NOT NULL,
    resolved_at   TEXT, -- NULL while open
    deployment_id TEXT NOT NULL DEFAULT ''
);

CREATE TABLE snapshots (
    id       TEXT    PRIMARY KEY,
    name     TEXT    NOT NULL,
    taken_on TEXT    CHECK (taken_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    trials   INTEGER NOT NULL DEFAULT 0,
    seed     INTEGER NOT NULL DEFAULT 0 -- the uint64 seed's bits, stored as a signed 64-bit integer
);

-- A frozen forecast keeps the ids it was taken with, even after those items
-- or milestones are removed: no foreign key to items.
CREATE TABLE snapshot_results (
    snapshot_id TEXT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    kind        TEXT NOT NULL,
    id          TEXT NOT NULL,
    p50         TEXT,
    p85         TEXT,
    probability REAL NOT NULL,
    PRIMARY KEY (snapshot_id, kind, id)
) WITHOUT ROWID;

-- One row per Update call (the unit of undo). action is what the person did
-- ("edit item", "import finance actuals.xlsx", "undo: edit item"); label is
-- the original action an undo or redo refers to.
CREATE TABLE batches (
    batch  INTEGER PRIMARY KEY,
    at     TEXT    NOT NULL,
    action TEXT    NOT NULL,
    label  TEXT    NOT NULL
);

-- Every change, field by field. action is create, update or delete; old and
-- new hold JSON values ('' when the field was absent). A create holds the
-- whole entity in new, a delete the whole entity in old.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    batch     INTEGER NOT NULL REFERENCES batches (batch) DEFERRABLE INITIALLY DEFERRED,
    action    TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL DEFAULT '',
    field     TEXT    NOT NULL DEFAULT '',
    old       TEXT    NOT NULL DEFAULT '',
    new       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_batch ON audit_log (batch);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- The audit log and its batches are append-only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END;
CREATE TRIGGER batches_no_update BEFORE UPDATE ON batches
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: batches cannot be changed'); END;
CREATE TRIGGER batches_no_delete BEFORE DELETE ON batches
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: batches cannot be deleted'); END;

-- Undo and redo stacks: which batches can be undone (stack 'undo') or redone
-- (stack 'redo'); the top of each stack is its highest batch number.
CREATE TABLE history (
    batch INTEGER PRIMARY KEY REFERENCES batches (batch) DEFERRABLE INITIALLY DEFERRED,
    stack TEXT    NOT NULL CHECK (stack IN ('undo', 'redo'))
);
