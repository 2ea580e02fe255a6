package org.attributiongraph.action;

public enum ActionKind {
    INTRUSION,
    ATTRIBUTION,
    DENIAL,
    COUNTER_ACCUSATION,
    INDICTMENT,
    SANCTION,
    ADVISORY,
    ALLIANCE,
    STATEMENT
}
