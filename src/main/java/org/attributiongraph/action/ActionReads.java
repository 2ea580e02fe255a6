package org.attributiongraph.action;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

import org.attributiongraph.batching.Batches;
import org.attributiongraph.database.PlainColumns;
import org.attributiongraph.database.PlainStatement;
import org.attributiongraph.database.PlainStatement.Layout;
import org.attributiongraph.database.RecursiveStatements;
import org.attributiongraph.paging.PageRequest;
import org.attributiongraph.party.Party;
import org.attributiongraph.party.PartyRows;
import org.attributiongraph.source.SourceRows;
import org.attributiongraph.storable.StorableDates;
import org.hibernate.jpa.HibernateHints;

import io.quarkus.panache.common.Parameters;

/**
 * Every read of actions and of what hangs off them, in one place: the GraphQL fields and the dataset export fetch
 * through here; the write path keeps to the entities. Whatever is read here is read-only: Hibernate keeps no
 * snapshot of it to compare at flush. The batched reads behind the GraphQL fields, and the lookup by id, build their
 * actions and parties from the rows as plain objects ({@link ActionRows}, {@link PartyRows}): no persistence context
 * holds them, so the same party read twice is two objects. Quotes and citations come the same way, with their
 * speakers and sources. Rows that are not entities of their own (who took part, thread rows) come back as records.
 */
public final class ActionReads {

    private ActionReads() {
    }

    /** Who took part in an action: a party, the role it played, in the order the action names them. */
    public record Involvement(long actionId, ActionRole role, Party party) {
    }

    /** A row of a response tree: the id of the action at the top, an action below it and how far below. */
    public record ThreadRow(long rootId, Action action, int depth) {
    }

    /** The columns each read selects, under the alias its statement gives the table. */
    private static final PlainColumns.Aliased ACTION = ActionRows.COLUMNS.as("a");
    private static final PlainColumns.Aliased PARTY = PartyRows.COLUMNS.as("party");
    private static final PlainColumns.Aliased QUOTE = ActionRows.QUOTE_COLUMNS.as("q");
    private static final PlainColumns.Aliased SPEAKER = PartyRows.COLUMNS.as("speaker");
    private static final PlainColumns.Aliased CITATION = ActionRows.CITATION_COLUMNS.as("c");
    private static final PlainColumns.Aliased SOURCE = SourceRows.COLUMNS.as("source");

    /** A participant's role and party, selected beside an action when {@link #partiesJoin} brings its parties. */
    private static final String PARTICIPANT = "ap.role AS involved_role, " + PARTY.select();

    /** What the rows of each read hold, in select order. */
    private static final Layout ACTIONS = PlainStatement.layout(ACTION);
    private static final Layout INVOLVEMENTS = PlainStatement.layout(Long.class, String.class, PARTY);
    private static final Layout QUOTES = PlainStatement.layout(QUOTE, SPEAKER);
    private static final Layout CITATIONS = PlainStatement.layout(CITATION, SOURCE);
    private static final Layout THREAD_ROWS = PlainStatement.layout(Long.class, Integer.class, String.class, ACTION);
    private static final Layout THREAD_ROWS_WITH_PARTIES = PlainStatement.layout(Long.class, Integer.class, String.class,
            ACTION, String.class, PARTY, Integer.class);
    private static final Layout PAGE_ROWS = PlainStatement.layout(Long.class, ACTION);
    private static final Layout LEVELS = PlainStatement.layout(Integer.class, ACTION);
    private static final Layout LEVELS_WITH_PARTIES = PlainStatement.layout(Integer.class, ACTION, String.class, PARTY,
            Integer.class);
    private static final Layout ACTIONS_WITH_PARTIES = PlainStatement.layout(ACTION, String.class, PARTY);
    private static final Layout PAGE_ROWS_WITH_PARTIES = PlainStatement.layout(Long.class, ACTION, String.class, PARTY);
    private static final Layout COUNTS = PlainStatement.layout(Long.class, Long.class);

    /** The actions with these ids that exist, in no particular order; unknown ids are left out. */
    public static List<Action> withIds(Collection<Long> ids) {
        return Batches.inChunks(ids, chunk -> actions("SELECT " + ACTION.select() + " FROM action a WHERE a.id = ANY(?)",
                chunk, null));
    }

    /** The action with this id, or null. */
    public static Action withId(long id) {
        List<Action> found = PlainStatement.of(Action.getEntityManager(),
                "SELECT " + ACTION.select() + " FROM action a WHERE a.id = ?").parameter(id)
                .rows(ACTIONS, row -> ActionRows.read(row, 0));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every action in the order it was recorded, as plain objects: an export of the whole record fills no session. */
    public static List<Action> all() {
        return PlainStatement.of(Action.getEntityManager(), "SELECT " + ACTION.select() + " FROM action a ORDER BY a.id")
                .rows(ACTIONS, row -> ActionRows.read(row, 0));
    }

    /**
     * The actions answering any of these, oldest first; of one kind when one is given; with their parties in the
     * roles given ({@link #partiesJoin}).
     */
    public static List<Action> responsesTo(Collection<Long> ids, ActionKind kind, Set<ActionRole> withParties) {
        String kindFilter = kind == null ? "" : " AND a.kind = ?";
        if (withParties.isEmpty()) {
            return Batches.inChunks(ids, chunk -> actions("SELECT " + ACTION.select() + " FROM action a"
                    + " WHERE a.responds_to_id = ANY(?)" + kindFilter + " ORDER BY a.id", chunk, kind));
        }
        return Batches.inChunks(ids, chunk -> {
            PlainStatement statement = PlainStatement.of(Action.getEntityManager(), "SELECT " + ACTION.select() + ", "
                    + PARTICIPANT + " FROM action a" + partiesJoin(withParties) + " WHERE a.responds_to_id = ANY(?)"
                    + kindFilter + " ORDER BY a.id, ap.role, ap.position");
            bindRole(statement, withParties).ids(chunk);
            if (kind != null) {
                statement.parameter(kind.name());
            }
            return withTheirParties(statement.rows(ACTIONS_WITH_PARTIES, row -> row), 1, 0, withParties,
                    (row, action) -> action);
        });
    }

    /**
     * The actions answering any of these, oldest first, of one kind when one is given, each holding every action
     * that answers it ({@link Action#responsesRead}): two levels of responses in one statement, where a level of
     * responses whose own responses the query asks for would take two. Both levels come with their parties in the
     * roles given ({@link #partiesJoin}): those either level asks for.
     */
    public static List<Action> responsesWithTheirs(Collection<Long> ids, ActionKind kind, Set<ActionRole> withParties) {
        boolean joined = !withParties.isEmpty();
        String columns = ACTION.select() + (joined ? ", " + PARTICIPANT + ", ap.position AS involved_position" : "");
        String parties = joined ? partiesJoin(withParties) : "";
        // the level below answers those of the kind (r)
        String kindFilter = kind == null ? "" : " AND %s.kind = ?";
        // under one outermost SELECT, which H2 keeps parsed (RecursiveStatements); the ORDER BY names output columns
        String sql = "SELECT * FROM (SELECT 1 AS response_level, " + columns + " FROM action a" + parties
                + " WHERE a.responds_to_id = ANY(?)" + kindFilter.formatted("a")
                + " UNION ALL SELECT 2, " + columns + " FROM action r JOIN action a ON a.responds_to_id = r.id"
                + parties + " WHERE r.responds_to_id = ANY(?)" + kindFilter.formatted("r") + ") levels"
                + " ORDER BY response_level, a_id" + (joined ? ", involved_role, involved_position" : "");
        List<Object[]> rows = Batches.inChunks(ids, chunk -> {
            PlainStatement statement = PlainStatement.of(Action.getEntityManager(), sql);
            // each level binds its joins' role, the ids and the kind
            for (int level = 1; level <= 2; level++) {
                bindRole(statement, withParties).ids(chunk);
                if (kind != null) {
                    statement.parameter(kind.name());
                }
            }
            return statement.rows(joined ? LEVELS_WITH_PARTIES : LEVELS, row -> row);
        });
        List<Levelled> levelled = joined
                ? withTheirParties(rows, 2, 1, withParties, (row, action) -> new Levelled((Integer) row[0], action))
                : rows.stream().map(row -> new Levelled((Integer) row[0], ActionRows.read(row, 1))).toList();
        Map<Long, Action> responses = new LinkedHashMap<>();
        levelled.stream().filter(row -> row.level() == 1).forEach(row -> {
            row.action().responsesRead = new ArrayList<>();
            responses.put(row.action().id, row.action());
        });
        levelled.stream().filter(row -> row.level() == 2)
                .forEach(row -> responses.get(row.action().respondsToId()).responsesRead.add(row.action()));
        return new ArrayList<>(responses.values());
    }

    /** An action of {@link #responsesWithTheirs} and its level: 1 answers one of the ids, 2 answers a 1. */
    private record Levelled(int level, Action action) {
    }

    /**
     * The joins that bring, beside each row of an action {@code a}, its parties in the roles given (both, or one):
     * a row for each, in role then position order when the statement orders by {@code ap.role, ap.position}, or
     * one row of nulls for an action with none in those roles. One statement then answers a level's actions and
     * the actors or targets the query asks of them, where a statement of their own would follow. The role, if one,
     * is the first parameter it binds ({@link #bindRole}).
     */
    private static String partiesJoin(Set<ActionRole> roles) {
        return " LEFT JOIN action_participant ap ON ap.action_id = a.id" + (roles.size() == 1 ? " AND ap.role = ?" : "")
                + " LEFT JOIN party party ON party.id = ap.party_id";
    }

    private static PlainStatement bindRole(PlainStatement statement, Set<ActionRole> roles) {
        return roles.size() == 1 ? statement.parameter(roles.iterator().next().name()) : statement;
    }

    /**
     * Folds the rows of a statement with {@link #partiesJoin}, which orders each action's rows next to each other:
     * each run of rows alike in their first keyWidth columns is one action, read from the columns at actionAt, with
     * the parties of the run, whose participant columns follow the action's. make gives what the caller keeps of
     * the run's first row and its action.
     */
    private static <T> List<T> withTheirParties(List<Object[]> rows, int keyWidth, int actionAt, Set<ActionRole> roles,
            BiFunction<Object[], Action, T> make) {
        int partyAt = actionAt + ActionRows.COLUMNS.width();
        List<T> folded = new ArrayList<>();
        Object[] runStart = null;
        Action action = null;
        for (Object[] row : rows) {
            if (runStart == null || !Arrays.equals(runStart, 0, keyWidth, row, 0, keyWidth)) {
                runStart = row;
                action = withPartiesRead(ActionRows.read(row, actionAt), roles);
                folded.add(make.apply(row, action));
            }
            addParty(action, row, partyAt);
        }
        return folded;
    }

    /** The action, marked as holding its parties in these roles, none added yet. */
    private static Action withPartiesRead(Action action, Set<ActionRole> roles) {
        action.partiesRead = new EnumMap<>(ActionRole.class);
        roles.forEach(role -> action.partiesRead.put(role, new ArrayList<>()));
        return action;
    }

    /**
     * Adds the party of a row of {@link #partiesJoin} (its role at the index given, then its columns) to the
     * action's, unless the row has none or repeats the party before it: a party's page in any role has two rows for
     * an action it both did and suffered, and so two of each of its parties, next to each other.
     */
    private static void addParty(Action action, Object[] row, int at) {
        if (row[at] == null) {
            return;
        }
        List<Party> parties = action.partiesRead.get(ActionRole.valueOf((String) row[at]));
        Party party = PartyRows.read(row, at + 1);
        if (parties.isEmpty() || !parties.get(parties.size() - 1).id.equals(party.id)) {
            parties.add(party);
        }
    }

    /**
     * Who took part in these actions, in one role or (role null) both, each action's in role then position order:
     * one statement per thousand actions, with the parties and without an entity per participant row. The ids
     * travel as one array, joined as a table: H2 then looks up each id in the (action, role, party) index even with
     * the role fixed, where with {@code = ANY} and a role it scans the whole index.
     */
    public static List<Involvement> involvements(Collection<Long> actionIds, ActionRole role) {
        return Batches.inChunks(actionIds, chunk -> {
            PlainStatement statement = PlainStatement.of(Action.getEntityManager(),
                    "SELECT p.action_id AS involved_action, p.role AS involved_role, " + PARTY.select()
                    + " FROM UNNEST(?) ids (id) JOIN action_participant p ON p.action_id = ids.id"
                    + " JOIN party party ON party.id = p.party_id" + (role == null ? "" : " WHERE p.role = ?")
                    + " ORDER BY p.action_id, p.role, p.position").ids(chunk);
            if (role != null) {
                statement.parameter(role.name());
            }
            return statement.rows(INVOLVEMENTS, row -> new Involvement((Long) row[0],
                    ActionRole.valueOf((String) row[1]), PartyRows.read(row, 2)));
        });
    }

    /** The quotes of these actions with their speakers, each action's in order. */
    public static List<Quote> quotesOf(Collection<Long> actionIds) {
        return Batches.inChunks(actionIds, chunk -> PlainStatement.of(Action.getEntityManager(),
                "SELECT " + QUOTE.select() + ", " + SPEAKER.select()
                        + " FROM quote q LEFT JOIN party speaker ON speaker.id = q.speaker_id"
                        + " WHERE q.action_id = ANY(?) ORDER BY q.action_id, q.position").ids(chunk)
                .rows(QUOTES, ActionRows::quote));
    }

    /** The citations of these actions with their sources, each action's in order. */
    public static List<Citation> citationsOf(Collection<Long> actionIds) {
        return Batches.inChunks(actionIds, chunk -> PlainStatement.of(Action.getEntityManager(),
                "SELECT " + CITATION.select() + ", " + SOURCE.select()
                        + " FROM citation c JOIN source source ON source.id = c.source_id"
                        + " WHERE c.action_id = ANY(?) ORDER BY c.action_id, c.position").ids(chunk)
                .rows(CITATIONS, ActionRows::citation));
    }

    /**
     * The response trees under the roots (the first parameter, an array) to as many levels as the second: root,
     * action, depth and path.
     */
    private static final String THREAD_TREE = """
            WITH RECURSIVE thread (root_id, action_id, depth, path) AS (
                SELECT a.responds_to_id, a.id, 1, CAST(LPAD(CAST(a.id AS VARCHAR(19)), 19, '0') AS VARCHAR(1000))
                FROM action a WHERE a.responds_to_id = ANY(?)
              UNION ALL
                SELECT t.root_id, a.id, t.depth + 1,
                       CAST(t.path || '/' || LPAD(CAST(a.id AS VARCHAR(19)), 19, '0') AS VARCHAR(1000))
                FROM action a JOIN thread t ON a.responds_to_id = t.action_id
                WHERE t.depth < ?
            )""";
    private static final String THREAD_COLUMNS = "t.root_id AS thread_root, t.depth AS thread_depth, t.path AS thread_path, "
            + ACTION.select();
    private static final String THREAD_ACTIONS = "thread t JOIN action a ON a.id = t.action_id";
    /** The trees with their actions, depth-first. */
    private static final String THREAD = RecursiveStatements.select(THREAD_TREE, THREAD_COLUMNS, THREAD_ACTIONS,
            "thread_root, thread_path");

    /**
     * The response trees under the given actions, depth-first (siblings oldest first), to maxDepth levels, with
     * their actions, in one recursive statement that H2 and PostgreSQL both run; with the actions' parties in the
     * roles given ({@link #partiesJoin}). The path orders the walk: zero-padded ids.
     */
    public static List<ThreadRow> threadRows(List<Long> rootIds, int maxDepth, Set<ActionRole> withParties) {
        if (rootIds.isEmpty()) {
            return List.of();
        }
        if (withParties.isEmpty()) {
            return PlainStatement.of(Action.getEntityManager(), THREAD).ids(rootIds).parameter(maxDepth)
                    .rows(THREAD_ROWS, row -> new ThreadRow((Long) row[0], ActionRows.read(row, 3), (Integer) row[1]));
        }
        // the ORDER BY of a recursive statement names output columns only (RecursiveStatements)
        PlainStatement statement = PlainStatement.of(Action.getEntityManager(), RecursiveStatements.select(THREAD_TREE,
                THREAD_COLUMNS + ", " + PARTICIPANT + ", ap.position AS involved_position",
                THREAD_ACTIONS + partiesJoin(withParties), "thread_root, thread_path, involved_role, involved_position"))
                .ids(rootIds).parameter(maxDepth);
        // the joins are in both halves of the statement
        bindRole(bindRole(statement, withParties), withParties);
        // a row's root, depth and path name its place in the walk: an action under two roots is two places
        return withTheirParties(statement.rows(THREAD_ROWS_WITH_PARTIES, row -> row), 3, 3, withParties,
                (row, action) -> new ThreadRow((Long) row[0], action, (Integer) row[1]));
    }

    /** The filters of the top-level actions query, shared by its page and its count. */
    public record Filter(ActionKind kind, Long actorId, Long targetId, LocalDate from, LocalDate to) {

        String where(Parameters params) {
            StringBuilder where = new StringBuilder("1 = 1");
            if (kind != null) {
                where.append(" and a.kind = :kind");
                params.and("kind", kind);
            }
            if (actorId != null) {
                where.append(" and exists (select 1 from Participant p where p.action = a and p.role = :actor and p.party.id = :actorId)");
                params.and("actor", ActionRole.ACTOR).and("actorId", actorId);
            }
            if (targetId != null) {
                where.append(" and exists (select 1 from Participant p where p.action = a and p.role = :target and p.party.id = :targetId)");
                params.and("target", ActionRole.TARGET).and("targetId", targetId);
            }
            if (from != null) {
                where.append(" and a.occurredOn >= :from");
                params.and("from", StorableDates.clamp(from));
            }
            if (to != null) {
                where.append(" and a.occurredOn <= :to");
                params.and("to", StorableDates.clamp(to));
            }
            return where.toString();
        }

        /**
         * Recorded order. With a kind, the kind leads the ORDER BY although it is fixed: H2 reads the (kind, id)
         * index in order, and stops at the page, only when the ORDER BY names the index's columns from the first;
         * ordered by id alone it reads every action of the kind and sorts them.
         */
        String order() {
            return kind != null ? "a.kind, a.id" : "a.id";
        }
    }

    /** One page of actions in the order they were recorded. */
    public static List<Action> page(Filter filter, PageRequest page) {
        Parameters params = new Parameters();
        String where = filter.where(params);
        if (page.hasAfter()) {
            where += " and a.id > :afterId";
            params.and("afterId", page.afterId());
        }
        return Action.find("from Action a where " + where + " order by " + filter.order(), params).page(0, page.probeSize())
                .withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    public static long count(Filter filter) {
        Parameters params = new Parameters();
        return Action.find("from Action a where " + filter.where(params), params).count();
    }

    /**
     * One page of actions for each of many parties, with the actions, in a single statement. Each party gets its
     * own subquery that walks its index entries in action order and stops at the page size, so a page costs the
     * same for a party in a handful of actions as for one in a hundred thousand (numbering all of a popular party's
     * involvements with a window function grows with them). UNION ALL of LIMITed subqueries runs on H2 and
     * PostgreSQL alike.
     */
    static Map<Long, List<Action>> actionPagesOf(List<Long> partyIds, ActionRole role, ActionKind kind, PageRequest page,
            Set<ActionRole> withParties) {
        if (partyIds.isEmpty()) {
            return Map.of();
        }
        // with any role, a party that is both actor and target of an action has two rows for it: twice the rows
        // always hold a full page of distinct actions
        int rowsPerParty = role == null ? 2 * page.probeSize() : page.probeSize();
        // ordered by the whole index prefix and filtered by kind with EXISTS, not a join: so H2 reads the index in
        // order and stops at the page size instead of sorting every row of the party (checked with EXPLAIN ANALYZE)
        String perParty = "(SELECT p.party_id, p.action_id FROM action_participant p"
                + " WHERE p.party_id = ?" + (role != null ? " AND p.role = ?" : "") + " AND p.action_id > ?"
                + (kind != null ? " AND EXISTS (SELECT 1 FROM action a WHERE a.id = p.action_id AND a.kind = ?)" : "")
                + " ORDER BY p.party_id, " + (role != null ? "p.role, " : "") + "p.action_id"
                + " FETCH FIRST " + rowsPerParty + " ROWS ONLY)";
        boolean joined = !withParties.isEmpty();
        String sql = "SELECT page.party_id AS page_party_id, " + ACTION.select() + (joined ? ", " + PARTICIPANT : "")
                + " FROM (" + String.join(" UNION ALL ", Collections.nCopies(partyIds.size(), perParty))
                + ") page JOIN action a ON a.id = page.action_id"
                + (joined ? partiesJoin(withParties) + " ORDER BY page.party_id, a.id, ap.role, ap.position" : "");
        PlainStatement statement = PlainStatement.of(Action.getEntityManager(), sql);
        for (Long partyId : partyIds) {
            statement.parameter(partyId);
            if (role != null) {
                statement.parameter(role.name());
            }
            statement.parameter(page.afterId());
            if (kind != null) {
                statement.parameter(kind.name());
            }
        }
        if (joined) {
            bindRole(statement, withParties);
        }
        Map<Long, TreeMap<Long, Action>> byParty = new LinkedHashMap<>();
        for (Object[] row : statement.rows(joined ? PAGE_ROWS_WITH_PARTIES : PAGE_ROWS, row -> row)) {
            TreeMap<Long, Action> actions = byParty.computeIfAbsent((Long) row[0], id -> new TreeMap<>());
            Action action = actions.computeIfAbsent((Long) row[1], id -> joined
                    ? withPartiesRead(ActionRows.read(row, 1), withParties) : ActionRows.read(row, 1));
            if (joined) {
                addParty(action, row, 1 + ActionRows.COLUMNS.width());
            }
        }
        Map<Long, List<Action>> pages = new HashMap<>();
        byParty.forEach((partyId, actions) -> pages.put(partyId,
                actions.values().stream().limit(page.probeSize()).toList()));
        return pages;
    }

    /**
     * How many actions each party took part in, in the role and of the kind asked. The ids are joined as a table, as
     * in {@link #involvements}, so that H2 looks each one up in the (party, role, action) index.
     */
    static Map<Long, Long> actionCountsOf(List<Long> partyIds, ActionRole role, ActionKind kind) {
        Map<Long, Long> counts = new HashMap<>();
        String sql = "SELECT p.party_id AS counted_party, COUNT(DISTINCT p.action_id)"
                + " AS counted FROM UNNEST(?) ids (id) JOIN action_participant p ON p.party_id = ids.id"
                + (kind != null ? " JOIN action a ON a.id = p.action_id" : "") + " WHERE 1 = 1"
                + (role != null ? " AND p.role = ?" : "") + (kind != null ? " AND a.kind = ?" : "") + " GROUP BY p.party_id";
        Batches.inChunks(partyIds, chunk -> {
            PlainStatement statement = PlainStatement.of(Action.getEntityManager(), sql).ids(chunk);
            if (role != null) {
                statement.parameter(role.name());
            }
            if (kind != null) {
                statement.parameter(kind.name());
            }
            return statement.rows(COUNTS, row -> row);
        }).forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        return counts;
    }

    /**
     * Actions by a statement that selects the columns of {@link #ACTION} alone, whose first parameter is an array of ids and
     * whose second, if any, is a kind.
     */
    private static List<Action> actions(String sql, List<Long> ids, ActionKind kind) {
        PlainStatement statement = PlainStatement.of(Action.getEntityManager(), sql).ids(ids);
        if (kind != null) {
            statement.parameter(kind.name());
        }
        return statement.rows(ACTIONS, row -> ActionRows.read(row, 0));
    }
}
