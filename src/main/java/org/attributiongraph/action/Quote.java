package org.attributiongraph.action;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.attributiongraph.party.Party;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Words someone said as part of an action, kept verbatim. */
@Entity
@Table(name = "quote")
public class Quote extends PanacheEntityBase {

    @Ignore
    @jakarta.persistence.Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quote_seq")
    @SequenceGenerator(name = "quote_seq", sequenceName = "quote_seq", allocationSize = 50)
    public Long id;

    @Ignore
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "action_id")
    public Action action;

    @Ignore
    @Column(nullable = false)
    public int position;

    @NonNull
    @NotBlank
    @Size(max = 2000)
    @Column(nullable = false, length = 2000)
    public String text;

    /** Loaded with the quote by the batched fetch of an action's quotes. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "speaker_id")
    public Party speaker;

    Quote() {
    }

    Quote(Action action, int position, String text, Party speaker) {
        this.action = action;
        this.position = position;
        this.text = text;
        this.speaker = speaker;
    }

    /** The first actions, by id, that quote the party. */
    static List<Action> actionsQuoting(Party party, int max) {
        return find("select distinct a from Quote q join q.action a where q.speaker = ?1 order by a.id", party).page(0, max).list();
    }
}
