-- the public holidays a client's clocks skip (a country, or a country and a region, e.g. ES-MD); empty: none
ALTER TABLE rebound_client ADD COLUMN public_holidays VARCHAR(40);
-- the RTO time a recovered case used, counted like its deadline (business hours and holidays where the contract says so)
ALTER TABLE rebound_case ADD COLUMN rto_used_minutes INT;
-- the dashboard's settled days and months are added up again with the RTO time used
DELETE FROM rebound_case_day;
DELETE FROM rebound_case_month;
