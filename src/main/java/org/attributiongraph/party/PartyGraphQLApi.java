package org.attributiongraph.party;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.attributiongraph.audit.Editor;
import org.attributiongraph.batching.Batches;
import org.attributiongraph.batching.Preloaded;
import org.attributiongraph.limits.Limits;
import org.attributiongraph.paging.Page;
import org.attributiongraph.paging.PageRequest;
import org.attributiongraph.tracing.TracedFetches;
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

    /** The aliases that a party's read brought ({@link Party#aliasesRead}), answered without a batch. */
    public static final List<Preloaded> PRELOADED = List.of(Preloaded.of("Party", "aliases", Party.class, party -> party.aliasesRead));

    @Inject
    SecurityIdentity identity;

    @Inject
    PartyService service;

    @Inject
    Limits limits;

    @Query
    @Description("A party by its id, or null if there is none.")
    public Party party(@NonNull @Id Long id) {
        return PartyReads.withId(id);
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
        return Batches.groupUnder(parties, party -> party.id, PartyReads.aliasesOf(Batches.ids(parties, party -> party.id)),
                PartyReads.Alias::partyId, PartyReads.Alias::name);
    }

    @Description("The body this party belongs to: the MSS to China, a spokesperson to a ministry.")
    public List<Party> partOf(@Source List<Party> parties) {
        List<Party> known = new ArrayList<>();
        List<Party> unread = new ArrayList<>();
        for (Party party : parties) {
            if (!party.readWithAliasesAndParent()) {
                unread.add(party);
            } else if (party.partOf != null) {
                known.add(party.partOf);
            }
        }
        known.addAll(PartyReads.withIds(Batches.ids(unread, Party::partOfId)));
        return Batches.pick(parties, Party::partOfId, known, parent -> parent.id);
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
    @Description("Records a new party. Needs the editor role.")
    public @NonNull Party createParty(@NonNull PartyInput party) {
        Editor.require(identity);
        return service.create(party);
    }

    @Mutation
    @Description("Replaces a party's name, kind, aliases, country, partOf and memberOf. Send the version you read. Needs the editor role.")
    public @NonNull Party updateParty(@NonNull @Id Long id, @NonNull PartyInput party) {
        Editor.require(identity);
        return service.update(id, party);
    }

    @Mutation
    @Description("Deletes a party no action, quote, part or member refers to. Needs the editor role.")
    public @NonNull @Id Long deleteParty(@NonNull @Id Long id) {
        Editor.require(identity);
        return service.delete(id);
    }
}
