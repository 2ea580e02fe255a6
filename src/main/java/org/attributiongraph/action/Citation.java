package org.attributiongraph.action;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Size;

import org.attributiongraph.source.Source;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Where an action is known from, with that source's own account of it: sources that disagree each keep theirs. */
@Entity
@Table(name = "citation")
public class Citation extends PanacheEntityBase {

    @Ignore
    @jakarta.persistence.Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "citation_seq")
    @SequenceGenerator(name = "citation_seq", sequenceName = "citation_seq", allocationSize = 50)
    public Long id;

    @Ignore
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "action_id")
    public Action action;

    @Ignore
    @Column(nullable = false)
    public int position;

    /** Loaded with the citation by the batched fetch of an action's citations. */
    @NonNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    public Source source;

    @Description("What this source says of the action, in its own terms.")
    @Size(max = 4000)
    @Column(length = 4000)
    public String excerpt;

    Citation() {
    }

    Citation(Action action, int position, Source source, String excerpt) {
        this.action = action;
        this.position = position;
        this.source = source;
        this.excerpt = excerpt;
    }
}
