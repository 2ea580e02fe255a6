package org.attributiongraph.party;

public enum PartyKind {
    STATE,
    GOVERNMENT_BODY,
    INTERNATIONAL_ORGANIZATION,
    COMPANY,
    THREAT_GROUP,
    PERSON,
    OTHER
}
