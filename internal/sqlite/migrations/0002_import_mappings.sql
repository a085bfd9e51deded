-- Steerco portfolio file, schema version 2: saved import mappings, so next
-- month's finance workbook or Jira export imports with no questions.

CREATE TABLE import_mappings (
    id   TEXT PRIMARY KEY, -- the source's key, e.g. 'finance:actuals-by-cost-centre'
    kind TEXT NOT NULL     -- finance, jira, msproject, gantt, delivery
);

-- The mapping's three dictionaries: portfolio field → source column
-- (section 'fields'), source value → portfolio id ('values'), and format
-- options ('options').
CREATE TABLE import_mapping_entries (
    mapping_id TEXT NOT NULL REFERENCES import_mappings (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    section    TEXT NOT NULL CHECK (section IN ('fields', 'values', 'options')),
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (mapping_id, section, key)
) WITHOUT ROWID;
