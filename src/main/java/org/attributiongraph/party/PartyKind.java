package org.attributiongraph.party;

public enum PartyKind {
    STATE,
    GOVERNMENT_BODY,
    INTERNATIONAL_ORGANIZATION,
    COMPANY,
    THREAT_GROUP,
    PERSON,
    /** Parties acting together without one being part of another: an alliance of states. */
    COALITION,
    OTHER
}
