package org.attributiongraph.storable;

import java.time.LocalDate;

/**
 * The dates both databases can store: PostgreSQL's run from 4713 BC to 5874897 AD, H2's and Java's much further, so
 * a date beyond PostgreSQL's range would be written on H2 and fail on PostgreSQL. Written dates are checked with
 * {@link StorableDate}; date filters are {@link #clamp clamped} to the range instead, since nothing lies beyond it.
 */
public final class StorableDates {

    public static final LocalDate EARLIEST = LocalDate.of(-4712, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(5_874_897, 12, 31);

    private StorableDates() {
    }

    public static boolean storable(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }

    /** The date within the storable range (null stays null): a filter bound beyond it selects what the range's end does. */
    public static LocalDate clamp(LocalDate date) {
        if (date == null) {
            return null;
        }
        return date.isBefore(EARLIEST) ? EARLIEST : date.isAfter(LATEST) ? LATEST : date;
    }
}
