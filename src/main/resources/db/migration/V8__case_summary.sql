-- Issue 12: the case summary. Rebound's own record of each case (rebound_case, one row per case) carries
-- what the console, the dashboard and Prometheus show, written by listeners in the same transactions as
-- the procedure (casebook.CaseSummaryListener). The numbers come from here, never from scanning Camunda's
-- history, so they survive Camunda's history cleanup.
ALTER TABLE rebound_case ADD COLUMN client_id VARCHAR(64);
ALTER TABLE rebound_case ADD COLUMN client_name VARCHAR(200);
ALTER TABLE rebound_case ADD COLUMN summary VARCHAR(1000);
ALTER TABLE rebound_case ADD COLUMN severity VARCHAR(10);
-- open / closed
ALTER TABLE rebound_case ADD COLUMN state VARCHAR(10) DEFAULT 'open' NOT NULL;
ALTER TABLE rebound_case ADD COLUMN detected_at TIMESTAMP WITH TIME ZONE;
-- when the assessment was completed: opened_at to assessed_at is the time to respond
ALTER TABLE rebound_case ADD COLUMN assessed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rebound_case ADD COLUMN probable_cause VARCHAR(40);
ALTER TABLE rebound_case ADD COLUMN approach VARCHAR(20);
ALTER TABLE rebound_case ADD COLUMN agreed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rebound_case ADD COLUMN rto_hours INT;
ALTER TABLE rebound_case ADD COLUMN rpo_hours INT;
-- the RTO deadline by the one rule the timers follow (clocks.CaseClocks: business hours where the contract says so)
ALTER TABLE rebound_case ADD COLUMN rto_deadline TIMESTAMP WITH TIME ZONE;
ALTER TABLE rebound_case ADD COLUMN business_hours BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE rebound_case ADD COLUMN rto_warning_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rebound_case ADD COLUMN rto_breached_at TIMESTAMP WITH TIME ZONE;
-- when the client accepted the recovery: detected_at to recovered_at is the time to recover
ALTER TABLE rebound_case ADD COLUMN recovered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rebound_case ADD COLUMN acceptance_rounds INT DEFAULT 0 NOT NULL;
ALTER TABLE rebound_case ADD COLUMN restored BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE rebound_case ADD COLUMN data_loss_hours INT;
ALTER TABLE rebound_case ADD COLUMN prevention_interest VARCHAR(20);
ALTER TABLE rebound_case ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
-- recovered / restored / unrecoverable / notRecovered / cancelled, once closed
ALTER TABLE rebound_case ADD COLUMN outcome VARCHAR(20);
ALTER TABLE rebound_case ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
-- what the dashboard sums and ranks, stored so the database aggregates it: minutes from opening to the end of the
-- assessment (time to respond) and from detection to the client's acceptance (time to recover), and the day, week
-- (its Monday) and month (its first day), in UTC, of the opening and of the closing
ALTER TABLE rebound_case ADD COLUMN response_minutes INT;
ALTER TABLE rebound_case ADD COLUMN recovery_minutes INT;
ALTER TABLE rebound_case ADD COLUMN opened_day DATE;
ALTER TABLE rebound_case ADD COLUMN opened_week DATE;
ALTER TABLE rebound_case ADD COLUMN opened_month DATE;
ALTER TABLE rebound_case ADD COLUMN closed_day DATE;
ALTER TABLE rebound_case ADD COLUMN closed_week DATE;
ALTER TABLE rebound_case ADD COLUMN closed_month DATE;

CREATE INDEX rebound_case_opened ON rebound_case (opened_at);
CREATE INDEX rebound_case_closed ON rebound_case (closed_at);
CREATE INDEX rebound_case_client ON rebound_case (client_id, opened_at);
CREATE INDEX rebound_case_open_deadline ON rebound_case (state, rto_deadline);
CREATE INDEX rebound_case_warned ON rebound_case (rto_warning_at);

-- Cases opened before this version: what their history still says (client, severity, summary, closed or not).
UPDATE rebound_case SET client_id = (SELECT MAX(v.TEXT_) FROM ACT_HI_VARINST v
    WHERE v.PROC_INST_ID_ = rebound_case.process_instance_id AND v.NAME_ = 'clientId'),
  client_name = (SELECT MAX(v.TEXT_) FROM ACT_HI_VARINST v
    WHERE v.PROC_INST_ID_ = rebound_case.process_instance_id AND v.NAME_ = 'clientName'),
  severity = (SELECT MAX(v.TEXT_) FROM ACT_HI_VARINST v
    WHERE v.PROC_INST_ID_ = rebound_case.process_instance_id AND v.NAME_ = 'severity'),
  summary = (SELECT MAX(SUBSTRING(v.TEXT_, 1, 1000)) FROM ACT_HI_VARINST v
    WHERE v.PROC_INST_ID_ = rebound_case.process_instance_id AND v.NAME_ = 'summary'),
  closed_at = (SELECT MAX(p.END_TIME_) FROM ACT_HI_PROCINST p WHERE p.PROC_INST_ID_ = rebound_case.process_instance_id);
UPDATE rebound_case SET state = 'closed' WHERE closed_at IS NOT NULL;
