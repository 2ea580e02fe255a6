package org.attributiongraph.dataset;

import static org.attributiongraph.GraphQL.data;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.attributiongraph.action.ActionKind;
import org.attributiongraph.dataset.Dataset.ActionRecord;
import org.attributiongraph.dataset.Dataset.PartyRecord;
import org.attributiongraph.dataset.Dataset.QuoteRecord;
import org.attributiongraph.party.PartyKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The bundled record says what its two sources (a BBC-credited and a CNBC-credited article on the Exchange hack) say,
 * and no more. One test for each point the record once got wrong; the file is read as shipped, and what a client
 * asks is asked through the API of the instance that loaded it.
 */
@QuarkusTest
class BundledRecordTest {

    private static final String ALLIANCE = "Cybersecurity alliance against Chinese state-sponsored cyber attacks";

    /** Every quote in the record, character for character as the articles print them (’ included). */
    private static final List<String> QUOTES = List.of(
            "reckless",
            "malicious cyber activity",
            "fabricated",
            "The US has mustered its allies to carry out unreasonable criticisms against China on the issue of cybersecurity.",
            "ignored repeated calls to end its reckless campaign, instead of allowing state-backed actors to increase the "
                    + "scale of their attacks",
            "We are not ruling out other actions to hold China accountable, but we are also aware that no action can "
                    + "change China\u2019s behavior");

    @Inject
    DatasetReader reader;

    private Dataset record;

    @BeforeEach
    void readTheBundledFile() throws IOException {
        try (InputStream json = getClass().getClassLoader().getResourceAsStream("dataset/exchange-hafnium-2021.json")) {
            record = reader.read(json);
        }
    }

    private ActionRecord action(String key) {
        return record.actions().stream().filter(action -> action.key().equals(key)).findFirst().orElseThrow();
    }

    private PartyRecord party(String name) {
        return record.parties().stream().filter(party -> party.name().equals(name)).findFirst().orElseThrow();
    }

    private Stream<String> prose() {
        return record.actions().stream().flatMap(action -> Stream.concat(Stream.of(action.title(), action.summary()),
                action.citations().stream().map(citation -> citation.excerpt())));
    }

    @Test
    void natoAsAnOrganisationDoesNothing() {
        assertTrue(record.parties().stream().noneMatch(party -> party.name().equals("NATO")), "no party NATO");
        for (ActionRecord action : record.actions()) {
            assertFalse(action.actors().stream().anyMatch(name -> name.contains("NATO")), action.key() + " has a NATO actor");
        }
        data("{ partyByName(name: \"NATO\") { id } }").body("data.partyByName", nullValue());
        // what the CNBC-credited piece says instead: member states of NATO are among the alliance's members
        assertEquals(List.of(ALLIANCE), party("NATO member states").memberOf());
    }

    @Test
    void theAllianceIsACoalitionThatFormsSharesAndAccuses() {
        assertEquals(PartyKind.COALITION, party(ALLIANCE).kind());
        for (String key : List.of("coalition-formed", "coalition-info-sharing-pact", "coalition-accuses-mss")) {
            assertEquals(List.of(ALLIANCE), action(key).actors(), key);
        }
        data("query($n: String!) { partyByName(name: $n) { kind members { name } actions(role: ACTOR) { edges { node { kind } } } } }",
                Map.of("n", ALLIANCE))
                .body("data.partyByName.kind", equalTo("COALITION"))
                .body("data.partyByName.members.name", containsInAnyOrder("Australia", "European Union", "Japan",
                        "NATO member states", "New Zealand", "Unnamed coalition member", "United Kingdom", "United States"))
                .body("data.partyByName.actions.edges.node.kind", containsInAnyOrder("ALLIANCE", "ALLIANCE", "ATTRIBUTION"));
    }

    @Test
    void eachSourceKeepsItsOwnAccountOfTheMembers() {
        Map<String, String> excerpts = action("coalition-accuses-mss").citations().stream()
                .collect(Collectors.toMap(citation -> citation.source(), citation -> citation.excerpt()));
        String bbc = excerpts.get("bbc-2021-microsoft-hack");
        String cnbc = action("coalition-formed").citations().get(0).excerpt();
        for (String member : List.of("UK", "Australia", "EU", "New Zealand", "US")) {
            assertTrue(bbc.contains(member), "the BBC-credited account names " + member + ": " + bbc);
        }
        assertFalse(bbc.contains("Japan") || bbc.contains("NATO"), "the BBC-credited piece names neither Japan nor NATO");
        for (String member : List.of("member states of NATO", "European Union", "Australia", "New Zealand", "Japan")) {
            assertTrue(cnbc.contains(member), "the CNBC account names " + member + ": " + cnbc);
        }
    }

    @Test
    void theAllianceSpeaksTheCollectiveQuotesAndIsTheAccusedAnsweredByChina() {
        assertEquals(List.of(new QuoteRecord("reckless", ALLIANCE), new QuoteRecord("malicious cyber activity", ALLIANCE)),
                action("coalition-accuses-mss").quotes());
        assertEquals(List.of(ALLIANCE), action("china-denies").targets());
        data("{ partyByName(name: \"Unnamed coalition member\") { memberOf { name kind } } }")
                .body("data.partyByName.memberOf.name", contains(ALLIANCE));
    }

    @Test
    void aStatesActionsLeaveOutItsCoalitionsActions() {
        data("{ partyByName(name: \"United States\") { memberOf { name } actions(role: ACTOR, first: 100) { edges { node { actors { name } } } } } }")
                .body("data.partyByName.memberOf.name", contains(ALLIANCE))
                .body("data.partyByName.actions.edges.node.actors.flatten().name", not(hasItem(ALLIANCE)));
    }

    @Test
    void responsesAreLinkedOnlyWhereTheTextLinksThem() {
        assertNull(action("doj-charges-mss-hackers").respondsTo(), "the articles do not tie the charges to the accusation");
        List<String> answers = record.actions().stream().filter(action -> "coalition-accuses-mss".equals(action.respondsTo()))
                .map(ActionRecord::key).toList();
        assertEquals(List.of("china-denies", "china-counter-accuses-us"), answers, "only China answers the accusation");
        // the accusers' own words are about the attacks, not answers to their accusation
        assertEquals("exchange-intrusion", action("uk-foreign-office-condemns-china").respondsTo());
        assertEquals("exchange-intrusion", action("biden-remarks").respondsTo());
        // formed to face the threat of Chinese state-sponsored attacks in general, not in answer to the Exchange hack
        assertNull(action("coalition-formed").respondsTo());
    }

    @Test
    void everyQuoteIsVerbatimAndIsOneTheTestKeeps() {
        List<String> quoted = record.actions().stream().flatMap(action -> action.quotes().stream()).map(QuoteRecord::text).toList();
        assertEquals(Set.copyOf(QUOTES), Set.copyOf(quoted), "the record's quotes, character for character");
        assertEquals(QUOTES.size(), quoted.size(), "each quote once");
        assertTrue(prose().noneMatch(text -> text.contains("unlikely to alter")),
                "the member said no action can change China's behaviour, not that one was unlikely to");
        data("{ partyByName(name: \"Unnamed coalition member\") { actions { edges { node { quotes { text } } } } } }")
                .body("data.partyByName.actions.edges[0].node.quotes[0].text", equalTo(QUOTES.get(5)));
    }

    @Test
    void datesAreNoMorePreciseThanTheText() {
        // the articles give no month for these
        for (String key : List.of("coalition-formed", "coalition-info-sharing-pact", "microsoft-names-hafnium",
                "us-hong-kong-business-advisory", "western-sources-assess-shift", "uk-foreign-office-condemns-china",
                "biden-remarks", "doj-charges-mss-hackers", "coalition-member-keeps-options-open",
                "investigators-link-hafnium-to-chinese-state")) {
            assertNull(action(key).occurredOn(), key);
            assertNull(action(key).datePrecision(), key);
        }
        // "on Monday" (BBC) of the accusation CNBC reports on 2021-07-20; "On Friday" (CNBC) for the sanctions;
        // "became public in March"; China answered the Monday accusation
        assertEquals("2021-07-19 DAY", dated("coalition-accuses-mss"));
        assertEquals("2021-07-16 DAY", dated("us-sanctions-chinese-officials"));
        assertEquals("2021-03-01 MONTH", dated("exchange-intrusion"));
        assertEquals("2021-07-01 MONTH", dated("china-denies"));
        assertEquals("2021-07-01 MONTH", dated("china-counter-accuses-us"));
    }

    private String dated(String key) {
        return action(key).occurredOn() + " " + action(key).datePrecision();
    }

    @Test
    void whoTiedHafniumToTheChineseStateCanBeAsked() {
        List<Map<String, Object>> blamed = data("""
                { partyByName(name: "Hafnium") { actions(role: TARGET, kind: ATTRIBUTION) { edges { node {
                    actors { name } targets { name } citations { source { publisher } } } } } } }""")
                .extract().path("data.partyByName.actions.edges.node");
        List<String> tiedToChina = new ArrayList<>();
        for (Map<String, Object> attribution : blamed) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> targets = (List<Map<String, String>>) attribution.get("targets");
            if (targets.stream().anyMatch(target -> target.get("name").equals("China"))) {
                tiedToChina.add(attribution.get("actors").toString() + " " + attribution.get("citations"));
            }
        }
        assertEquals(List.of("[{name=Unnamed investigators}] [{source={publisher=CNBC}}]"), tiedToChina);
        data("{ partyByName(name: \"Chinese state\") { name } }").body("data.partyByName.name", equalTo("China"));
    }

    @Test
    void theSmallerWordingPoints() {
        assertTrue(prose().noneMatch(text -> text.contains("indiscriminate")), "the text says smash-and-grab, no more");
        ActionRecord advisory = action("us-hong-kong-business-advisory");
        assertEquals(ActionKind.ADVISORY, advisory.kind());
        assertEquals(List.of("US companies"), advisory.targets(), "the warning is to US companies in general");
        assertTrue(record.parties().stream().flatMap(party -> party.aliases().stream())
                .noneMatch(alias -> alias.equals("MSS contract hackers")), "an alias the text does not use");
    }
}
