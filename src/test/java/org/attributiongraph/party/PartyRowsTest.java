package org.attributiongraph.party;

import static org.attributiongraph.database.SameColumns.assertSameColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The batched reads and the lookups build plain parties holding every column their entities hold, on the bundled seed.
 */
@QuarkusTest
class PartyRowsTest {

    @Test
    @Transactional
    void aPlainPartyHoldsWhatItsEntityHolds() {
        List<Party> entities = Party.listAll();
        Map<Long, Party> plain = PartyReads.withIds(entities.stream().map(party -> party.id).toList()).stream()
                .collect(Collectors.toMap(party -> party.id, Function.identity()));
        assertEquals(entities.size(), plain.size());
        assertTrue(entities.stream().anyMatch(party -> party.partOfId() != null), "the seed has parts");
        entities.forEach(entity -> assertSameColumns(Party.getEntityManager(), entity, plain.get(entity.id)));
    }

    @Test
    @Transactional
    void theLookupsByIdAndNameBuildTheSamePlainParties() {
        List<PartyName> names = PartyName.listAll();
        assertTrue(names.stream().anyMatch(name -> name.alias), "the seed has aliases");
        names.forEach(name -> {
            Party byName = PartyReads.byName(" " + name.name.toUpperCase() + " ");
            assertEquals(name.party.id, byName.id, name.name);
            assertSameColumns(Party.getEntityManager(), name.party, byName);
            assertSameColumns(Party.getEntityManager(), name.party, PartyReads.withId(name.party.id));
        });
        assertNull(PartyReads.byName("nobody by this name"));
        assertNull(PartyReads.withId(-1));
    }

    @Test
    @Transactional
    void membershipsBuildTheSamePlainParties() {
        List<PartyReads.Membership> memberships = PartyReads.membershipsOf(Party.<Party>listAll().stream()
                .map(party -> party.id).toList());
        assertTrue(!memberships.isEmpty(), "the seed has coalitions");
        memberships.forEach(membership -> {
            assertSameColumns(Party.getEntityManager(), Party.findById(membership.coalition().id), membership.coalition());
            assertSameColumns(Party.getEntityManager(), Party.findById(membership.member().id), membership.member());
        });
    }
}
