package org.attributiongraph.party;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.attributiongraph.batching.Batches;
import org.attributiongraph.database.PlainColumns;
import org.attributiongraph.database.PlainStatement;
import org.attributiongraph.database.PlainStatement.Layout;
import org.attributiongraph.paging.PageRequest;
import org.hibernate.jpa.HibernateHints;

import io.quarkus.panache.common.Parameters;

/**
 * Every read of parties and their names, in one place: the GraphQL fields and the dataset export fetch through
 * here; the write path keeps to the entities. Whatever is read here is read-only: Hibernate keeps no snapshot of it
 * to compare at flush. The batched reads, and the lookups by id and by name at the top of a query, build their
 * parties from the rows as plain objects ({@link PartyRows}): no persistence context holds them, so the same party
 * read twice is two objects. Names and memberships come back as
 * records.
 */
public final class PartyReads {

    private PartyReads() {
    }

    /** One of a party's aliases (never its own name). */
    public record Alias(long partyId, String name) {
    }

    /** A row of the membership table: the coalition and one of its members. */
    public record Membership(Party coalition, Party member) {
    }

    /** Two parties related by partOf or a membership: the one asked about and the other. */
    public record Related(long partyId, Party other) {
    }

    /** The columns each read selects, under the alias its statement gives the party table. */
    private static final PlainColumns.Aliased PARTY = PartyRows.COLUMNS.as("p");
    private static final PlainColumns.Aliased COALITION = PartyRows.COLUMNS.as("c");
    private static final PlainColumns.Aliased MEMBER = PartyRows.COLUMNS.as("m");
    private static final PlainColumns.Aliased PARENT = PartyRows.COLUMNS.as("pp");

    /** What the rows of each read hold, in select order. */
    private static final Layout PARTIES = PlainStatement.layout(PARTY);
    private static final Layout ALIASES = PlainStatement.layout(Long.class, String.class);
    private static final Layout RELATED = PlainStatement.layout(Long.class, PARTY);
    private static final Layout MEMBERSHIPS = PlainStatement.layout(COALITION, MEMBER);
    private static final Layout WITH_ALIASES_AND_PARENT = PlainStatement.layout(PARTY, PARENT, String.class);

    /** The parties with these ids that exist, in no particular order; unknown ids are left out. */
    public static List<Party> withIds(Collection<Long> ids) {
        return Batches.inChunks(ids, chunk -> parties("SELECT " + PARTY.select() + " FROM party p WHERE p.id = ANY(?)", chunk));
    }

    /** The party with this id, or null, with its aliases and parent ({@link #oneWithAliasesAndParent}). */
    public static Party withId(long id) {
        return oneWithAliasesAndParent("party p", "p.id = ?", id);
    }

    /**
     * The party going by this name or alias, ignoring case, or null, with its aliases and parent
     * ({@link #oneWithAliasesAndParent}): names are unique ignoring case.
     */
    public static Party byName(String name) {
        return oneWithAliasesAndParent("party_name n JOIN party p ON p.id = n.party_id", "n.name_key = ?",
                PartyName.keyOf(name));
    }

    /**
     * The one party a lookup at the top of a query finds, read in one statement with its aliases (a row for each)
     * and its whole parent. Such a lookup is how the console and the explorer open a party, and they show its names
     * and where it belongs: reading them here spares the aliases and partOf fields a statement each, and costs a
     * join on two primary keys when they are not asked for.
     */
    private static Party oneWithAliasesAndParent(String from, String where, Object key) {
        List<Object[]> rows = PlainStatement.of(Party.getEntityManager(), "SELECT " + PARTY.select() + ", "
                + PARENT.select() + ", a.name AS alias FROM " + from + " LEFT JOIN party pp ON pp.id = p.part_of_id"
                + " LEFT JOIN party_name a ON a.party_id = p.id AND a.alias = TRUE WHERE " + where + " ORDER BY a.id")
                .parameter(key).rows(WITH_ALIASES_AND_PARENT, row -> row);
        if (rows.isEmpty()) {
            return null;
        }
        int width = PartyRows.COLUMNS.width();
        Object[] first = rows.get(0);
        Party party = PartyRows.read(first, 0);
        if (first[width] != null) {
            party.partOf = PartyRows.read(first, width);
        }
        party.aliasesRead = rows.stream().map(row -> (String) row[2 * width]).filter(Objects::nonNull).toList();
        return party;
    }

    /** The aliases of these parties, each party's in the order they were recorded. */
    public static List<Alias> aliasesOf(Collection<Long> partyIds) {
        return Batches.inChunks(partyIds, chunk -> PlainStatement.of(Party.getEntityManager(),
                "SELECT n.party_id AS alias_of, n.name AS alias FROM party_name n"
                        + " WHERE n.party_id = ANY(?) AND n.alias = TRUE ORDER BY n.id").ids(chunk)
                .rows(ALIASES, row -> new Alias((Long) row[0], (String) row[1])));
    }

    /** The parts of these parties, alphabetically. */
    public static List<Party> partsOf(Collection<Long> partyIds) {
        return Batches.inChunks(partyIds, chunk -> parties(
                "SELECT " + PARTY.select() + " FROM party p WHERE p.part_of_id = ANY(?) ORDER BY p.name_key, p.id", chunk));
    }

    /** The members of these coalitions, alphabetically: (the coalition's id, a member). */
    public static List<Related> membersOf(Collection<Long> coalitionIds) {
        return related(coalitionIds, "SELECT pm.coalition_id AS related_to, " + PARTY.select() + " FROM party_member pm"
                + " JOIN party p ON p.id = pm.member_id WHERE pm.coalition_id = ANY(?) ORDER BY p.name_key, p.id");
    }

    /** The coalitions these parties are members of, alphabetically: (the member's id, a coalition). */
    public static List<Related> coalitionsOf(Collection<Long> memberIds) {
        return related(memberIds, "SELECT pm.member_id AS related_to, " + PARTY.select() + " FROM party_member pm"
                + " JOIN party p ON p.id = pm.coalition_id WHERE pm.member_id = ANY(?) ORDER BY p.name_key, p.id");
    }

    private static List<Related> related(Collection<Long> ids, String sql) {
        return Batches.inChunks(ids, chunk -> PlainStatement.of(Party.getEntityManager(), sql).ids(chunk)
                .rows(RELATED, row -> new Related((Long) row[0], PartyRows.read(row, 1))));
    }

    /** Every membership in which one of these parties is the coalition or the member, a thousand ids per query. */
    public static List<Membership> membershipsOf(Collection<Long> partyIds) {
        return Batches.inChunks(partyIds, chunk -> PlainStatement.of(Party.getEntityManager(), "SELECT "
                + COALITION.select() + ", " + MEMBER.select()
                + " FROM party_member pm JOIN party c ON c.id = pm.coalition_id JOIN party m ON m.id = pm.member_id"
                + " WHERE pm.member_id = ANY(?) OR pm.coalition_id = ANY(?) ORDER BY c.id, m.id").ids(chunk).ids(chunk)
                .rows(MEMBERSHIPS, row -> new Membership(PartyRows.read(row, 0), PartyRows.read(row, PartyRows.COLUMNS.width()))));
    }

    /** One page of parties in alphabetical order, after the position the page's cursor holds. */
    public static List<Party> page(PartyKind kind, String search, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        filter(kind, search, where, params);
        if (page.hasAfter()) {
            where.append(" and (p.nameKey > :afterKey or (p.nameKey = :afterKey and p.id > :afterId))");
            params.and("afterKey", page.afterSortKey() == null ? "" : page.afterSortKey()).and("afterId", page.afterId());
        }
        return Party.<Party>find("from Party p where " + where + " order by p.nameKey, p.id", params)
                .page(0, page.probeSize()).withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    public static long count(PartyKind kind, String search) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        filter(kind, search, where, params);
        return Party.find("from Party p where " + where, params).count();
    }

    private static void filter(PartyKind kind, String search, StringBuilder where, Parameters params) {
        if (kind != null) {
            where.append(" and p.kind = :kind");
            params.and("kind", kind);
        }
        if (search != null && !search.isBlank()) {
            where.append(" and exists (select 1 from PartyName n where n.party = p and n.nameKey like :pattern escape '!')");
            params.and("pattern", "%" + PartyName.keyOf(search).replaceAll("[!%_]", "!$0") + "%");
        }
    }

    /** Parties by a statement that selects the columns of {@link #PARTY} alone, whose parameter is an array of ids. */
    private static List<Party> parties(String sql, List<Long> ids) {
        return PlainStatement.of(Party.getEntityManager(), sql).ids(ids).rows(PARTIES, row -> PartyRows.read(row, 0));
    }
}
