package org.attributiongraph.action;


import java.util.List;

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

    /** The first actions, by id, the party takes part in, in any role. */
    static List<Action> actionsOf(Party party, int max) {
        return find("select distinct a from Participant p join p.action a where p.party = ?1 order by a.id", party).page(0, max).list();
    }
}
