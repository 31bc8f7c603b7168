-- Issue 14: what we learn comes back.
-- One row per action item of a post-incident review (actions.ActionItems), its id the case number and its place
-- in the review (DR-2026-0042-A1). Each is also an instance of process actionItem (the owner's Tasklist step, the
-- reminder and overdue timers); this row is what the console, the client's profile and the report read.
CREATE TABLE rebound_action_item (
  id                  VARCHAR(40)   NOT NULL PRIMARY KEY,
  case_number         VARCHAR(20)   NOT NULL,
  client_id           VARCHAR(64)   NOT NULL,
  client_name         VARCHAR(200),
  what                VARCHAR(500)  NOT NULL,
  -- a Rebound user (owner_user) or one of the client's contacts (owner_email); owner is the name shown
  owner               VARCHAR(200)  NOT NULL,
  owner_user          VARCHAR(64),
  owner_email         VARCHAR(254),
  due_date            DATE          NOT NULL,
  -- open / done / dropped
  state               VARCHAR(10)   NOT NULL,
  drop_reason         VARCHAR(1000),
  closed_by           VARCHAR(64),
  closed_at           TIMESTAMP WITH TIME ZONE,
  process_instance_id VARCHAR(64),
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX rebound_action_item_open ON rebound_action_item (state, due_date);
CREATE INDEX rebound_action_item_case ON rebound_action_item (case_number);
CREATE INDEX rebound_action_item_client ON rebound_action_item (client_id, state, due_date);
CREATE INDEX rebound_action_item_owner ON rebound_action_item (owner_user, state, due_date);

-- One row per reviewed case (lessons.Lessons): what it was about, as it was then (the client's sector, size and
-- protections when it happened), and what was learned. "Seen before" and the prevention history read it.
CREATE TABLE rebound_lesson (
  case_number      VARCHAR(20)   NOT NULL PRIMARY KEY,
  client_id        VARCHAR(64)   NOT NULL,
  client_name      VARCHAR(200),
  summary          VARCHAR(1000),
  probable_cause   VARCHAR(40)   NOT NULL,
  -- the kinds of systems hit, each between commas: ",fileServer,email,"
  systems          VARCHAR(400)  NOT NULL,
  sector           VARCHAR(100),
  -- the client's size: micro (1-9 users), small (10-49), medium (50-249), large (250+)
  size_band        VARCHAR(10),
  -- the protections the client had, each between commas: ",backup,ups,"
  protections      VARCHAR(400)  NOT NULL,
  -- recovered / restored / unrecoverable
  outcome          VARCHAR(20)   NOT NULL,
  approach         VARCHAR(20),
  recovery_minutes INT,
  acceptance_rounds INT,
  root_cause       VARCHAR(4000),
  lessons_learned  VARCHAR(4000),
  went_well        VARCHAR(4000),
  reviewed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX rebound_lesson_cause ON rebound_lesson (probable_cause, reviewed_at DESC);
CREATE INDEX rebound_lesson_client ON rebound_lesson (client_id, reviewed_at DESC);
CREATE INDEX rebound_lesson_reviewed ON rebound_lesson (reviewed_at DESC);
