package org.attributiongraph.party;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.attributiongraph.audit.Recorded;
import org.attributiongraph.batching.Batches;
import org.attributiongraph.errors.ConflictException;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.errors.NotFoundException;
import org.attributiongraph.paging.PageRequest;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;


/** Anyone who acts or is acted upon: a state, one of its bodies, an alliance, a company, a threat group, a person. */
@Entity
@Table(name = "party")
public class Party extends Recorded {

    @jakarta.persistence.Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "party_seq")
    @SequenceGenerator(name = "party_seq", sequenceName = "party_seq", allocationSize = 50)
    @Id
    @NonNull
    public Long id;

    @NonNull
    @NotBlank
    @Size(max = 200)
    @Column(nullable = false, length = 200)
    public String name;

    /** The name's comparison form, kept here so parties list alphabetically from an index. */
    @Ignore
    @Column(name = "name_key", nullable = false, length = 200)
    public String nameKey;

    @NonNull
    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public PartyKind kind;

    @Description("ISO 3166-1 alpha-2 code where it applies: CN, US, GB ...")
    @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code in capitals, such as CN or US")
    @Column(length = 2)
    public String country;

    @Ignore
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "part_of_id")
    public Party partOf;

    @Ignore
    @OneToMany(mappedBy = "party", cascade = CascadeType.ALL, orphanRemoval = true)
    public List<@Valid PartyName> names = new ArrayList<>();

    /** The coalitions this party is a member of; the member side owns the rows, so deleting a member drops them. */
    @Ignore
    @ManyToMany
    @JoinTable(name = "party_member", joinColumns = @JoinColumn(name = "member_id"),
            inverseJoinColumns = @JoinColumn(name = "coalition_id"))
    public Set<Party> memberOf = new LinkedHashSet<>();

    @Version
    @Column(nullable = false)
    public int version;

    /**
     * Its aliases, when the read that built it fetched them and its whole parent (in partOf) in the same statement,
     * so that neither field needs a statement of its own; null otherwise, and partOf then holds at most an id.
     */
    @Ignore
    @Transient
    public List<String> aliasesRead;

    /** Gives the party what a checked draft says, whole. Runs no query. */
    void take(PartyDraft draft, String where) {
        kind = draft.kind();
        country = draft.country();
        place(draft.partOf(), draft.memberOf(), where);
        rename(draft.name(), draft.aliases());
    }

    /**
     * Places the party under its parent (or none) and in exactly these coalitions, refusing a partOf chain that
     * leads back to it and a membership in itself or in anything but a COALITION: such a membership would say
     * nothing a client could rely on.
     */
    public void place(Party parent, Collection<Party> coalitions, String where) {
        partOf = parent;
        Set<Party> seen = new HashSet<>();
        for (Party at = this; at != null; at = at.partOf) {
            if (!seen.add(at)) {
                throw new InvalidInputException(where + ": partOf would make a cycle through '" + at.name + "'");
            }
        }
        for (Party coalition : coalitions) {
            if (coalition == this || id != null && id.equals(coalition.id)) {
                throw new InvalidInputException(where + ": a party cannot be a member of itself");
            }
            if (coalition.kind != PartyKind.COALITION) {
                throw new InvalidInputException(where + ": memberOf '" + coalition.name + "' (id " + coalition.id + ") is a "
                        + coalition.kind + ", not a COALITION");
            }
        }
        memberOf.retainAll(coalitions);
        memberOf.addAll(coalitions);
    }

    /** Gives the party its name and aliases, keeping rows whose comparison form is unchanged. */
    private void rename(String newName, List<String> aliases) {
        name = newName.strip();
        nameKey = PartyName.keyOf(newName);
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(nameKey, name);
        aliases.forEach(alias -> wanted.putIfAbsent(PartyName.keyOf(alias), alias.strip()));
        names.removeIf(existing -> !wanted.containsKey(existing.nameKey));
        for (PartyName existing : names) {
            existing.name = wanted.remove(existing.nameKey);
            existing.alias = !existing.nameKey.equals(nameKey);
        }
        wanted.forEach((key, text) -> names.add(new PartyName(this, text, !key.equals(nameKey))));
    }

    /** Refuses names or aliases that another party already goes by, ignoring case; owners maps name keys to parties. */
    void checkNamesFree(Collection<String> names, Map<String, Party> owners, String where) {
        for (Map.Entry<String, Party> owner : owners.entrySet()) {
            Party other = owner.getValue();
            if (other != this) {
                String taken = names.stream().filter(n -> PartyName.keyOf(n).equals(owner.getKey())).findFirst().orElseThrow();
                throw new ConflictException(where + ": '" + taken + "' is already a name or alias of '" + other.name + "'"
                        + (other.id == null ? "" : " (id " + other.id + ")"));
            }
        }
    }

    /** The coalitions with these ids, or NOT_FOUND naming the ids that are no party; checked by place. */
    public static List<Party> coalitionsWithIds(Collection<Long> ids, String where) {
        Set<Long> asked = new LinkedHashSet<>(ids);
        List<Party> found = withIds(asked);
        Set<Long> foundIds = new HashSet<>();
        found.forEach(party -> foundIds.add(party.id));
        List<String> missing = asked.stream().filter(id -> !foundIds.contains(id)).map(String::valueOf).toList();
        if (!missing.isEmpty()) {
            throw new NotFoundException(where + ": memberOfIds " + String.join(", ", missing) + " name no party");
        }
        return found;
    }

    /** Refuses to make a party with members anything but a COALITION. */
    void checkKindKeepsMembers(PartyKind newKind, String where) {
        if (newKind != PartyKind.COALITION && id != null && getEntityManager().createQuery(
                "select count(m) from Party m join m.memberOf c where c.id = :id", Long.class).setParameter("id", id)
                .getSingleResult() > 0) {
            throw new InvalidInputException(where + ": '" + name + "' has members, so it must stay a COALITION");
        }
    }

    /** Its parts and members, each named, so a refused delete can say what to change first. */
    List<String> partsAndMembers() {
        List<String> uses = new ArrayList<>();
        Party.<Party>list("partOf = ?1 order by id", this)
                .forEach(part -> uses.add("has part " + part.id + " '" + part.name + "'"));
        Party.<Party>list("select m from Party m join m.memberOf c where c = ?1 order by m.id", this)
                .forEach(member -> uses.add("has member " + member.id + " '" + member.name + "'"));
        return uses;
    }

    /** The parties with these ids that exist, in no particular order; unknown ids are left out. */
    public static List<Party> withIds(Collection<Long> ids) {
        return Batches.inChunks(ids, chunk -> list("id in ?1", chunk));
    }

    /** Parties owning any of the names, keyed by the names' comparison form. */
    public static Map<String, Party> findByNames(Collection<String> names) {
        Map<String, Party> byKey = new LinkedHashMap<>();
        if (!names.isEmpty()) {
            List<String> keys = names.stream().map(PartyName::keyOf).distinct().toList();
            Batches.inChunks(keys, chunk -> PartyName.<PartyName>list("from PartyName n join fetch n.party where n.nameKey in ?1", chunk))
                    .forEach(n -> byKey.put(n.nameKey, n.party));
        }
        return byKey;
    }

    /** Whether the read that built it brought its aliases and its whole parent ({@link #aliasesRead}). */
    public boolean readWithAliasesAndParent() {
        return aliasesRead != null;
    }

    /** The parent's id without loading the parent. */
    public Long partOfId() {
        return partOf == null ? null : partOf.id;
    }

    public String cursor() {
        return PageRequest.cursorOf(id, nameKey);
    }
}
