package org.attributiongraph.action;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.attributiongraph.action.ActionDraft.CitationDraft;
import org.attributiongraph.action.ActionDraft.QuoteDraft;
import org.attributiongraph.errors.ConflictException;
import org.attributiongraph.errors.NotFoundException;
import org.attributiongraph.live.ActionFeed;
import org.attributiongraph.party.Party;
import org.attributiongraph.source.Source;
import org.attributiongraph.writing.InputValidator;
import org.attributiongraph.writing.Writes;

/**
 * The one way an action is written: {@link #write} holds its rules, for an editor's mutation and a dataset import
 * alike; the mutations here own their transactions, an import runs in its own.
 */
@ApplicationScoped
public class ActionService {

    @Inject
    InputValidator validator;

    @Inject
    ActionFeed feed;

    @Transactional
    public Action record(ActionInput input) {
        Action recorded = new Action();
        recorded.key = Writes.newKey("action");
        Writes.create(write(recorded, draftOf(input, "action"), "action"), "action");
        feed.changed(recorded.id);
        return recorded;
    }

    /** Replaces an action whole, if the version sent is the one it is at. */
    @Transactional
    public Action update(Long id, ActionInput input) {
        Action existing = existing(id);
        String where = "action " + id;
        Writes.update(existing, existing.version, input.version, where, action -> write(action, draftOf(input, where), where));
        feed.changed(id);
        return existing;
    }

    /** Deletes an action no other action answers. */
    @Transactional
    public Long delete(Long id) {
        Action action = existing(id);
        List<Action> responses = Action.list("respondsTo.id = ?1 order by id", id);
        if (!responses.isEmpty()) {
            throw new ConflictException("action " + id + " is answered by " + responses.stream()
                    .map(response -> "action " + response.id + " '" + response.title + "'").collect(Collectors.joining(", "))
                    + ", so nothing was deleted; delete those or point them elsewhere first");
        }
        action.delete();
        Writes.flush("action " + id);
        return id;
    }

    /**
     * Gives the action what the draft says, after checking the draft and then the action as it would be stored;
     * where names the record or argument in an error. In the caller's transaction; nothing is flushed.
     */
    @Transactional(TxType.MANDATORY)
    public Action write(Action action, ActionDraft draft, String where) {
        action.take(draft.check(where), where);
        return validator.check(action, where);
    }

    private static Action existing(Long id) {
        return Action.<Action>findByIdOptional(id).orElseThrow(() -> new NotFoundException("no action with id " + id));
    }

    /** The draft of an editor's input: every id it names found, or NOT_FOUND saying which name nothing. */
    private static ActionDraft draftOf(ActionInput input, String where) {
        List<Long> targetIds = input.targetIds == null ? List.of() : input.targetIds;
        List<ActionInput.QuoteInput> quotes = input.quotes == null ? List.of() : input.quotes;
        Set<Long> partyIds = new LinkedHashSet<>(input.actorIds);
        partyIds.addAll(targetIds);
        quotes.stream().map(quote -> quote.speakerId).filter(Objects::nonNull).forEach(partyIds::add);
        Map<Long, Party> parties = found(where, "party", partyIds, Party.withIds(partyIds), party -> party.id);
        Set<Long> sourceIds = input.citations.stream().map(citation -> citation.sourceId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<Long, Source> sources = found(where, "source", sourceIds, Source.withIds(sourceIds), source -> source.id);
        Action respondsTo = input.respondsToId == null ? null : Action.findById(input.respondsToId);
        if (input.respondsToId != null && respondsTo == null) {
            throw new NotFoundException(where + ": respondsToId " + input.respondsToId + " is not an action");
        }
        return new ActionDraft(input.kind, input.title, input.summary, input.occurredOn, input.datePrecision,
                input.actorIds.stream().map(parties::get).toList(), targetIds.stream().map(parties::get).toList(),
                respondsTo,
                quotes.stream().map(quote -> new QuoteDraft(quote.text,
                        quote.speakerId == null ? null : parties.get(quote.speakerId))).toList(),
                input.citations.stream().map(citation -> new CitationDraft(sources.get(citation.sourceId),
                        citation.excerpt)).toList());
    }

    /** The records found by id, or NOT_FOUND naming the asked ids that name none. */
    private static <T> Map<Long, T> found(String where, String what, Set<Long> asked, List<T> records,
            Function<T, Long> idOf) {
        Map<Long, T> byId = new HashMap<>();
        records.forEach(record -> byId.put(idOf.apply(record), record));
        List<Long> missing = asked.stream().filter(id -> !byId.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new NotFoundException(where + ": no " + what + " with id " + missing.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")));
        }
        return byId;
    }
}
