-- One row per year: the last case number handed out that year (DR-<year>-<number>).
CREATE TABLE rebound_case_number (
  case_year   INT    NOT NULL PRIMARY KEY,
  last_number BIGINT NOT NULL
);
