package org.attributiongraph.dataset;

import java.time.LocalDate;
import java.util.List;

import org.attributiongraph.action.ActionKind;
import org.attributiongraph.action.DatePrecision;
import org.attributiongraph.party.PartyKind;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The file format the bundled seed, exports and imports share. Everything refers to everything else by
 * stable names (party names, source and action keys), never by database ids, so a file moves between instances.
 */
@RegisterForReflection(targets = { Dataset.SourceRecord.class, Dataset.PartyRecord.class, Dataset.ActionRecord.class,
        Dataset.QuoteRecord.class, Dataset.CitationRecord.class })
public record Dataset(String format, int version, List<SourceRecord> sources, List<PartyRecord> parties,
        List<ActionRecord> actions) {

    public static final String FORMAT = "attribution-graph-dataset";
    public static final int VERSION = 1;

    public record SourceRecord(String key, String publisher, String title, String url, LocalDate publishedOn) {
    }

    /** partOf names another party, memberOf the COALITIONs it belongs to, each in this file or already in the record. */
    public record PartyRecord(String name, PartyKind kind, List<String> aliases, String country, String partOf,
            List<String> memberOf) {
    }

    /** actors, targets and speakers name parties; respondsTo and citations' sources are keys. */
    public record ActionRecord(String key, ActionKind kind, String title, String summary, LocalDate occurredOn,
            DatePrecision datePrecision, List<String> actors, List<String> targets, String respondsTo,
            List<QuoteRecord> quotes, List<CitationRecord> citations) {
    }

    public record QuoteRecord(String text, String speaker) {
    }

    public record CitationRecord(String source, String excerpt) {
    }
}
