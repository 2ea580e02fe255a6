package org.attributiongraph.party;

import org.attributiongraph.audit.RecordedRows;
import org.attributiongraph.database.PlainColumns;

/**
 * Parties built from the rows of native reads as plain objects (see {@link PlainColumns}): every column of the party
 * table, the party it is part of as a reference holding only its id, as Hibernate's unloaded reference would. Its
 * names and coalitions are read on their own when asked for.
 */
public final class PartyRows {

    public static final PlainColumns COLUMNS = PlainColumns.of("id", Long.class, "name", String.class,
            "name_key", String.class, "kind", String.class, "country", String.class, "part_of_id", Long.class,
            "version", Integer.class).and(RecordedRows.COLUMNS);

    private PartyRows() {
    }

    /** The party whose columns start at the given index of the row. */
    public static Party read(Object[] row, int at) {
        Party party = new Party();
        party.id = (Long) row[at];
        party.name = (String) row[at + 1];
        party.nameKey = (String) row[at + 2];
        party.kind = PartyKind.valueOf((String) row[at + 3]);
        party.country = (String) row[at + 4];
        if (row[at + 5] != null) {
            party.partOf = new Party();
            party.partOf.id = (Long) row[at + 5];
        }
        party.version = (Integer) row[at + 6];
        RecordedRows.read(party, row, at + 7);
        return party;
    }
}
