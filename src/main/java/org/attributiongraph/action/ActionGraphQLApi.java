package org.attributiongraph.action;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.attributiongraph.audit.Editor;
import org.attributiongraph.batching.Batches;
import org.attributiongraph.batching.Preloaded;
import org.attributiongraph.batching.Selection;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.limits.Limits;
import org.attributiongraph.live.ActionFeed;
import org.attributiongraph.live.Subscribers;
import org.attributiongraph.paging.Once;
import org.attributiongraph.paging.Page;
import org.attributiongraph.paging.PageRequest;
import org.attributiongraph.party.Party;
import org.attributiongraph.tracing.TracedFetches;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

/**
 * Actions and the chains they form. Every field here that hangs off an Action or a Party takes the whole
 * level of parents at once, so a query costs one statement per level however many rows it returns.
 */
@GraphQLApi
@TracedFetches
public class ActionGraphQLApi {

    private static final int DEFAULT_THREAD_DEPTH = 10;

    /**
     * The actors and targets that an action's read brought ({@link Action#partiesRead}), and its responses of every
     * kind ({@link Action#responsesRead}), answered without a batch.
     */
    public static final List<Preloaded> PRELOADED = List.of(
            Preloaded.of("Action", "actors", Action.class, action -> action.partiesReadIn(ActionRole.ACTOR)),
            Preloaded.of("Action", "targets", Action.class, action -> action.partiesReadIn(ActionRole.TARGET)),
            Preloaded.withArguments("Action", "responses", Action.class,
                    (action, arguments) -> arguments.get("kind") == null ? action.responsesRead : null));

    @Inject
    SecurityIdentity identity;

    @Inject
    ActionService service;

    @Inject
    Limits limits;

    @Inject
    ActionFeed feed;

    @Inject
    Subscribers subscribers;

    @Query
    @Description("An action by its id, or null if there is none.")
    public Action action(@NonNull @Id Long id) {
        return ActionReads.withId(id);
    }

    @Query
    @Description("Actions in the order they were recorded, filtered by kind, actor, target and date (inclusive).")
    public @NonNull ActionConnection actions(ActionKind kind, @Id Long actor, @Id Long target,
            LocalDate from, LocalDate to, @DefaultValue("20") Integer first, String after) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInputException("from (" + from + ") is after to (" + to + ")");
        }
        PageRequest request = PageRequest.of(first, after, limits.maxFirst());
        ActionReads.Filter filter = new ActionReads.Filter(kind, actor, target, from, to);
        return new ActionConnection(Page.of(ActionReads.page(filter, request), request), () -> ActionReads.count(filter));
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

    /** Each action's parties in the role, in one statement (those its read brought never get here: PRELOADED). */
    private static List<List<Party>> participants(List<Action> actions, ActionRole role) {
        return Batches.groupUnder(actions, action -> action.id,
                ActionReads.involvements(Batches.ids(actions, action -> action.id), role),
                ActionReads.Involvement::actionId, ActionReads.Involvement::party);
    }

    /** The roles whose parties the query asks of the actions at any of these paths below the field being fetched. */
    private static Set<ActionRole> rolesAsked(String... actionsPaths) {
        Set<ActionRole> roles = EnumSet.noneOf(ActionRole.class);
        for (String actionsPath : actionsPaths) {
            if (Selection.asks(actionsPath + "actors")) {
                roles.add(ActionRole.ACTOR);
            }
            if (Selection.asks(actionsPath + "targets")) {
                roles.add(ActionRole.TARGET);
            }
        }
        return roles;
    }

    @Description("The action this one answers.")
    public List<Action> respondsTo(@Source List<Action> actions) {
        List<Action> answered = ActionReads.withIds(Batches.ids(actions, Action::respondsToId));
        return Batches.pick(actions, Action::respondsToId, answered, action -> action.id);
    }

    @Description("The actions that answer this one directly, oldest first.")
    public @NonNull List<@NonNull List<@NonNull Action>> responses(@Source List<Action> actions, ActionKind kind) {
        List<Long> ids = Batches.ids(actions, action -> action.id);
        // their own responses of every kind, if the query asks for them, come in the same statement (PRELOADED)
        List<Action> responses = Selection.asksWithoutArguments("responses")
                ? ActionReads.responsesWithTheirs(ids, kind, rolesAsked("", "responses/"))
                : ActionReads.responsesTo(ids, kind, rolesAsked(""));
        return Batches.groupUnder(actions, action -> action.id, responses, Action::respondsToId);
    }

    @Description("Every action below this one in its response tree, depth-first, in one round trip. depth 1 = a direct response.")
    public @NonNull List<@NonNull List<@NonNull ThreadEntry>> thread(@Source List<Action> actions,
            @DefaultValue("" + DEFAULT_THREAD_DEPTH) Integer maxDepth) {
        // an explicit null asks for the default, as leaving it out does
        int depth = maxDepth == null ? DEFAULT_THREAD_DEPTH : maxDepth;
        // bounded so that one request cannot walk a whole large graph
        if (depth < 1 || depth > limits.maxThreadDepth()) {
            throw new InvalidInputException("maxDepth must be between 1 and " + limits.maxThreadDepth() + ", was " + depth);
        }
        List<ActionReads.ThreadRow> rows = ActionReads.threadRows(Batches.ids(actions, action -> action.id), depth,
                rolesAsked("action/"));
        return Batches.groupUnder(actions, action -> action.id, rows, ActionReads.ThreadRow::rootId).stream()
                .map(thread -> thread.stream().map(row -> new ThreadEntry(row.depth(), row.action())).toList())
                .toList();
    }

    public @NonNull List<@NonNull List<@NonNull Quote>> quotes(@Source List<Action> actions) {
        List<Quote> quotes = ActionReads.quotesOf(Batches.ids(actions, action -> action.id));
        return Batches.groupUnder(actions, action -> action.id, quotes, quote -> quote.action.id);
    }

    @Description("Where this action is known from: at least one source, each with its own account.")
    public @NonNull List<@NonNull List<@NonNull Citation>> citations(@Source List<Action> actions) {
        List<Citation> citations = ActionReads.citationsOf(Batches.ids(actions, action -> action.id));
        return Batches.groupUnder(actions, action -> action.id, citations, citation -> citation.action.id);
    }

    @Mutation
    @Description("Records an action: at least one actor and one citation. Needs the editor role.")
    public @NonNull Action recordAction(@NonNull ActionInput action) {
        Editor.require(identity);
        return service.record(action);
    }

    @Mutation
    @Description("Replaces an action whole: its fields, parties, quotes and citations. Send the version you read. "
            + "Needs the editor role.")
    public @NonNull Action updateAction(@NonNull @Id Long id, @NonNull ActionInput action) {
        Editor.require(identity);
        return service.update(id, action);
    }

    @Mutation
    @Description("Deletes an action no other action responds to. Needs the editor role.")
    public @NonNull @Id Long deleteAction(@NonNull @Id Long id) {
        Editor.require(identity);
        return service.delete(id);
    }

    @Subscription
    @Description("Each action as it is recorded or updated: those the party takes part in as actor or target, or "
            + "every action when no party is given; only those of the kind when one is given.")
    public Multi<@NonNull Action> actionRecorded(@Id Long party, ActionKind kind) {
        return subscribers.admit(feed.ids(), id -> {
            Action action = Action.findById(id);
            boolean wanted = action != null && (kind == null || action.kind == kind)
                    && (party == null || Participant.count("action.id = ?1 and party.id = ?2", id, party) > 0);
            return wanted ? action : null;
        });
    }

    @Name("actions")
    @Description("Actions this party took part in. ACTOR: it acted; TARGET: it was acted upon; ANY: either.")
    public @NonNull List<@NonNull ActionConnection> actionsOfParties(@Source List<Party> parties,
            @DefaultValue("ANY") ActionRole role, ActionKind kind, @DefaultValue("20") Integer first, String after) {
        PageRequest request = PageRequest.of(first, after, limits.maxFirst());
        List<Long> partyIds = Batches.ids(parties, party -> party.id);
        ActionRole stored = role == ActionRole.ANY ? null : role;
        Map<Long, List<Action>> pages = ActionReads.actionPagesOf(partyIds, stored, kind, request,
                rolesAsked("edges/node/"));
        // one count for every party of the level, run only if a client asks for a totalCount
        Once<Map<Long, Long>> counts = new Once<>(() -> ActionReads.actionCountsOf(partyIds, stored, kind));
        return parties.stream().map(party -> new ActionConnection(
                Page.of(pages.getOrDefault(party.id, List.of()), request),
                () -> counts.get().getOrDefault(party.id, 0L))).toList();
    }
}
