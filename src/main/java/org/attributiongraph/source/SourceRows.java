package org.attributiongraph.source;

import java.time.LocalDate;

import org.attributiongraph.audit.RecordedRows;
import org.attributiongraph.database.PlainColumns;

/** Sources built from the rows of native reads as plain objects (see {@link PlainColumns}): every column. */
public final class SourceRows {

    public static final PlainColumns COLUMNS = PlainColumns.of("id", Long.class, "dataset_key", String.class,
            "publisher", String.class, "title", String.class, "url", String.class, "published_on", LocalDate.class)
            .and(RecordedRows.COLUMNS);

    private SourceRows() {
    }

    /** The source whose columns start at the given index of the row. */
    public static Source read(Object[] row, int at) {
        Source source = new Source();
        source.id = (Long) row[at];
        source.key = (String) row[at + 1];
        source.publisher = (String) row[at + 2];
        source.title = (String) row[at + 3];
        source.url = (String) row[at + 4];
        source.publishedOn = (LocalDate) row[at + 5];
        RecordedRows.read(source, row, at + 6);
        return source;
    }
}
