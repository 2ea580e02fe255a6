package org.attributiongraph.action;

/** How much of an action's date is known: a MONTH date is stored as the first of that month. */
public enum DatePrecision {
    DAY,
    MONTH,
    YEAR
}
