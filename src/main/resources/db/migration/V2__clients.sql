-- Client profiles: every client is a world (a three-person bricklayer is not a 25-person office).
CREATE TABLE rebound_client (
  id                      VARCHAR(64)  NOT NULL PRIMARY KEY,
  name                    VARCHAR(200) NOT NULL,
  sector                  VARCHAR(100) NOT NULL,
  user_count              INT          NOT NULL,
  criticality_tier        VARCHAR(20)  NOT NULL,
  response_time_minutes   INT          NOT NULL,
  rto_hours               INT          NOT NULL,
  rpo_hours               INT          NOT NULL,
  business_days           VARCHAR(40)  NOT NULL,
  business_start          VARCHAR(5)   NOT NULL,
  business_end            VARCHAR(5)   NOT NULL,
  time_zone               VARCHAR(60)  NOT NULL,
  business_hours_only     BOOLEAN      NOT NULL,
  preferred_language      VARCHAR(2)   NOT NULL,
  active                  BOOLEAN      NOT NULL,
  created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  version                 INT          NOT NULL
);

CREATE TABLE rebound_client_contact (
  client_id         VARCHAR(64)  NOT NULL REFERENCES rebound_client (id),
  position          INT          NOT NULL,
  name              VARCHAR(200) NOT NULL,
  email             VARCHAR(254) NOT NULL,
  phone             VARCHAR(40),
  role              VARCHAR(100),
  agrees_objectives BOOLEAN      NOT NULL,
  PRIMARY KEY (client_id, position)
);

CREATE TABLE rebound_client_protection (
  client_id  VARCHAR(64) NOT NULL REFERENCES rebound_client (id),
  protection VARCHAR(40) NOT NULL,
  PRIMARY KEY (client_id, protection)
);

CREATE INDEX rebound_client_name ON rebound_client (name);
