package org.attributiongraph.action;

import java.time.LocalDate;
import java.util.List;

import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.party.Party;
import org.attributiongraph.source.Source;

/**
 * An action as the record takes it, whoever writes it (an editor's mutation, a dataset file): what each of them named
 * already found. {@link ActionService#write} applies it; {@link #check} holds the rules that need no database.
 * respondsTo is null for an action that answers none, and for one whose answered action is set later (a file may
 * name one further down).
 */
public record ActionDraft(ActionKind kind, String title, String summary, LocalDate occurredOn,
        DatePrecision datePrecision, List<Party> actors, List<Party> targets, Action respondsTo, List<QuoteDraft> quotes,
        List<CitationDraft> citations) {

    public record QuoteDraft(String text, Party speaker) {
    }

    public record CitationDraft(Source source, String excerpt) {
    }

    public ActionDraft {
        targets = targets == null ? List.of() : targets;
        quotes = quotes == null ? List.of() : quotes;
    }

    /** Refuses a draft no action may be: where names the record or argument in the error. */
    public ActionDraft check(String where) {
        if (actors == null || actors.isEmpty()) {
            throw new InvalidInputException(where + ": an action needs at least one actor");
        }
        if (citations == null || citations.isEmpty()) {
            throw new InvalidInputException(where + ": an action needs at least one citation saying where it is known from");
        }
        if (occurredOn == null && datePrecision != null) {
            throw new InvalidInputException(where + ": datePrecision " + datePrecision + " given without occurredOn");
        }
        return this;
    }
}
