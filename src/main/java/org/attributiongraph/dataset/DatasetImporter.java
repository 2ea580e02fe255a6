package org.attributiongraph.dataset;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
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
import jakarta.persistence.PersistenceException;

import org.attributiongraph.action.Action;
import org.attributiongraph.action.ActionDraft;
import org.attributiongraph.action.ActionDraft.CitationDraft;
import org.attributiongraph.action.ActionDraft.QuoteDraft;
import org.attributiongraph.action.ActionService;
import org.attributiongraph.dataset.Dataset.ActionRecord;
import org.attributiongraph.dataset.Dataset.CitationRecord;
import org.attributiongraph.dataset.Dataset.PartyRecord;
import org.attributiongraph.dataset.Dataset.SourceRecord;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.party.Party;
import org.attributiongraph.party.PartyDraft;
import org.attributiongraph.party.PartyName;
import org.attributiongraph.party.PartyService;
import org.attributiongraph.source.Source;
import org.attributiongraph.source.SourceDraft;
import org.attributiongraph.source.SourceService;
import org.attributiongraph.writing.RecordVersion;
import org.attributiongraph.writing.Writes;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Brings a dataset file into the record: the bundled seed at start, and every later import.
 * All or nothing: a single bad record and nothing is imported, with an error naming that record. The whole file is
 * resolved and checked first, then its new records are written in bulk (BulkInserter), not persisted one by one; only
 * the bulk load into an empty database writes while it checks, and undoes what it wrote when a record is refused.
 * Idempotent: sources and actions already present (by key) and parties already known (by name or alias)
 * are matched, not duplicated, so importing the same file twice changes nothing.
 */
@ApplicationScoped
public class DatasetImporter {

    private static final Logger LOG = Logger.getLogger(DatasetImporter.class);
    /** Actions checked between two writes of the bulk load. */
    private static final int CHUNK = 10_000;

    @Inject
    SourceService sourceService;

    @Inject
    PartyService partyService;

    @Inject
    ActionService actionService;

    @Inject
    EntityManager entityManager;

    /** A large import outlasts the default transaction timeout; this one applies where the import starts the transaction. */
    @Inject
    ImportConfig config;

    @Inject
    EmptyDatabaseLoad emptyDatabaseLoad;

    @Inject
    RecordVersion recordVersion;

    @Inject
    DatasetReader reader;

    /** Joins the caller's transaction (the start-up load has one), or runs in its own. */
    public ImportResult importDataset(Dataset dataset) {
        return QuarkusTransaction.joiningExisting().timeout(config.transactionTimeout()).call(() -> {
            long start = System.nanoTime();
            Plan plan = plan(dataset);
            long checked = System.nanoTime();
            Session session = entityManager.unwrap(Session.class);
            // anything Hibernate still holds for this transaction goes first, so the rows written here can refer to it
            session.flush();
            try {
                session.doWork(connection -> new BulkInserter(BulkInserter.dialectOf(session.getSessionFactory()), true,
                        BulkInserter.NOTHING_MORE).insert(connection, plan.sources(), plan.parties(), plan.actions()));
            } catch (PersistenceException failed) {
                throw Writes.clashAsConflict(failed, "the import");
            }
            LOG.infof("Import: %d actions checked in %d ms, written in %d ms", plan.actions().size(),
                    (checked - start) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
            return recorded(plan.result());
        });
    }

    /**
     * The start-up import of a dataset file: into an empty embedded H2 or PostgreSQL database it is a bulk load
     * (EmptyDatabaseLoad), much faster and still all-or-nothing; anywhere else the file is read whole and imported
     * as {@link #importDataset} imports. The bulk load reads, checks and writes the actions in one pass: each chunk's
     * participants, quotes and citations are written as soon as it is checked, and neither they nor the records
     * they were read from are kept, so that a big file is never all in memory at once. Its first error, in file
     * order, is the one reported.
     */
    public ImportResult importAtStart(InputStream json) {
        return QuarkusTransaction.joiningExisting().timeout(config.transactionTimeout()).call(() -> {
            if (!emptyDatabaseLoad.applies()) {
                return importDataset(reader.read(json));
            }
            try (DatasetReader.Streamed file = reader.stream(json)) {
                // the database is empty: nothing in the file can be in it already
                Records head = records(file.head());
                Map<String, Source> sources = new HashMap<>();
                List<Source> newSources = newSources(head.sources(), List.of(), sources, false);
                Map<String, Party> parties = new HashMap<>();
                List<Party> newParties = newParties(head.parties(), parties);
                NewActions actions = new NewActions(new HashMap<>(), parties, sources, 0);
                emptyDatabaseLoad.load((connection, inserter) -> {
                    inserter.insertSourcesAndParties(connection, newSources, newParties);
                    List<Action> chunk = new ArrayList<>(CHUNK);
                    for (ActionRecord record = file.nextAction(); record != null; record = file.nextAction()) {
                        Action action = actions.check(record);
                        if (action != null) {
                            chunk.add(action);
                        }
                        if (chunk.size() == CHUNK) {
                            inserter.insertActionDetails(connection, chunk);
                            chunk.clear();
                        }
                    }
                    inserter.insertActionDetails(connection, chunk);
                    inserter.insertActionRows(connection, actions.answered());
                });
                return recorded(new ImportResult(newSources.size(), newParties.size(), actions.newCount()));
            }
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
    private record Plan(List<Source> sources, List<Party> parties, List<Action> actions) {
        ImportResult result() {
            return new ImportResult(sources.size(), parties.size(), actions.size());
        }
    }

    /** The file's three lists, once it is known to be a dataset this service reads. */
    private record Records(List<SourceRecord> sources, List<PartyRecord> parties, List<ActionRecord> actions) {
    }

    private static Records records(Dataset dataset) {
        if (!Dataset.FORMAT.equals(dataset.format()) || dataset.version() != Dataset.VERSION) {
            throw new InvalidInputException("not a dataset this service reads: expected format \"" + Dataset.FORMAT
                    + "\" version " + Dataset.VERSION + ", got \"" + dataset.format() + "\" version " + dataset.version());
        }
        return new Records(listOf(dataset.sources()), listOf(dataset.parties()), listOf(dataset.actions()));
    }

    /** The whole import resolved and checked; the record may hold some of the file's records already. */
    private Plan plan(Dataset dataset) {
        Records records = records(dataset);
        Map<String, Source> sources = new HashMap<>();
        List<Source> newSources = newSources(records.sources(), records.actions(), sources, true);
        Map<String, Party> parties = knownParties(records.parties(), records.actions());
        List<Party> newParties = newParties(records.parties(), parties);
        NewActions actions = new NewActions(recordedActions(records.actions()), parties, sources, records.actions().size());
        records.actions().forEach(actions::check);
        return new Plan(newSources, newParties, actions.answered());
    }

    /** The recorded actions the file names, as itself or as what it answers, by key. */
    private static Map<String, Action> recordedActions(List<ActionRecord> records) {
        List<String> keys = new ArrayList<>();
        records.forEach(record -> keys.add(record.key()));
        records.forEach(record -> keys.add(record.respondsTo()));
        Map<String, Action> recorded = new HashMap<>();
        Action.findByKeys(keys.stream().filter(Objects::nonNull).distinct().toList())
                .forEach(action -> recorded.put(action.key, action));
        return recorded;
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
            String where = where("sources", i, record.key());
            if (!isNew(record.key(), seen, byKey, where, "source")) {
                continue;
            }
            Source source = new Source();
            source.key = record.key();
            added.add(sourceService.write(source,
                    new SourceDraft(record.publisher(), record.title(), record.url(), record.publishedOn()), where));
            byKey.put(source.key, source);
        }
        return added;
    }

    /** Where a record stands in the file, for its errors: "actions[3] 'key'". */
    private static String where(String list, int index, String name) {
        return list + "[" + index + "]" + (name == null ? "" : " '" + name + "'");
    }

    /**
     * Whether a keyed record of the file is to be added: a key the file repeats is refused, one already recorded
     * passed over (importing a file again adds nothing). seen collects the file's keys so far.
     */
    private static boolean isNew(String key, Set<String> seen, Map<String, ?> recorded, String where, String kind) {
        if (key != null && !seen.add(key)) {
            throw new InvalidInputException(where + ": repeats the key of an earlier " + kind);
        }
        return key == null || !recorded.containsKey(key);
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

    /**
     * The file's new parties, each written as the API writes one; fills known with their names. A file may name a
     * parent or coalition further down, so each is placed once every party of the file exists.
     */
    private List<Party> newParties(List<PartyRecord> records, Map<String, Party> known) {
        Map<Party, PartyRecord> created = new LinkedHashMap<>();
        Map<Party, String> whereCreated = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            PartyRecord record = records.get(i);
            String where = where("parties", i, record.name());
            PartyDraft draft = new PartyDraft(record.name(), record.kind(), record.aliases(), record.country(), null,
                    List.of()).check(where);
            Party existing = known.get(PartyName.keyOf(record.name()));
            if (existing != null) {
                if (whereCreated.containsKey(existing)) {
                    throw new InvalidInputException(where + ": repeats a name of " + whereCreated.get(existing));
                }
                continue;
            }
            Party party = partyService.write(new Party(), draft, names -> ownersIn(known, names), where);
            party.names.forEach(name -> known.put(name.nameKey, party));
            created.put(party, record);
            whereCreated.put(party, where);
        }
        created.forEach((party, record) -> {
            String where = whereCreated.get(party);
            Party parent = record.partOf() == null ? null
                    : named(record.partOf(), known, where + ": partOf '" + record.partOf() + "'");
            List<Party> coalitions = listOf(record.memberOf()).stream()
                    .map(name -> named(name, known, where + ": memberOf '" + name + "'")).toList();
            party.place(parent, coalitions, where);
        });
        List<Party> added = new ArrayList<>(created.keySet());
        Session session = entityManager.unwrap(Session.class);
        session.doWork(connection -> BulkInserter.assignPartyIds(connection, BulkInserter.dialectOf(session.getSessionFactory()),
                added));
        return added;
    }

    /** Who among the known parties goes by any of the names, by name key. */
    private static Map<String, Party> ownersIn(Map<String, Party> known, Collection<String> names) {
        Map<String, Party> owners = new HashMap<>();
        for (String name : names) {
            String key = PartyName.keyOf(name);
            Party owner = known.get(key);
            if (owner != null) {
                owners.put(key, owner);
            }
        }
        return owners;
    }

    private static Party named(String name, Map<String, Party> known, String what) {
        Party party = name == null ? null : known.get(PartyName.keyOf(name));
        if (party == null) {
            throw new InvalidInputException(what + " is neither a party in this file nor one already recorded");
        }
        return party;
    }

    /**
     * The file's new actions, each checked and made as the API writes one, record by record in file order; a file
     * may answer an action further down, so respondsTo is set once every action of the file exists.
     */
    private final class NewActions {

        private final Map<String, Source> sources;
        private final Map<String, Action> byKey;
        /** Names as written, each keyed once: a big file names the same parties millions of times. */
        private final Function<String, Party> parties;
        /** By position in the file, not in maps keyed by entity: a big file adds a million of them. Null: not new. */
        private final List<Action> added;
        /** The key each new action answers, by position; the records themselves are not kept. */
        private final List<String> respondsTo;
        private final Set<String> seen;

        /**
         * recorded: the actions of the record the file may name, by key, which the file's new actions then join;
         * expected: how many records, if known.
         */
        NewActions(Map<String, Action> recorded, Map<String, Party> partiesByKey, Map<String, Source> sources, int expected) {
            this.sources = sources;
            this.byKey = recorded;
            Map<String, Party> byName = new HashMap<>();
            this.parties = name -> byName.computeIfAbsent(name, n -> partiesByKey.get(PartyName.keyOf(n)));
            this.added = new ArrayList<>(expected);
            this.respondsTo = new ArrayList<>(expected);
            this.seen = new HashSet<>(capacityFor(expected));
        }

        /** How many of the records checked so far are new actions. */
        int newCount() {
            return (int) added.stream().filter(Objects::nonNull).count();
        }

        /** The action the file's next record adds, checked; null if the record holds it already. */
        Action check(ActionRecord record) {
            String where = where("actions", added.size(), record.key());
            if (!isNew(record.key(), seen, byKey, where, "action")) {
                added.add(null);
                respondsTo.add(null);
                return null;
            }
            ActionDraft draft = new ActionDraft(record.kind(), record.title(), record.summary(), record.occurredOn(),
                    record.datePrecision(), resolveParties(record.actors(), parties, where, "actor"),
                    resolveParties(record.targets(), parties, where, "target"), null,
                    listOf(record.quotes()).stream().map(quote -> new QuoteDraft(quote.text(), quote.speaker() == null ? null
                            : resolveParties(List.of(quote.speaker()), parties, where, "speaker").get(0))).toList(),
                    listOf(record.citations()).stream().map(citation -> new CitationDraft(
                            citedSource(citation, sources, where), citation.excerpt())).toList());
            Action action = new Action();
            action.key = record.key();
            actionService.write(action, draft, where);
            byKey.put(action.key, action);
            added.add(action);
            respondsTo.add(record.respondsTo());
            return action;
        }

        /** Once every record is checked: the new actions in file order, each answering what its record names. */
        List<Action> answered() {
            List<Action> actions = new ArrayList<>(added.size());
            for (int i = 0; i < added.size(); i++) {
                Action action = added.get(i);
                if (action == null) {
                    continue;
                }
                String answers = respondsTo.get(i);
                if (answers != null) {
                    Action answered = byKey.get(answers);
                    String where = where("actions", i, action.key);
                    if (answered == null) {
                        throw new InvalidInputException(where + ": respondsTo '" + answers
                                + "' is neither an action in this file nor one already recorded");
                    }
                    action.answer(answered, where);
                }
                actions.add(action);
            }
            return actions;
        }
    }

    /** A HashMap or HashSet's initial capacity for this many entries, so that filling it never rehashes. */
    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    private static Source citedSource(CitationRecord citation, Map<String, Source> sources, String where) {
        Source source = citation.source() == null ? null : sources.get(citation.source());
        if (source == null) {
            throw new InvalidInputException(where + ": cites source '" + citation.source()
                    + "', which is neither in this file nor already recorded");
        }
        return source;
    }

    private static List<Party> resolveParties(List<String> names, Function<String, Party> parties, String where, String role) {
        List<Party> resolved = new ArrayList<>();
        for (String name : listOf(names)) {
            Party party = name == null ? null : parties.apply(name);
            if (party == null) {
                throw new InvalidInputException(where + ": " + role + " '" + name
                        + "' is neither a party in this file nor one already recorded");
            }
            resolved.add(party);
        }
        return resolved;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
