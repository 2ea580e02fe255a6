package org.attributiongraph.dataset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.attributiongraph.action.Action;
import org.attributiongraph.action.ActionRole;
import org.attributiongraph.action.Citation;
import org.attributiongraph.action.ActionReads;
import org.attributiongraph.action.ActionReads.Involvement;
import org.attributiongraph.action.Quote;
import org.attributiongraph.dataset.Dataset.ActionRecord;
import org.attributiongraph.dataset.Dataset.CitationRecord;
import org.attributiongraph.dataset.Dataset.PartyRecord;
import org.attributiongraph.dataset.Dataset.QuoteRecord;
import org.attributiongraph.dataset.Dataset.SourceRecord;
import org.attributiongraph.errors.NotFoundException;
import org.attributiongraph.party.Party;
import org.attributiongraph.party.PartyReads;
import org.attributiongraph.source.Source;

/**
 * Writes the record, or one case of it, as a dataset file that imports into any instance. Everything comes out in
 * the order it was recorded, so an export imported into an empty instance exports again identically.
 */
@ApplicationScoped
public class DatasetExporter {

    @Transactional
    public Dataset exportAll() {
        return export(ActionReads.all());
    }

    /** The case an action belongs to: its whole response tree, from the action it ultimately answers down. */
    @Transactional
    public Dataset exportCase(long actionId) {
        Action start = Action.findById(actionId);
        if (start == null) {
            throw new NotFoundException("no action with id " + actionId);
        }
        Action root = start;
        while (root.respondsTo != null) {
            root = root.respondsTo;
        }
        Set<Action> inCase = new LinkedHashSet<>();
        Deque<Action> toVisit = new ArrayDeque<>(List.of(root));
        while (!toVisit.isEmpty()) {
            Action action = toVisit.pop();
            if (inCase.add(action)) {
                toVisit.addAll(ActionReads.responsesTo(List.of(action.id), null, Set.of()));
            }
        }
        return export(inCase.stream().sorted(Comparator.comparing(action -> action.id)).toList());
    }

    private static Dataset export(List<Action> actions) {
        List<Long> actionIds = actions.stream().map(action -> action.id).toList();
        // every action answered is in the export: the whole record, or a case from its root down
        Map<Long, String> actionKeys = actions.stream().collect(Collectors.toMap(action -> action.id, action -> action.key));
        Map<Long, List<Involvement>> participants = groupBy(ActionReads.involvements(actionIds, null), Involvement::actionId);
        Map<Long, List<Quote>> quotes = groupBy(ActionReads.quotesOf(actionIds), q -> q.action.id);
        Map<Long, List<Citation>> citations = groupBy(ActionReads.citationsOf(actionIds), c -> c.action.id);

        // by id: the reads build a plain object for every row a party or a source is in
        Map<Long, Party> parties = new LinkedHashMap<>();
        Map<Long, Source> sources = new LinkedHashMap<>();
        List<ActionRecord> actionRecords = new ArrayList<>();
        for (Action action : actions) {
            List<Involvement> involved = participants.getOrDefault(action.id, List.of());
            List<String> actors = names(involved, ActionRole.ACTOR, parties);
            List<String> targets = names(involved, ActionRole.TARGET, parties);
            List<QuoteRecord> quoteRecords = quotes.getOrDefault(action.id, List.of()).stream().map(quote -> {
                if (quote.speaker != null) {
                    parties.putIfAbsent(quote.speaker.id, quote.speaker);
                }
                return new QuoteRecord(quote.text, quote.speaker == null ? null : quote.speaker.name);
            }).toList();
            List<CitationRecord> citationRecords = citations.getOrDefault(action.id, List.of()).stream().map(citation -> {
                sources.putIfAbsent(citation.source.id, citation.source);
                return new CitationRecord(citation.source.key, citation.excerpt);
            }).toList();
            actionRecords.add(new ActionRecord(action.key, action.kind, action.title, action.summary, action.occurredOn,
                    action.datePrecision, actors, targets,
                    action.respondsToId() == null ? null : actionKeys.get(action.respondsToId()),
                    quoteRecords, citationRecords));
        }
        Map<Long, List<Party>> coalitions = withRelatedParties(parties);
        return new Dataset(Dataset.FORMAT, Dataset.VERSION,
                sources.values().stream().sorted(Comparator.comparing(source -> source.id))
                        .map(s -> new SourceRecord(s.key, s.publisher, s.title, s.url, s.publishedOn)).toList(),
                partyRecords(parties, coalitions),
                actionRecords);
    }

    /**
     * Adds to the parties their parents, their coalitions and their coalitions' members, and theirs in turn, so that
     * partOf and memberOf resolve wherever the file is imported and no coalition loses a member on the way.
     * Answers the coalitions of every party, by the member's id.
     */
    private static Map<Long, List<Party>> withRelatedParties(Map<Long, Party> parties) {
        Map<Long, List<Party>> coalitions = new HashMap<>();
        Set<Long> looked = new HashSet<>();
        List<Party> toLook = List.copyOf(parties.values());
        while (!toLook.isEmpty()) {
            // a parent is read one level at a time: the reads know a party's parent by its id only
            List<Party> found = new ArrayList<>(PartyReads.withIds(toLook.stream().map(Party::partOfId)
                    .filter(id -> id != null && !parties.containsKey(id)).distinct().toList()));
            List<Long> ids = toLook.stream().map(party -> party.id).filter(looked::add).toList();
            for (PartyReads.Membership membership : PartyReads.membershipsOf(ids)) {
                List<Party> of = coalitions.computeIfAbsent(membership.member().id, id -> new ArrayList<>());
                if (of.stream().noneMatch(coalition -> coalition.id.equals(membership.coalition().id))) {
                    of.add(membership.coalition());
                }
                found.add(membership.coalition());
                found.add(membership.member());
            }
            toLook = found.stream().filter(party -> parties.putIfAbsent(party.id, party) == null
                    || !looked.contains(party.id)).toList();
        }
        return coalitions;
    }

    private static List<PartyRecord> partyRecords(Map<Long, Party> parties, Map<Long, List<Party>> coalitions) {
        List<Long> ids = List.copyOf(parties.keySet());
        Map<Long, List<PartyReads.Alias>> aliases = groupBy(PartyReads.aliasesOf(ids), PartyReads.Alias::partyId);
        return parties.values().stream().sorted(Comparator.comparing(party -> party.id))
                .map(party -> new PartyRecord(party.name, party.kind,
                        aliases.getOrDefault(party.id, List.of()).stream().map(PartyReads.Alias::name).toList(),
                        party.country, party.partOfId() == null ? null : parties.get(party.partOfId()).name,
                        coalitions.getOrDefault(party.id, List.of()).stream()
                                .sorted(Comparator.comparing(coalition -> coalition.id)).map(coalition -> coalition.name).toList()))
                .toList();
    }

    private static List<String> names(List<Involvement> involved, ActionRole role, Map<Long, Party> parties) {
        return involved.stream().filter(p -> p.role() == role).map(p -> {
            parties.putIfAbsent(p.party().id, p.party());
            return p.party().name;
        }).toList();
    }

    private static <T> Map<Long, List<T>> groupBy(List<T> rows, Function<T, Long> owner) {
        return rows.stream().collect(Collectors.groupingBy(owner));
    }
}
