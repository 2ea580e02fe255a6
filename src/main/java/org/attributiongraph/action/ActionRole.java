package org.attributiongraph.action;

/** The part a party plays in an action; ANY is only a filter, never stored. */
public enum ActionRole {
    ACTOR,
    TARGET,
    ANY
}
