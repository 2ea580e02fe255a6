package org.attributiongraph.party;

import java.util.List;

import jakarta.inject.Inject;

import org.attributiongraph.graphql.Batches;
import org.attributiongraph.graphql.Limits;
import org.attributiongraph.graphql.Page;
import org.attributiongraph.graphql.PageRequest;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class PartyGraphQLApi {

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
        return Party.findByName(name);
    }

    @Query
    @Description("Parties in alphabetical order; search matches names and aliases, ignoring case.")
    public @NonNull PartyConnection parties(PartyKind kind, String search,
            @DefaultValue("20") Integer first, String after) {
        PageRequest request = PageRequest.of(first, after, limits.maxFirst());
        return new PartyConnection(Page.of(Party.page(kind, search, request), request),
                () -> Party.count(kind, search));
    }

    @Description("How many parties match, over all pages.")
    public int totalCount(@Source PartyConnection connection) {
        return connection.totalCount();
    }

    public @NonNull List<@NonNull List<@NonNull String>> aliases(@Source List<Party> parties) {
        List<PartyName> aliases = PartyName.list(
                "party.id in ?1 and alias = true order by id", Batches.ids(parties, party -> party.id));
        return Batches.groupUnder(parties, party -> party.id, aliases, alias -> alias.party.id)
                .stream().map(names -> names.stream().map(alias -> alias.name).toList()).toList();
    }

    @Description("The body this party belongs to: the MSS to China, a spokesperson to a ministry.")
    public List<Party> partOf(@Source List<Party> parties) {
        List<Long> parentIds = Batches.ids(parties, Party::partOfId);
        return Batches.pick(parties, Party::partOfId, Party.<Party>findByIds(parentIds), parent -> parent.id);
    }

    public @NonNull List<@NonNull List<@NonNull Party>> parts(@Source List<Party> parties) {
        List<Party> parts = Party.list("partOf.id in ?1 order by nameKey, id", Batches.ids(parties, party -> party.id));
        return Batches.groupUnder(parties, party -> party.id, parts, Party::partOfId);
    }
}
