package org.attributiongraph.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.attributiongraph.action.Action;
import org.attributiongraph.dataset.Dataset.ActionRecord;
import org.attributiongraph.dataset.Dataset.CitationRecord;
import org.attributiongraph.dataset.Dataset.PartyRecord;
import org.attributiongraph.dataset.Dataset.QuoteRecord;
import org.attributiongraph.dataset.Dataset.SourceRecord;
import org.attributiongraph.errors.ConflictException;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.party.Party;
import org.attributiongraph.party.PartyName;
import org.attributiongraph.source.Source;
import org.attributiongraph.writing.InputValidator;
import org.attributiongraph.writing.RecordVersion;
import org.hibernate.Session;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Brings a dataset file into the record: the bundled seed at start, and every later import.
 * All or nothing: a single bad record and nothing is imported, with an error naming that record. The whole file is
 * resolved and checked first; new records are then written in JDBC batches, not persisted one by one.
 * Idempotent: sources and actions already present (by key) and parties already known (by name or alias)
 * are matched, not duplicated, so importing the same file twice changes nothing.
 */
@ApplicationScoped
public class DatasetImporter {

    @Inject
    InputValidator validator;

    @Inject
    EntityManager entityManager;

    /** A large import outlasts the default transaction timeout; this one applies where the import starts the transaction. */
    @Inject
    ImportConfig config;

    @Inject
    EmptyDatabaseLoad emptyDatabaseLoad;

    @Inject
    RecordVersion recordVersion;

    /** Joins the caller's transaction (the start-up load has one), or runs in its own. */
    public ImportResult importDataset(Dataset dataset) {
        return QuarkusTransaction.joiningExisting().timeout(config.transactionTimeout()).call(() -> {
            Plan plan = plan(dataset, true);
            Session session = entityManager.unwrap(Session.class);
            // anything Hibernate still holds for this transaction goes first, so the rows written here can refer to it
            session.flush();
            session.doWork(connection -> new BulkInserter(BulkInserter.dialectOf(session.getSessionFactory()), true,
                    BulkInserter.NOTHING_MORE).insert(connection, plan.sources(), plan.parties(), plan.actions()));
            return recorded(plan.result());
        });
    }

    /**
     * The start-up import: into an empty embedded database it is a bulk load (EmptyDatabaseLoad), much faster and
     * still all-or-nothing; anywhere else it is {@link #importDataset}. Checks the whole file before writing anything.
     */
    public ImportResult importAtStart(Dataset dataset) {
        return QuarkusTransaction.joiningExisting().timeout(config.transactionTimeout()).call(() -> {
            if (!emptyDatabaseLoad.applies()) {
                return importDataset(dataset);
            }
            // the database is empty: nothing in the file can be in it already
            Plan plan = plan(dataset, false);
            QuarkusTransaction.suspendingExisting().run(() -> emptyDatabaseLoad.load(plan));
            return recorded(plan.result());
        });
    }

    /** Tells the replicas' response caches, in the caller's transaction, when an import added anything. */
    private ImportResult recorded(ImportResult added) {
        if (added.sourcesAdded() + added.partiesAdded() + added.actionsAdded() > 0) {
            recordVersion.changed();
        }
        return added;
    }

    /** What an import adds, resolved and checked, not yet written: the entities carry it to the BulkInserter. */
    record Plan(List<Source> sources, List<Party> parties, List<Action> actions) {
        ImportResult result() {
            return new ImportResult(sources.size(), parties.size(), actions.size());
        }
    }

    /** lookUp: whether the record may hold some of the file's records already. */
    private Plan plan(Dataset dataset, boolean lookUp) {
        if (!Dataset.FORMAT.equals(dataset.format()) || dataset.version() != Dataset.VERSION) {
            throw new InvalidInputException("not a dataset this service reads: expected format \"" + Dataset.FORMAT
                    + "\" version " + Dataset.VERSION + ", got \"" + dataset.format() + "\" version " + dataset.version());
        }
        List<SourceRecord> sourceRecords = listOf(dataset.sources());
        List<PartyRecord> partyRecords = listOf(dataset.parties());
        List<ActionRecord> actionRecords = listOf(dataset.actions());

        Map<String, Source> sources = new HashMap<>();
        List<Source> newSources = newSources(sourceRecords, actionRecords, sources, lookUp);
        Map<String, Party> parties = lookUp ? knownParties(partyRecords, actionRecords) : new HashMap<>();
        List<Party> newParties = newParties(partyRecords, parties);
        return new Plan(newSources, newParties, newActions(actionRecords, parties, sources, lookUp));
    }

    /** The file's new sources; fills byKey with every source the file refers to. */
    private List<Source> newSources(List<SourceRecord> records, List<ActionRecord> actions, Map<String, Source> byKey,
            boolean lookUp) {
        if (lookUp) {
            Set<String> keys = new HashSet<>();
            records.forEach(record -> keys.add(record.key()));
            actions.forEach(action -> listOf(action.citations()).forEach(citation -> keys.add(citation.source())));
            keys.remove(null);
            Source.findByKeys(keys).forEach(source -> byKey.put(source.key, source));
        }
        List<Source> added = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            SourceRecord record = records.get(i);
            String where = "sources[" + i + "]" + (record.key() == null ? "" : " '" + record.key() + "'");
            if (record.key() != null && !seen.add(record.key())) {
                throw new InvalidInputException(where + ": repeats the key of an earlier source");
            }
            if (record.key() != null && byKey.containsKey(record.key())) {
                continue;
            }
            Source source = new Source();
            source.key = record.key();
            source.publisher = record.publisher();
            source.title = record.title();
            source.url = record.url();
            source.publishedOn = record.publishedOn();
            added.add(validator.check(source, where));
            byKey.put(source.key, source);
        }
        return added;
    }

    /** Every party the file names anywhere that the record already knows, in one look-up, by name key. */
    private static Map<String, Party> knownParties(List<PartyRecord> parties, List<ActionRecord> actions) {
        // a big file names the same parties millions of times: each name is keyed once
        Set<String> names = new HashSet<>();
        for (PartyRecord party : parties) {
            names.add(party.name());
            names.addAll(listOf(party.aliases()));
            names.add(party.partOf());
            names.addAll(listOf(party.memberOf()));
        }
        for (ActionRecord action : actions) {
            names.addAll(listOf(action.actors()));
            names.addAll(listOf(action.targets()));
            listOf(action.quotes()).forEach(quote -> names.add(quote.speaker()));
        }
        return new HashMap<>(Party.findByNames(names.stream().filter(Objects::nonNull).filter(n -> !n.isBlank()).toList()));
    }

    private List<Party> newParties(List<PartyRecord> records, Map<String, Party> known) {
        Map<Party, String> partOfNames = new LinkedHashMap<>();
        Map<Party, List<String>> coalitionNames = new LinkedHashMap<>();
        Map<Party, String> whereCreated = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            PartyRecord record = records.get(i);
            String where = "parties[" + i + "]" + (record.name() == null ? "" : " '" + record.name() + "'");
            if (record.name() == null || record.name().isBlank()) {
                throw new InvalidInputException(where + ": name must not be blank");
            }
            Party existing = known.get(PartyName.keyOf(record.name()));
            if (existing != null) {
                if (whereCreated.containsKey(existing)) {
                    throw new InvalidInputException(where + ": repeats a name of " + whereCreated.get(existing));
                }
                continue;
            }
            List<String> aliases = listOf(record.aliases());
            for (String alias : aliases) {
                Party owner = alias == null ? null : known.get(PartyName.keyOf(alias));
                if (owner != null) {
                    throw new ConflictException(where + ": alias '" + alias + "' is already a name of '" + owner.name + "'");
                }
            }
            Party party = new Party();
            party.kind = record.kind();
            party.country = record.country();
            if (aliases.stream().anyMatch(alias -> alias == null || alias.isBlank())) {
                throw new InvalidInputException(where + ": aliases must not be blank");
            }
            party.rename(record.name(), aliases);
            validator.check(party, where);
            party.names.forEach(name -> known.put(name.nameKey, party));
            whereCreated.put(party, where);
            if (record.partOf() != null) {
                partOfNames.put(party, record.partOf());
            }
            coalitionNames.put(party, listOf(record.memberOf()));
        }
        partOfNames.forEach((party, parentName) -> {
            Party parent = known.get(PartyName.keyOf(parentName));
            if (parent == null) {
                throw new InvalidInputException(whereCreated.get(party) + ": partOf '" + parentName
                        + "' is neither a party in this file nor one already recorded");
            }
            party.partOf = parent;
        });
        partOfNames.keySet().forEach(party -> party.checkNoPartOfCycle(whereCreated.get(party)));
        coalitionNames.forEach((party, names) -> {
            List<Party> coalitions = new ArrayList<>();
            for (String name : names) {
                Party coalition = name == null ? null : known.get(PartyName.keyOf(name));
                if (coalition == null) {
                    throw new InvalidInputException(whereCreated.get(party) + ": memberOf '" + name
                            + "' is neither a party in this file nor one already recorded");
                }
                coalitions.add(coalition);
            }
            party.joinCoalitions(coalitions, whereCreated.get(party));
        });
        List<Party> added = new ArrayList<>(whereCreated.keySet());
        Session session = entityManager.unwrap(Session.class);
        session.doWork(connection -> BulkInserter.assignPartyIds(connection, BulkInserter.dialectOf(session.getSessionFactory()),
                added));
        return added;
    }

    private List<Action> newActions(List<ActionRecord> records, Map<String, Party> partiesByKey, Map<String, Source> sources,
            boolean lookUp) {
        Map<String, Action> byKey = new HashMap<>();
        if (lookUp) {
            List<String> keys = new ArrayList<>();
            records.forEach(record -> keys.add(record.key()));
            records.forEach(record -> keys.add(record.respondsTo()));
            Action.findByKeys(keys.stream().filter(Objects::nonNull).distinct().toList())
                    .forEach(action -> byKey.put(action.key, action));
        }
        // names as written, each keyed once: a big file names the same parties millions of times
        Map<String, Party> byName = new HashMap<>();
        Function<String, Party> parties = name -> byName.computeIfAbsent(name, n -> partiesByKey.get(PartyName.keyOf(n)));

        Map<Action, ActionRecord> added = new LinkedHashMap<>();
        Map<Action, String> whereAdded = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            ActionRecord record = records.get(i);
            String where = "actions[" + i + "]" + (record.key() == null ? "" : " '" + record.key() + "'");
            if (record.key() != null && !seen.add(record.key())) {
                throw new InvalidInputException(where + ": repeats the key of an earlier action");
            }
            if (record.key() != null && byKey.containsKey(record.key())) {
                continue;
            }
            Action action = new Action();
            action.key = record.key();
            action.kind = record.kind();
            action.title = record.title();
            action.summary = record.summary();
            action.dateTo(record.occurredOn(), record.datePrecision());
            List<Party> actors = resolveParties(listOf(record.actors()), parties, where + ": actor");
            if (actors.isEmpty()) {
                throw new InvalidInputException(where + ": an action needs at least one actor");
            }
            action.castParticipants(actors, resolveParties(listOf(record.targets()), parties, where + ": target"));
            for (QuoteRecord quote : listOf(record.quotes())) {
                action.addQuote(quote.text(), quote.speaker() == null ? null
                        : resolveParties(List.of(quote.speaker()), parties, where + ": speaker").get(0));
            }
            List<CitationRecord> citations = listOf(record.citations());
            if (citations.isEmpty()) {
                throw new InvalidInputException(where + ": an action needs at least one citation saying where it is known from");
            }
            for (CitationRecord citation : citations) {
                Source source = citation.source() == null ? null : sources.get(citation.source());
                if (source == null) {
                    throw new InvalidInputException(where + ": cites source '" + citation.source()
                            + "', which is neither in this file nor already recorded");
                }
                action.addCitation(source, citation.excerpt());
            }
            validator.check(action, where);
            byKey.put(action.key, action);
            added.put(action, record);
            whereAdded.put(action, where);
        }
        added.forEach((action, record) -> {
            if (record.respondsTo() != null) {
                Action answered = byKey.get(record.respondsTo());
                if (answered == null) {
                    throw new InvalidInputException(whereAdded.get(action) + ": respondsTo '" + record.respondsTo()
                            + "' is neither an action in this file nor one already recorded");
                }
                action.respondsTo = answered;
            }
        });
        added.keySet().forEach(action -> action.checkNoResponseCycle(whereAdded.get(action)));
        return new ArrayList<>(added.keySet());
    }

    private static List<Party> resolveParties(List<String> names, Function<String, Party> parties, String role) {
        List<Party> resolved = new ArrayList<>(names.size());
        for (String name : names) {
            Party party = name == null ? null : parties.apply(name);
            if (party == null) {
                throw new InvalidInputException(role + " '" + name + "' is neither a party in this file nor one already recorded");
            }
            if (!resolved.contains(party)) {
                resolved.add(party);
            }
        }
        return resolved;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
