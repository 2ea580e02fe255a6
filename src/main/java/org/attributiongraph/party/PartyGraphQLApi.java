package org.attributiongraph.party;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.attributiongraph.audit.Editor;
import org.attributiongraph.batching.Batches;
import org.attributiongraph.errors.ConflictException;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.errors.NotFoundException;
import org.attributiongraph.limits.Limits;
import org.attributiongraph.paging.Page;
import org.attributiongraph.paging.PageRequest;
import org.attributiongraph.tracing.TracedFetches;
import org.attributiongraph.writing.InputValidator;
import org.attributiongraph.writing.Writes;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.quarkus.security.identity.SecurityIdentity;

@GraphQLApi
@TracedFetches
public class PartyGraphQLApi {

    @Inject
    SecurityIdentity identity;

    @Inject
    InputValidator validator;

    @Inject
    Limits limits;

    @Query
    @Description("A party by its id, or null if there is none.")
    public Party party(@NonNull @Id Long id) {
        return Party.findById(id);
    }

    @Query
    @Description("A party by its exact name or any of its aliases, ignoring case.")
    public Party partyByName(@NonNull String name) {
        return PartyReads.byName(name);
    }

    @Query
    @Description("Parties in alphabetical order; search matches names and aliases, ignoring case.")
    public @NonNull PartyConnection parties(PartyKind kind, String search,
            @DefaultValue("20") Integer first, String after) {
        PageRequest request = PageRequest.of(first, after, limits.maxFirst());
        return new PartyConnection(Page.of(PartyReads.page(kind, search, request), request),
                () -> PartyReads.count(kind, search));
    }

    @Description("How many parties match, over all pages.")
    public int totalCount(@Source PartyConnection connection) {
        return connection.totalCount();
    }

    public @NonNull List<@NonNull List<@NonNull String>> aliases(@Source List<Party> parties) {
        List<PartyReads.Alias> aliases = PartyReads.aliasesOf(Batches.ids(parties, party -> party.id));
        return Batches.groupUnder(parties, party -> party.id, aliases, PartyReads.Alias::partyId)
                .stream().map(names -> names.stream().map(PartyReads.Alias::name).toList()).toList();
    }

    @Description("The body this party belongs to: the MSS to China, a spokesperson to a ministry.")
    public List<Party> partOf(@Source List<Party> parties) {
        List<Long> parentIds = Batches.ids(parties, Party::partOfId);
        return Batches.pick(parties, Party::partOfId, PartyReads.withIds(parentIds), parent -> parent.id);
    }

    public @NonNull List<@NonNull List<@NonNull Party>> parts(@Source List<Party> parties) {
        List<Party> parts = PartyReads.partsOf(Batches.ids(parties, party -> party.id));
        return Batches.groupUnder(parties, party -> party.id, parts, Party::partOfId);
    }

    @Description("A COALITION's members, alphabetically.")
    public @NonNull List<@NonNull List<@NonNull Party>> members(@Source List<Party> parties) {
        return related(parties, PartyReads.membersOf(Batches.ids(parties, party -> party.id)));
    }

    @Description("The coalitions this party is a member of, alphabetically. Their actions are theirs: this party's "
            + "actions do not include them.")
    public @NonNull List<@NonNull List<@NonNull Party>> memberOf(@Source List<Party> parties) {
        return related(parties, PartyReads.coalitionsOf(Batches.ids(parties, party -> party.id)));
    }

    /** Each party's related parties, in the parties' order. */
    private static List<List<Party>> related(List<Party> parties, List<PartyReads.Related> rows) {
        return Batches.groupUnder(parties, party -> party.id, rows, PartyReads.Related::partyId)
                .stream().map(group -> group.stream().map(PartyReads.Related::other).toList()).toList();
    }

    @Mutation
    @Transactional
    @Description("Records a new party. Needs the editor role.")
    public @NonNull Party createParty(@NonNull PartyInput party) {
        Editor.require(identity);
        Party created = new Party();
        describe(created, party, "party");
        validator.check(created, "party").persist();
        Writes.flush("party '" + created.name + "'");
        return created;
    }

    @Mutation
    @Transactional
    @Description("Replaces a party's name, kind, aliases, country, partOf and memberOf. Send the version you read. Needs the editor role.")
    public @NonNull Party updateParty(@NonNull @Id Long id, @NonNull PartyInput party) {
        Editor.require(identity);
        Party existing = existing(id);
        Writes.checkVersion(party.version, existing.version, "party " + id);
        describe(existing, party, "party " + id);
        existing.touch();
        validator.check(existing, "party " + id);
        Writes.flush("party " + id);
        return existing;
    }

    @Mutation
    @Transactional
    @Description("Deletes a party no action, quote, part or member refers to. Needs the editor role.")
    public @NonNull @Id Long deleteParty(@NonNull @Id Long id) {
        Editor.require(identity);
        Party party = existing(id);
        List<String> uses = party.uses();
        if (!uses.isEmpty()) {
            throw new ConflictException("party " + id + " '" + party.name + "' is still referred to, so nothing was deleted: "
                    + String.join("; ", uses));
        }
        party.delete();
        Writes.flush("party " + id);
        return id;
    }

    private static Party existing(Long id) {
        return Party.<Party>findByIdOptional(id).orElseThrow(() -> new NotFoundException("no party with id " + id));
    }

    private static void describe(Party party, PartyInput input, String where) {
        List<String> aliases = input.aliases == null ? List.of() : input.aliases;
        if (input.name.isBlank() || aliases.stream().anyMatch(String::isBlank)) {
            throw new InvalidInputException(where + ": name and aliases must not be blank");
        }
        List<String> names = new ArrayList<>(aliases);
        names.add(input.name);
        // every look-up before the first change: a query would flush a half-made change and move the version twice
        party.checkNamesFree(names, where);
        party.checkKindKeepsMembers(input.kind, where);
        List<Party> coalitions = input.memberOfIds == null ? List.of() : Party.coalitionsWithIds(input.memberOfIds, where);
        party.kind = input.kind;
        party.country = input.country;
        party.partOf = input.partOfId == null ? null : Party.findById(input.partOfId);
        if (input.partOfId != null && party.partOf == null) {
            throw new NotFoundException(where + ": partOfId " + input.partOfId + " is not a party");
        }
        party.checkNoPartOfCycle(where);
        party.joinCoalitions(coalitions, where);
        party.rename(input.name, aliases);
    }
}
