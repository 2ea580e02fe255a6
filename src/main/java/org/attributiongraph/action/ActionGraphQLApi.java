package org.attributiongraph.action;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.attributiongraph.graphql.BatchArguments;
import org.attributiongraph.graphql.Batches;
import org.attributiongraph.graphql.InvalidInputException;
import org.attributiongraph.graphql.Limits;
import org.attributiongraph.graphql.Once;
import org.attributiongraph.graphql.Page;
import org.attributiongraph.graphql.PageRequest;
import org.attributiongraph.party.Party;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.graphql.api.Context;


/**
 * Actions and the chains they form. Every field here that hangs off an Action or a Party takes the whole
 * level of parents at once, so a query costs one statement per level however many rows it returns.
 */
@GraphQLApi
public class ActionGraphQLApi {

    @Inject
    Context context;

    @Inject
    Limits limits;

    @Query
    @Description("An action by its id, or null if there is none.")
    public Action action(@NonNull @Id Long id) {
        return Action.findById(id);
    }

    @Query
    @Description("Actions in the order they were recorded, filtered by kind, actor, target and date (inclusive).")
    public @NonNull ActionConnection actions(ActionKind kind, @Id Long actor, @Id Long target,
            LocalDate from, LocalDate to, @DefaultValue("20") Integer first, String after) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInputException("from (" + from + ") is after to (" + to + ")");
        }
        PageRequest request = PageRequest.of(first, after, limits.maxFirst());
        Action.Filter filter = new Action.Filter(kind, actor, target, from, to);
        return new ActionConnection(Page.of(Action.page(filter, request), request), () -> Action.count(filter));
    }

    @Description("How many actions match, over all pages.")
    public int totalCount(@Source ActionConnection connection) {
        return connection.totalCount();
    }

    public @NonNull List<@NonNull List<@NonNull Party>> actors(@Source List<Action> actions) {
        return participants(actions, ActionRole.ACTOR);
    }

    public @NonNull List<@NonNull List<@NonNull Party>> targets(@Source List<Action> actions) {
        return participants(actions, ActionRole.TARGET);
    }

    private static List<List<Party>> participants(List<Action> actions, ActionRole role) {
        List<Participant> participants = Participant.list(
                "from Participant p join fetch p.party where p.action.id in ?1 and p.role = ?2 order by p.position",
                Batches.ids(actions, action -> action.id), role);
        return Batches.groupUnder(actions, action -> action.id, participants, p -> p.action.id)
                .stream().map(each -> each.stream().map(p -> p.party).toList()).toList();
    }

    @Description("The action this one answers.")
    public List<Action> respondsTo(@Source List<Action> actions) {
        List<Action> answered = Action.<Action>findByIds(Batches.ids(actions, Action::respondsToId));
        return Batches.pick(actions, Action::respondsToId, answered, action -> action.id);
    }

    @Description("The actions that answer this one directly, oldest first.")
    public @NonNull List<@NonNull List<@NonNull Action>> responses(@Source List<Action> actions, ActionKind kind) {
        BatchArguments.requireSameEverywhere(context, "Action", "responses");
        List<Long> ids = Batches.ids(actions, action -> action.id);
        List<Action> responses = kind == null
                ? Action.list("respondsTo.id in ?1 order by id", ids)
                : Action.list("respondsTo.id in ?1 and kind = ?2 order by id", ids, kind);
        return Batches.groupUnder(actions, action -> action.id, responses, Action::respondsToId);
    }

    @Description("Every action below this one in its response tree, depth-first, in one round trip. depth 1 = a direct response.")
    public @NonNull List<@NonNull List<@NonNull ThreadEntry>> thread(@Source List<Action> actions,
            @DefaultValue("10") int maxDepth) {
        BatchArguments.requireSameEverywhere(context, "Action", "thread");
        // bounded so that one request cannot walk a whole large graph
        if (maxDepth < 1 || maxDepth > limits.maxThreadDepth()) {
            throw new InvalidInputException("maxDepth must be between 1 and " + limits.maxThreadDepth() + ", was " + maxDepth);
        }
        List<Action.ThreadRow> rows = Action.threadRows(Batches.ids(actions, action -> action.id), maxDepth);
        Map<Long, Action> byId = new HashMap<>();
        Action.<Action>findByIds(rows.stream().map(Action.ThreadRow::actionId).distinct().toList())
                .forEach(action -> byId.put(action.id, action));
        return Batches.groupUnder(actions, action -> action.id, rows, Action.ThreadRow::rootId).stream()
                .map(thread -> thread.stream().map(row -> new ThreadEntry(row.depth(), byId.get(row.actionId()))).toList())
                .toList();
    }

    public @NonNull List<@NonNull List<@NonNull Quote>> quotes(@Source List<Action> actions) {
        List<Quote> quotes = Quote.list("from Quote q left join fetch q.speaker where q.action.id in ?1 order by q.position",
                Batches.ids(actions, action -> action.id));
        return Batches.groupUnder(actions, action -> action.id, quotes, quote -> quote.action.id);
    }

    @Description("Where this action is known from: at least one source, each with its own account.")
    public @NonNull List<@NonNull List<@NonNull Citation>> citations(@Source List<Action> actions) {
        List<Citation> citations = Citation.list("from Citation c join fetch c.source where c.action.id in ?1 order by c.position",
                Batches.ids(actions, action -> action.id));
        return Batches.groupUnder(actions, action -> action.id, citations, citation -> citation.action.id);
    }

    @Name("actions")
    @Description("Actions this party took part in. ACTOR: it acted; TARGET: it was acted upon; ANY: either.")
    public @NonNull List<@NonNull ActionConnection> actionsOfParties(@Source List<Party> parties,
            @DefaultValue("ANY") ActionRole role, ActionKind kind, @DefaultValue("20") Integer first, String after) {
        BatchArguments.requireSameEverywhere(context, "Party", "actions");
        PageRequest request = PageRequest.of(first, after, limits.maxFirst());
        List<Long> partyIds = Batches.ids(parties, party -> party.id);
        ActionRole stored = role == ActionRole.ANY ? null : role;
        Map<Long, List<Action>> pages = Participant.actionPagesOf(partyIds, stored, kind, request);
        // one count for every party of the level, run only if a client asks for a totalCount
        Once<Map<Long, Long>> counts = new Once<>(() -> Participant.actionCountsOf(partyIds, stored, kind));
        return parties.stream().map(party -> new ActionConnection(
                Page.of(pages.getOrDefault(party.id, List.of()), request),
                () -> counts.get().getOrDefault(party.id, 0L))).toList();
    }
}
