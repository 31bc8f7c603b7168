-- one row per outage a monitor reported (a client and its alert's Alertmanager group, or its key): alerts of one outage
-- with no open case are handled one at a time on every node by locking this row, while other outages of the same client
-- go on in parallel (the client's own row was the lock before: a storm of many groups queued behind one case start)
CREATE TABLE rebound_alert_outage (
  outage_key  VARCHAR(64)  NOT NULL PRIMARY KEY,
  client_id   VARCHAR(64)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
