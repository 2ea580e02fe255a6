package org.attributiongraph.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.attributiongraph.action.ActionDraft.CitationDraft;
import org.attributiongraph.action.ActionDraft.QuoteDraft;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.party.Party;
import org.attributiongraph.source.Source;
import org.junit.jupiter.api.Test;

/** The rules of an action that need no database, as the API and the importer both meet them. Plain JUnit. */
class ActionDraftTest {

    private static final Party ACTOR = new Party();
    private static final CitationDraft CITATION = new CitationDraft(new Source(), "excerpt");

    private static ActionDraft draft(List<Party> actors, List<CitationDraft> citations, LocalDate on, DatePrecision precision) {
        return new ActionDraft(ActionKind.DENIAL, "A denial", null, on, precision, actors, null, null, null, citations);
    }

    @Test
    void aCompleteDraftPasses() {
        ActionDraft draft = draft(List.of(ACTOR), List.of(CITATION), LocalDate.of(2021, 7, 19), DatePrecision.MONTH);
        assertSame(draft, draft.check("action"));
    }

    @Test
    void absentListsAreEmpty() {
        ActionDraft draft = draft(List.of(ACTOR), List.of(CITATION), null, null);
        assertEquals(List.of(), draft.targets());
        assertEquals(List.<QuoteDraft>of(), draft.quotes());
    }

    @Test
    void needsAnActor() {
        assertRefused("actions[2]: an action needs at least one actor", draft(List.of(), List.of(CITATION), null, null));
        assertRefused("actions[2]: an action needs at least one actor", draft(null, List.of(CITATION), null, null));
    }

    @Test
    void needsACitation() {
        assertRefused("actions[2]: an action needs at least one citation saying where it is known from",
                draft(List.of(ACTOR), List.of(), null, null));
    }

    @Test
    void aPrecisionNeedsADate() {
        assertRefused("actions[2]: datePrecision YEAR given without occurredOn",
                draft(List.of(ACTOR), List.of(CITATION), null, DatePrecision.YEAR));
    }

    private static void assertRefused(String message, ActionDraft draft) {
        assertEquals(message, assertThrows(InvalidInputException.class, () -> draft.check("actions[2]")).getMessage());
    }
}
