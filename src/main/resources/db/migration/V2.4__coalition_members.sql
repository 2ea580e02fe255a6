-- Coalitions: parties that act together without one being part of another (the July 2021 alliance). Membership is
-- many to many: a state may belong to several coalitions. The primary key serves a coalition's members; the index
-- serves a party's coalitions.
CREATE TABLE party_member (
    coalition_id  BIGINT  NOT NULL REFERENCES party (id),
    member_id     BIGINT  NOT NULL REFERENCES party (id),
    CONSTRAINT party_member_pk PRIMARY KEY (coalition_id, member_id)
);
CREATE INDEX party_member_member_idx ON party_member (member_id, coalition_id);
