package org.attributiongraph.action;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * An action as an editor writes it: who did it to whom, what it answers, what was said, and where it is known from.
 * On update it replaces the action whole, and carries the version read.
 */
@Input("ActionInput")
public class ActionInput {

    @NonNull
    public ActionKind kind;

    @NonNull
    public String title;

    public String summary;

    public LocalDate occurredOn;

    public DatePrecision datePrecision;

    @NonNull
    @Id
    public List<@NonNull Long> actorIds;

    @Id
    public List<@NonNull Long> targetIds;

    @Id
    public Long respondsToId;

    public List<@NonNull QuoteInput> quotes;

    @NonNull
    public List<@NonNull CitationInput> citations;

    public Integer version;

    @Input("QuoteInput")
    public static class QuoteInput {

        @NonNull
        public String text;

        @Id
        public Long speakerId;
    }

    @Input("CitationInput")
    public static class CitationInput {

        @NonNull
        @Id
        public Long sourceId;

        public String excerpt;
    }
}
