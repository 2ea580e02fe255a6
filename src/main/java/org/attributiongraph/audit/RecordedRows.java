package org.attributiongraph.audit;

import java.time.OffsetDateTime;

import org.attributiongraph.database.PlainColumns;

/** The audit columns every recorded row has, for reads that build plain objects from rows. */
public final class RecordedRows {

    public static final PlainColumns COLUMNS = PlainColumns.of("created_at", OffsetDateTime.class,
            "created_by", String.class, "updated_at", OffsetDateTime.class, "updated_by", String.class);

    private RecordedRows() {
    }

    /** Gives the object the audit values of a row, the first of {@link #COLUMNS} at the given index. */
    public static void read(Recorded into, Object[] row, int at) {
        into.createdAt = (OffsetDateTime) row[at];
        into.createdBy = (String) row[at + 1];
        into.updatedAt = (OffsetDateTime) row[at + 2];
        into.updatedBy = (String) row[at + 3];
    }
}
