package org.attributiongraph.dataset;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.attributiongraph.action.Action;
import org.attributiongraph.action.Citation;
import org.attributiongraph.action.Participant;
import org.attributiongraph.action.Quote;
import org.attributiongraph.database.DriverByUrl;
import org.attributiongraph.database.RecursiveStatements;
import org.attributiongraph.party.Party;
import org.attributiongraph.party.PartyName;
import org.attributiongraph.source.Source;
import org.hibernate.SessionFactory;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes the new sources, parties and actions of an import, already resolved and checked, on the given connection:
 * with COPY on PostgreSQL and JDBC batches elsewhere, never through Hibernate's per-entity persist, cascade and
 * flush, which is several times slower. The entities are only carriers here; they are not made managed.
 *
 * <p>
 * Ids come from the same sequences Hibernate uses, consistently with its pooled optimizer (allocation size 50):
 * a sequence value v reserves the ids v - 49 to v, and the first value, 1, reserves only itself. So later
 * inserts through Hibernate, here or in another instance sharing the database, never collide with these.
 */
final class BulkInserter {

    private static final int ALLOCATION_SIZE = 50;
    private static final int BATCH_SIZE = 1_000;
    /** Stamped as Hibernate's persist would (Recorded.stampCreated): who imported, and when. */
    private static final String AUDIT_COLUMNS = "created_at, created_by, updated_at, updated_by";

    /** Called after every batch sent, with the connection: the bulk load into an empty database commits there. */
    interface BatchSent {
        void after(Connection connection) throws SQLException;
    }

    static final BatchSent NOTHING_MORE = connection -> {
    };

    private final Dialect dialect;
    private final boolean foreignKeysChecked;
    private final BatchSent batchSent;

    /**
     * With foreignKeysChecked a new parent is written before its children (the database checks each row); without,
     * rows go in id order, which appends to each primary key instead of inserting into its middle.
     */
    BulkInserter(Dialect dialect, boolean foreignKeysChecked, BatchSent batchSent) {
        this.dialect = dialect;
        this.foreignKeysChecked = foreignKeysChecked;
        this.batchSent = batchSent;
    }

    /** Hibernate's dialect, for the sequence syntax. */
    static Dialect dialectOf(SessionFactory sessionFactory) {
        return sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
    }

    void insert(Connection connection, List<Source> sources, List<Party> parties, List<Action> actions) throws SQLException {
        insertSourcesAndParties(connection, sources, parties);
        if (!actions.isEmpty()) {
            assignIds(connection, "action_seq", actions, (action, id) -> action.id = id);
            insertActionRows(connection, actions);
            insertDetails(connection, actions);
        }
    }

    void insertSourcesAndParties(Connection connection, List<Source> sources, List<Party> parties) throws SQLException {
        if (!sources.isEmpty()) {
            insertSources(connection, sources);
        }
        if (!parties.isEmpty()) {
            insertParties(connection, parties);
        }
    }

    /**
     * A chunk of a bulk load's new actions, in file order: gives them their ids and writes their participants, quotes
     * and citations, which the actions then let go (they are written, and a million actions' worth would fill the
     * heap). The actions' own rows follow once every action is checked (insertActionRows): only without foreign keys.
     */
    void insertActionDetails(Connection connection, List<Action> chunk) throws SQLException {
        if (foreignKeysChecked) {
            throw new IllegalStateException("an action's details go in before the action only without foreign keys");
        }
        if (chunk.isEmpty()) {
            return;
        }
        assignIds(connection, "action_seq", chunk, (action, id) -> action.id = id);
        insertDetails(connection, chunk);
        for (Action action : chunk) {
            action.participants.clear();
            action.quotes.clear();
            action.citations.clear();
        }
    }

    private void insertSources(Connection connection, List<Source> sources) throws SQLException {
        assignIds(connection, "source_seq", sources, (source, id) -> source.id = id);
        try (Rows rows = rows(connection, "source", "id, dataset_key, publisher, title, url, published_on, " + AUDIT_COLUMNS)) {
            for (Source source : sources) {
                source.stampCreated();
                rows.add(source.id, source.key, source.publisher, source.title, source.url, source.publishedOn,
                        source.createdAt, source.createdBy, source.updatedAt, source.updatedBy);
            }
        }
    }

    /** Casting an action's participants tells parties apart by id: new parties get theirs as soon as they are checked. */
    static void assignPartyIds(Connection connection, Dialect dialect, List<Party> parties) throws SQLException {
        assignIds(connection, dialect, "party_seq", parties, (party, id) -> party.id = id);
    }

    /** The parties have their ids already (assignPartyIds). */
    private void insertParties(Connection connection, List<Party> parties) throws SQLException {
        List<PartyName> names = parties.stream().flatMap(party -> party.names.stream()).toList();
        assignIds(connection, "party_name_seq", names, (name, id) -> name.id = id);
        try (Rows rows = rows(connection, "party", "id, name, name_key, kind, country, part_of_id, version, " + AUDIT_COLUMNS)) {
            for (Party party : inOrder(parties, party -> party.partOf)) {
                party.stampCreated();
                rows.add(party.id, party.name, party.nameKey, party.kind.name(), party.country, party.partOfId(), 0,
                        party.createdAt, party.createdBy, party.updatedAt, party.updatedBy);
            }
        }
        try (Rows rows = rows(connection, "party_name", "id, party_id, name, name_key, alias")) {
            for (PartyName name : names) {
                rows.add(name.id, name.party.id, name.name, name.nameKey, name.alias);
            }
        }
        // after every new party, so a coalition new in this import is there for its members' rows
        try (Rows rows = rows(connection, "party_member", "coalition_id, member_id")) {
            for (Party member : parties) {
                for (Party coalition : member.memberOf) {
                    rows.add(coalition.id, member.id);
                }
            }
        }
    }

    /** The actions' own rows; they have their ids. */
    void insertActionRows(Connection connection, List<Action> actions) throws SQLException {
        try (Rows rows = rows(connection, "action", "id, dataset_key, kind, title, summary, occurred_on, date_precision,"
                + " responds_to_id, version, " + AUDIT_COLUMNS)) {
            for (Action action : inOrder(actions, action -> action.respondsTo)) {
                action.stampCreated();
                rows.add(action.id, action.key, action.kind.name(), action.title, action.summary, action.occurredOn,
                        action.datePrecision == null ? null : action.datePrecision.name(), action.respondsToId(), 0,
                        action.createdAt, action.createdBy, action.updatedAt, action.updatedBy);
            }
        }
    }

    /** The participants, quotes and citations of actions that have their ids. */
    private void insertDetails(Connection connection, List<Action> actions) throws SQLException {
        List<Participant> participants = actions.stream().flatMap(action -> action.participants.stream()).toList();
        List<Quote> quotes = actions.stream().flatMap(action -> action.quotes.stream()).toList();
        List<Citation> citations = actions.stream().flatMap(action -> action.citations.stream()).toList();
        assignIds(connection, "action_participant_seq", participants, (participant, id) -> participant.id = id);
        assignIds(connection, "quote_seq", quotes, (quote, id) -> quote.id = id);
        assignIds(connection, "citation_seq", citations, (citation, id) -> citation.id = id);
        try (Rows rows = rows(connection, "action_participant", "id, action_id, party_id, role, position")) {
            for (Participant participant : participants) {
                rows.add(participant.id, participant.action.id, participant.party.id, participant.role.name(),
                        participant.position);
            }
        }
        try (Rows rows = rows(connection, "quote", "id, action_id, position, text, speaker_id")) {
            for (Quote quote : quotes) {
                rows.add(quote.id, quote.action.id, quote.position, quote.text, quote.speaker == null ? null : quote.speaker.id);
            }
        }
        try (Rows rows = rows(connection, "citation", "id, action_id, source_id, position, excerpt")) {
            for (Citation citation : citations) {
                rows.add(citation.id, citation.action.id, citation.source.id, citation.position, citation.excerpt);
            }
        }
    }

    private <T> List<T> inOrder(List<T> items, Function<T, T> parentOf) {
        return foreignKeysChecked ? parentsFirst(items, parentOf) : items;
    }

    /**
     * The new items ordered so that an item's parent (partOf, respondsTo), when it is new too, comes before it: the
     * foreign keys are checked row by row. Depth is the number of new ancestors; the importer refused cycles.
     * Ids were given in file order before this, so the record keeps the order the file lists things in.
     */
    private static <T> List<T> parentsFirst(List<T> items, Function<T, T> parentOf) {
        Map<T, Integer> depths = new IdentityHashMap<>();
        items.forEach(item -> depths.put(item, -1));
        for (T item : items) {
            List<T> unknown = new ArrayList<>();
            T at = item;
            while (at != null && depths.containsKey(at) && depths.get(at) < 0) {
                unknown.add(at);
                at = parentOf.apply(at);
            }
            int depth = at != null && depths.containsKey(at) ? depths.get(at) : -1;
            for (int i = unknown.size() - 1; i >= 0; i--) {
                depths.put(unknown.get(i), ++depth);
            }
        }
        List<T> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.comparingInt(depths::get));
        return ordered;
    }

    private interface IdSetter<T> {
        void set(T item, long id);
    }

    /** Draws enough values from the sequence for every item and hands out the ids each value reserves. */
    private <T> void assignIds(Connection connection, String sequence, List<T> items, IdSetter<T> setter)
            throws SQLException {
        assignIds(connection, dialect, sequence, items, setter);
    }

    private static <T> void assignIds(Connection connection, Dialect dialect, String sequence, List<T> items,
            IdSetter<T> setter)
            throws SQLException {
        int next = 0;
        while (next < items.size()) {
            int values = (items.size() - next + ALLOCATION_SIZE - 1) / ALLOCATION_SIZE;
            // one statement draws them all: a counting CTE runs the same on H2 and PostgreSQL
            String draw = RecursiveStatements.select(
                    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)",
                    dialect.getSequenceSupport().getSelectSequenceNextValString(sequence), "n", null);
            try (PreparedStatement statement = connection.prepareStatement(draw)) {
                statement.setInt(1, values);
                try (ResultSet drawn = statement.executeQuery()) {
                    while (drawn.next() && next < items.size()) {
                        long value = drawn.getLong(1);
                        for (long id = Math.max(1, value - ALLOCATION_SIZE + 1); id <= value && next < items.size(); id++) {
                            setter.set(items.get(next++), id);
                        }
                    }
                }
            }
        }
    }

    /**
     * Where the rows of one table go. PostgreSQL's COPY streams them in one statement, without a parse, bind and
     * execute per row; any other database gets JDBC batches of INSERTs.
     */
    private Rows rows(Connection connection, String table, String columns) throws SQLException {
        return connection.isWrapperFor(PGConnection.class) ? new CopyRows(connection, table, columns)
                : new InsertBatch(connection, table, columns, batchSent);
    }

    private interface Rows extends AutoCloseable {
        /** One row, its values in the order of the columns given. */
        void add(Object... values) throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** One INSERT statement fed row by row and sent to the database a thousand rows at a time. */
    private static final class InsertBatch implements Rows {

        private final Connection connection;
        private final PreparedStatement statement;
        private final BatchSent sent;
        private int pending;

        InsertBatch(Connection connection, String table, String columns, BatchSent sent) throws SQLException {
            this.connection = connection;
            String parameters = String.join(", ", Collections.nCopies(columns.split(",").length, "?"));
            this.statement = connection.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES (" + parameters + ")");
            this.sent = sent;
        }

        private void send() throws SQLException {
            statement.executeBatch();
            pending = 0;
            sent.after(connection);
        }

        @Override
        public void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            statement.addBatch();
            if (++pending == BATCH_SIZE) {
                send();
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    send();
                }
            } finally {
                statement.close();
            }
        }
    }

    /**
     * One COPY ... FROM STDIN in PostgreSQL's text format, in the caller's transaction: a failure anywhere, a foreign
     * key the server finds broken included, rolls the whole import back with it.
     */
    private static final class CopyRows implements Rows {

        private static final int BUFFERED_CHARS = 1 << 16;

        private final CopyIn copy;
        private final StringBuilder buffered = new StringBuilder(BUFFERED_CHARS + 1024);

        CopyRows(Connection connection, String table, String columns) throws SQLException {
            // a table's rows in one statement take as long as they take; the limit is back when the transaction ends
            DriverByUrl.setStatementTimeout(connection, 0, true);
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        }

        @Override
        public void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffered.append('\t');
                }
                appendText(values[i]);
            }
            buffered.append('\n');
            if (buffered.length() >= BUFFERED_CHARS) {
                send();
            }
        }

        private void appendText(Object value) {
            if (value == null) {
                buffered.append("\\N");
                return;
            }
            if (value instanceof Boolean yes) {
                buffered.append(yes ? 't' : 'f');
                return;
            }
            // numbers, ISO dates and timestamps print as PostgreSQL reads them; only text needs escaping
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> buffered.append("\\\\");
                    case '\n' -> buffered.append("\\n");
                    case '\r' -> buffered.append("\\r");
                    case '\t' -> buffered.append("\\t");
                    default -> buffered.append(c);
                }
            }
        }

        private void send() throws SQLException {
            byte[] bytes = buffered.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffered.setLength(0);
        }

        /** Ends the COPY: the server checks the foreign keys of its rows now. After a failure the rollback undoes it. */
        @Override
        public void close() throws SQLException {
            if (!copy.isActive()) {
                return;
            }
            send();
            copy.endCopy();
        }
    }
}
