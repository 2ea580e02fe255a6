package org.attributiongraph.action;

import java.time.LocalDate;

import org.attributiongraph.audit.RecordedRows;
import org.attributiongraph.database.PlainColumns;

/**
 * Actions built from the rows of native reads as plain objects (see {@link PlainColumns}): every column of the
 * action table, the action answered as a reference holding only its id, as Hibernate's unloaded reference would.
 */
final class ActionRows {

    static final PlainColumns COLUMNS = PlainColumns.of("id", Long.class, "dataset_key", String.class,
            "kind", String.class, "title", String.class, "summary", String.class, "occurred_on", LocalDate.class,
            "date_precision", String.class, "responds_to_id", Long.class, "version", Integer.class)
            .and(RecordedRows.COLUMNS);

    private ActionRows() {
    }

    /** The action whose columns start at the given index of the row. */
    static Action read(Object[] row, int at) {
        Action action = new Action();
        action.id = (Long) row[at];
        action.key = (String) row[at + 1];
        action.kind = ActionKind.valueOf((String) row[at + 2]);
        action.title = (String) row[at + 3];
        action.summary = (String) row[at + 4];
        action.occurredOn = (LocalDate) row[at + 5];
        action.datePrecision = row[at + 6] == null ? null : DatePrecision.valueOf((String) row[at + 6]);
        if (row[at + 7] != null) {
            action.respondsTo = new Action();
            action.respondsTo.id = (Long) row[at + 7];
        }
        action.version = (Integer) row[at + 8];
        RecordedRows.read(action, row, at + 9);
        return action;
    }
}
