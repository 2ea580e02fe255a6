package org.attributiongraph.action;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.attributiongraph.paging.PageRequest;
import org.attributiongraph.party.Party;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A party's part in an action, actor or target. One table for both roles lets a party's actions page from one index. */
@Entity
@Table(name = "action_participant")
public class Participant extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "action_participant_seq")
    @SequenceGenerator(name = "action_participant_seq", sequenceName = "action_participant_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "action_id")
    public Action action;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "party_id")
    public Party party;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public ActionRole role;

    @Column(nullable = false)
    public int position;

    Participant() {
    }

    Participant(Action action, Party party, ActionRole role, int position) {
        this.action = action;
        this.party = party;
        this.role = role;
        this.position = position;
    }

    /**
     * One page of actions for each of many parties in a single statement, then one fetch of the actions themselves.
     * Each party gets its own subquery that walks its index entries in action order and stops at the page size, so
     * a page costs the same for a party in a handful of actions as for one in a hundred thousand (numbering all of
     * a popular party's involvements with a window function grows with them). UNION ALL of LIMITed subqueries runs
     * on H2 and PostgreSQL alike.
     */
    static Map<Long, List<Action>> actionPagesOf(List<Long> partyIds, ActionRole role, ActionKind kind, PageRequest page) {
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
        var query = getEntityManager().createNativeQuery(String.join(" UNION ALL ", Collections.nCopies(partyIds.size(), perParty)));
        int parameter = 1;
        for (Long partyId : partyIds) {
            query.setParameter(parameter++, partyId);
            if (role != null) {
                query.setParameter(parameter++, role.name());
            }
            query.setParameter(parameter++, page.afterId());
            if (kind != null) {
                query.setParameter(parameter++, kind.name());
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<Long, Set<Long>> actionIdsByParty = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Set<Long> ids = actionIdsByParty.computeIfAbsent(((Number) row[0]).longValue(), id -> new TreeSet<>());
            ids.add(((Number) row[1]).longValue());
        }
        Map<Long, Action> actions = new HashMap<>();
        Action.withIds(actionIdsByParty.values().stream().flatMap(Set::stream).distinct().toList())
                .forEach(action -> actions.put(action.id, action));
        Map<Long, List<Action>> pages = new LinkedHashMap<>();
        actionIdsByParty.forEach((partyId, ids) -> pages.put(partyId,
                ids.stream().limit(page.probeSize()).map(actions::get).toList()));
        return pages;
    }

    /** How many actions each party took part in, in the role and of the kind asked. */
    static Map<Long, Long> actionCountsOf(List<Long> partyIds, ActionRole role, ActionKind kind) {
        if (partyIds.isEmpty()) {
            return Map.of();
        }
        String jpql = "select p.party.id, count(distinct p.action.id) from Participant p where p.party.id in :parties"
                + (role != null ? " and p.role = :role" : "")
                + (kind != null ? " and p.action.kind = :kind" : "")
                + " group by p.party.id";
        var query = getEntityManager().createQuery(jpql, Object[].class).setParameter("parties", partyIds);
        if (role != null) {
            query.setParameter("role", role);
        }
        if (kind != null) {
            query.setParameter("kind", kind);
        }
        Map<Long, Long> counts = new HashMap<>();
        query.getResultList().forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        return counts;
    }

    /** The first actions, by id, the party takes part in, in any role. */
    static List<Action> actionsOf(Party party, int max) {
        return find("select distinct a from Participant p join p.action a where p.party = ?1 order by a.id", party).page(0, max).list();
    }
}
