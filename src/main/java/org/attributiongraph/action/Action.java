package org.attributiongraph.action;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.attributiongraph.audit.Recorded;
import org.attributiongraph.batching.Batches;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.paging.PageRequest;
import org.attributiongraph.party.Party;
import org.attributiongraph.storable.StorableDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Something a party did that belongs in the record: an intrusion, an accusation, a denial, a charge, a sanction.
 * Actions answer one another through respondsTo, which makes the accuser -> accused -> response chains.
 */
@Entity
@Table(name = "action")
public class Action extends Recorded {

    @jakarta.persistence.Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "action_seq")
    @SequenceGenerator(name = "action_seq", sequenceName = "action_seq", allocationSize = 50)
    @Id
    @NonNull
    public Long id;

    /** Stable identity across exports and imports; ids are local to one database. */
    @Ignore
    @NotBlank
    @Size(max = 100)
    @Column(name = "dataset_key", nullable = false, unique = true, length = 100)
    public String key;

    @NonNull
    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public ActionKind kind;

    @NonNull
    @NotBlank
    @Size(max = 300)
    @Column(nullable = false, length = 300)
    public String title;

    @Size(max = 4000)
    @Column(length = 4000)
    public String summary;

    @Description("ISO-8601 date; datePrecision says how much of it is known.")
    @Column(name = "occurred_on")
    @StorableDate
    public LocalDate occurredOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "date_precision", length = 8)
    public DatePrecision datePrecision;

    @Ignore
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "responds_to_id")
    public Action respondsTo;

    @Ignore
    @OneToMany(mappedBy = "action", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("role, position")
    public List<Participant> participants = new ArrayList<>();

    @Ignore
    @OneToMany(mappedBy = "action", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<@Valid Quote> quotes = new ArrayList<>();

    @Ignore
    @OneToMany(mappedBy = "action", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<@Valid Citation> citations = new ArrayList<>();

    @Version
    @Column(nullable = false)
    public int version;

    /**
     * Its parties by role, for the roles the read that built it fetched in the same statement, so that the actors
     * and targets fields need no statement of their own for it; null, or without the role, when they were not read.
     */
    @Ignore
    @Transient
    public Map<ActionRole, List<Party>> partiesRead;

    /** Its parties in the role, if the read that built it brought them; null if it did not. */
    List<Party> partiesReadIn(ActionRole role) {
        return partiesRead == null ? null : partiesRead.get(role);
    }

    /**
     * Every action answering it, oldest first, when the read that built it brought them in the same statement (a
     * level of responses read with the next, {@link ActionReads#responsesWithTheirs}); null when it did not.
     */
    @Ignore
    @Transient
    public List<Action> responsesRead;

    /**
     * Gives the action what a checked draft says, whole: fields, parties, quotes, citations and the action it answers.
     * Runs no query, so a write's look-ups all come before its first change.
     */
    void take(ActionDraft draft, String where) {
        kind = draft.kind();
        title = draft.title();
        summary = draft.summary();
        dateTo(draft.occurredOn(), draft.datePrecision());
        castParticipants(draft.actors(), draft.targets());
        quotes.clear();
        draft.quotes().forEach(quote -> quotes.add(new Quote(this, quotes.size(), quote.text(), quote.speaker())));
        citations.clear();
        draft.citations().forEach(citation -> citations.add(new Citation(this, citations.size(), citation.source(),
                citation.excerpt())));
        answer(draft.respondsTo(), where);
    }

    /**
     * Sets when the action happened and how precisely that is known. A date without a precision is exact to the
     * day; a MONTH or YEAR date is kept as the first day of its month or year, whatever day was given.
     */
    private void dateTo(LocalDate on, DatePrecision precision) {
        datePrecision = on == null ? null : precision == null ? DatePrecision.DAY : precision;
        occurredOn = on == null ? null : switch (datePrecision) {
            case DAY -> on;
            case MONTH -> on.withDayOfMonth(1);
            case YEAR -> on.withDayOfYear(1);
        };
    }

    /**
     * Replaces who took part: actors and targets, each in the order given. Rows for a party keeping its role are
     * kept (Hibernate writes new rows before it deletes old ones, which a re-added row would clash with).
     */
    private void castParticipants(List<Party> actors, List<Party> targets) {
        List<Participant> wanted = new ArrayList<>();
        cast(actors, ActionRole.ACTOR, wanted);
        cast(targets, ActionRole.TARGET, wanted);
        participants.retainAll(wanted);
        wanted.stream().filter(p -> !participants.contains(p)).forEach(participants::add);
    }

    private void cast(List<Party> parties, ActionRole role, List<Participant> into) {
        int position = 0;
        for (Party party : parties) {
            if (into.stream().anyMatch(p -> p.role == role && p.party.id.equals(party.id))) {
                continue; // named twice: once is enough
            }
            Participant participant = participants.stream().filter(p -> p.role == role && p.party.id.equals(party.id))
                    .findFirst().orElseGet(() -> new Participant(this, party, role, 0));
            participant.position = position++;
            into.add(participant);
        }
    }

    /** Makes this action answer the given one (or none), refusing a respondsTo chain that would lead back to it. */
    public void answer(Action answered, String where) {
        respondsTo = answered;
        Set<Action> seen = new HashSet<>();
        for (Action at = this; at != null; at = at.respondsTo) {
            if (!seen.add(at)) {
                throw new InvalidInputException(where + ": respondsTo would make a cycle through action " + at.id
                        + " '" + at.title + "'");
            }
        }
    }

    /** The answered action's id without loading it. */
    public Long respondsToId() {
        return respondsTo == null ? null : respondsTo.id;
    }

    public String cursor() {
        return PageRequest.cursorOf(id);
    }

    public static Action findByKey(String key) {
        return find("key", key).firstResult();
    }

    public static List<Action> findByKeys(Collection<String> keys) {
        return Batches.inChunks(keys, chunk -> list("key in ?1", chunk));
    }
}
