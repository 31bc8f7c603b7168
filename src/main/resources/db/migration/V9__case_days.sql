-- Issue 12, scale: the dashboard's tallies of each settled UTC day (every case that counts for it is closed),
-- added up once from rebound_case by casebook.DayTallies and kept: a JSON object of per-severity tallies (counts,
-- sums and the minutes' spread). A period then costs one row per day whatever the number of cases. Deleting rows
-- is always safe: they are added up again when next asked for.
CREATE TABLE rebound_case_day (
  tally_day DATE NOT NULL PRIMARY KEY,
  tallies VARCHAR(200000) NOT NULL,
  built_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The day, week and month columns V8 stored for GROUP BY are no longer read: the tallies are per day.
ALTER TABLE rebound_case DROP COLUMN opened_day;
ALTER TABLE rebound_case DROP COLUMN opened_week;
ALTER TABLE rebound_case DROP COLUMN opened_month;
ALTER TABLE rebound_case DROP COLUMN closed_day;
ALTER TABLE rebound_case DROP COLUMN closed_week;
ALTER TABLE rebound_case DROP COLUMN closed_month;

-- The same for each settled whole month, summed from its days: a three-year dashboard reads 36 rows.
CREATE TABLE rebound_case_month (
  tally_month DATE NOT NULL PRIMARY KEY,
  tallies VARCHAR(200000) NOT NULL,
  built_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The case list of one client (and state), newest first, read in index order (casebook.CaseBook orders by the
-- same columns; H2 reads an index in its own direction only).
DROP INDEX rebound_case_client;
CREATE INDEX rebound_case_client ON rebound_case (client_id DESC, opened_at DESC, case_number DESC);
CREATE INDEX rebound_case_client_state ON rebound_case (client_id DESC, state DESC, opened_at DESC, case_number DESC);
