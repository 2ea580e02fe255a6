-- The attribution graph: parties, the actions between them, and the sources every action cites.
-- Written for both H2 and PostgreSQL.

CREATE SEQUENCE party_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE party_name_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE source_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE action_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE action_participant_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE quote_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE citation_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE party (
    id          BIGINT       NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    name_key    VARCHAR(200) NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    country     VARCHAR(2),
    part_of_id  BIGINT       REFERENCES party (id),
    version     INTEGER      NOT NULL
);
-- alphabetical listing pages by (name_key, id)
CREATE INDEX party_name_key_idx ON party (name_key, id);
CREATE INDEX party_kind_idx ON party (kind, name_key, id);
CREATE INDEX party_part_of_idx ON party (part_of_id);

-- every name a party goes by, its own and its aliases: one unique key keeps them all distinct ignoring case
CREATE TABLE party_name (
    id        BIGINT       NOT NULL PRIMARY KEY,
    party_id  BIGINT       NOT NULL REFERENCES party (id),
    name      VARCHAR(200) NOT NULL,
    name_key  VARCHAR(200) NOT NULL,
    alias     BOOLEAN      NOT NULL,
    CONSTRAINT party_name_key_uq UNIQUE (name_key)
);
CREATE INDEX party_name_party_idx ON party_name (party_id);

CREATE TABLE source (
    id            BIGINT        NOT NULL PRIMARY KEY,
    dataset_key   VARCHAR(100)  NOT NULL,
    publisher     VARCHAR(200)  NOT NULL,
    title         VARCHAR(300)  NOT NULL,
    url           VARCHAR(2000),
    published_on  DATE,
    CONSTRAINT source_dataset_key_uq UNIQUE (dataset_key)
);

CREATE TABLE action (
    id              BIGINT        NOT NULL PRIMARY KEY,
    dataset_key     VARCHAR(100)  NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    title           VARCHAR(300)  NOT NULL,
    summary         VARCHAR(4000),
    occurred_on     DATE,
    date_precision  VARCHAR(8),
    responds_to_id  BIGINT        REFERENCES action (id),
    version         INTEGER       NOT NULL,
    CONSTRAINT action_dataset_key_uq UNIQUE (dataset_key)
);
-- responses and threads walk down from an action through this index
CREATE INDEX action_responds_to_idx ON action (responds_to_id, id);
CREATE INDEX action_kind_idx ON action (kind, id);
CREATE INDEX action_occurred_on_idx ON action (occurred_on, id);

CREATE TABLE action_participant (
    id         BIGINT      NOT NULL PRIMARY KEY,
    action_id  BIGINT      NOT NULL REFERENCES action (id),
    party_id   BIGINT      NOT NULL REFERENCES party (id),
    role       VARCHAR(8)  NOT NULL,
    position   INTEGER     NOT NULL,
    CONSTRAINT action_participant_uq UNIQUE (action_id, role, party_id)
);
-- a party's actions page from here, by role or not
CREATE INDEX action_participant_party_idx ON action_participant (party_id, role, action_id);
CREATE INDEX action_participant_party_action_idx ON action_participant (party_id, action_id);

CREATE TABLE quote (
    id          BIGINT         NOT NULL PRIMARY KEY,
    action_id   BIGINT         NOT NULL REFERENCES action (id),
    position    INTEGER        NOT NULL,
    text        VARCHAR(2000)  NOT NULL,
    speaker_id  BIGINT         REFERENCES party (id)
);
CREATE INDEX quote_action_idx ON quote (action_id, position);
CREATE INDEX quote_speaker_idx ON quote (speaker_id);

CREATE TABLE citation (
    id         BIGINT         NOT NULL PRIMARY KEY,
    action_id  BIGINT         NOT NULL REFERENCES action (id),
    source_id  BIGINT         NOT NULL REFERENCES source (id),
    position   INTEGER        NOT NULL,
    excerpt    VARCHAR(4000)
);
CREATE INDEX citation_action_idx ON citation (action_id, position);
CREATE INDEX citation_source_idx ON citation (source_id);
