package org.attributiongraph.party;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.attributiongraph.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The rules of a party that need no database, as the API and the importer both meet them. Plain JUnit. */
class PartyDraftTest {

    private static PartyDraft draft(String name, List<String> aliases) {
        return new PartyDraft(name, PartyKind.THREAT_GROUP, aliases, null, null, null);
    }

    @Test
    void aNamedDraftPasses() {
        PartyDraft draft = draft("Hafnium", List.of("Silk Typhoon"));
        assertSame(draft, draft.check("party"));
        assertEquals(List.of("Silk Typhoon", "Hafnium"), draft.names());
        assertEquals(List.of(), draft.memberOf());
    }

    @Test
    void absentAliasesAreNone() {
        assertEquals(List.of("Hafnium"), draft("Hafnium", null).check("party").names());
    }

    @Test
    void refusesABlankNameOrAlias() {
        for (PartyDraft blank : List.of(draft(null, null), draft(" ", null), draft("Hafnium", List.of("")),
                draft("Hafnium", Arrays.asList("Silk Typhoon", null)))) {
            assertEquals("parties[0]: name and aliases must not be blank",
                    assertThrows(InvalidInputException.class, () -> blank.check("parties[0]")).getMessage());
        }
    }
}
