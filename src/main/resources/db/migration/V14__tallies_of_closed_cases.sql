-- The kept daily and monthly tallies now hold the closed cases only (the open ones are added on each request, and a
-- case's days are dropped when it closes): the rows kept before counted open cases too, so they go and are added up
-- again when next asked for.
DELETE FROM rebound_case_day;
DELETE FROM rebound_case_month;

-- the open cases that count for a period, found without reading the period's closed ones
CREATE INDEX rebound_case_open_opened ON rebound_case (state, opened_at);
CREATE INDEX rebound_case_open_warned ON rebound_case (state, rto_warning_at);
