package org.attributiongraph.action;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

import org.attributiongraph.graphql.PageRequest;
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
     * One page of actions for each of many parties in a single statement: the involvements of all the parties,
     * numbered per party in action order, cut at the page size. Then one fetch of the actions themselves.
     */
    static Map<Long, List<Action>> actionPagesOf(List<Long> partyIds, ActionRole role, ActionKind kind, PageRequest page) {
        if (partyIds.isEmpty()) {
            return Map.of();
        }
        StringBuilder involved = new StringBuilder(
                "SELECT DISTINCT p.party_id, p.action_id FROM action_participant p JOIN action a ON a.id = p.action_id"
                        + " WHERE p.party_id IN (:parties) AND p.action_id > :afterId");
        if (role != null) {
            involved.append(" AND p.role = :role");
        }
        if (kind != null) {
            involved.append(" AND a.kind = :kind");
        }
        var query = getEntityManager().createNativeQuery(
                "SELECT party_id, action_id FROM (SELECT party_id, action_id,"
                        + " ROW_NUMBER() OVER (PARTITION BY party_id ORDER BY action_id) AS rank_in_party"
                        + " FROM (" + involved + ") involved) ranked"
                        + " WHERE rank_in_party <= :limit ORDER BY party_id, action_id")
                .setParameter("parties", partyIds)
                .setParameter("afterId", page.afterId())
                .setParameter("limit", page.probeSize());
        if (role != null) {
            query.setParameter("role", role.name());
        }
        if (kind != null) {
            query.setParameter("kind", kind.name());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<Long, Action> actions = new HashMap<>();
        Action.withIds(rows.stream().map(row -> ((Number) row[1]).longValue()).distinct().toList())
                .forEach(action -> actions.put(action.id, action));
        Map<Long, List<Action>> pages = new LinkedHashMap<>();
        for (Object[] row : rows) {
            pages.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                    .add(actions.get(((Number) row[1]).longValue()));
        }
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
}
