package org.attributiongraph.action;

import java.time.LocalDate;

import org.attributiongraph.audit.RecordedRows;
import org.attributiongraph.database.PlainColumns;
import org.attributiongraph.party.PartyRows;
import org.attributiongraph.source.SourceRows;

/**
 * Actions, their quotes and their citations built from the rows of native reads as plain objects (see
 * {@link PlainColumns}): every column of their tables, a reference to another action as an object holding only its
 * id, as Hibernate's unloaded reference would. A quote's speaker and a citation's source come whole, from the same
 * row.
 */
final class ActionRows {

    static final PlainColumns COLUMNS = PlainColumns.of("id", Long.class, "dataset_key", String.class,
            "kind", String.class, "title", String.class, "summary", String.class, "occurred_on", LocalDate.class,
            "date_precision", String.class, "responds_to_id", Long.class, "version", Integer.class)
            .and(RecordedRows.COLUMNS);

    /** A quote's own columns; its rows carry its speaker's party columns after them (null where it has none). */
    static final PlainColumns QUOTE_COLUMNS = PlainColumns.of("id", Long.class, "action_id", Long.class,
            "position", Integer.class, "text", String.class);

    /** A citation's own columns; its rows carry its source's columns after them. */
    static final PlainColumns CITATION_COLUMNS = PlainColumns.of("id", Long.class, "action_id", Long.class,
            "position", Integer.class, "excerpt", String.class);

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
        action.respondsTo = row[at + 7] == null ? null : reference((Long) row[at + 7]);
        action.version = (Integer) row[at + 8];
        RecordedRows.read(action, row, at + 9);
        return action;
    }

    /** The quote whose columns start the row, followed by its speaker's party columns. */
    static Quote quote(Object[] row) {
        Quote quote = new Quote(reference((Long) row[1]), (Integer) row[2], (String) row[3],
                row[QUOTE_COLUMNS.width()] == null ? null : PartyRows.read(row, QUOTE_COLUMNS.width()));
        quote.id = (Long) row[0];
        return quote;
    }

    /** The citation whose columns start the row, followed by its source's columns. */
    static Citation citation(Object[] row) {
        Citation citation = new Citation(reference((Long) row[1]), (Integer) row[2],
                SourceRows.read(row, CITATION_COLUMNS.width()), (String) row[3]);
        citation.id = (Long) row[0];
        return citation;
    }

    private static Action reference(Long id) {
        Action action = new Action();
        action.id = id;
        return action;
    }
}
