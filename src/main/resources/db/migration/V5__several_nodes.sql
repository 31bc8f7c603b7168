-- Issue 11: several Rebound nodes on one database.

-- One row per case, written in the transaction that starts it: its number is unique, whichever route
-- started it. Every answer to a case (a task completed over REST or in Tasklist, the client's page)
-- locks this row first, so answers to one case are served one at a time whichever node they reach.
CREATE TABLE rebound_case (
  process_instance_id VARCHAR(64) NOT NULL PRIMARY KEY,
  case_number         VARCHAR(40) NOT NULL,
  opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT rebound_case_number_unique UNIQUE (case_number)
);

-- The outbox: a node claims due messages for a while (a lease) before sending them; a claim left
-- by a node that died runs out and another node takes the messages over.
ALTER TABLE rebound_outbox ADD COLUMN claimed_by VARCHAR(100);
ALTER TABLE rebound_outbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;

-- ShedLock (net.javacrumbs.shedlock, JDBC provider): scheduled work runs on one node at a time.
CREATE TABLE shedlock (
  name       VARCHAR(64)  NOT NULL PRIMARY KEY,
  lock_until TIMESTAMP    NOT NULL,
  locked_at  TIMESTAMP    NOT NULL,
  locked_by  VARCHAR(255) NOT NULL
);

-- Failed logins per user name, counted across nodes (the login throttle).
CREATE TABLE rebound_login_failure (
  user_key     VARCHAR(256) NOT NULL PRIMARY KEY,
  failures     INT          NOT NULL,
  window_start TIMESTAMP WITH TIME ZONE NOT NULL,
  locked_until TIMESTAMP WITH TIME ZONE
);

-- Start-up work (groups, accounts, grants, filters, demo clients, deploying bpmn/) holds this row,
-- so nodes starting at the same moment do it one after the other and create nothing twice.
CREATE TABLE rebound_startup_lock (
  id       INT NOT NULL PRIMARY KEY,
  held_by  VARCHAR(100),
  held_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO rebound_startup_lock (id) VALUES (1);
