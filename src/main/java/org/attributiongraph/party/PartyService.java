package org.attributiongraph.party;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.attributiongraph.errors.ConflictException;
import org.attributiongraph.errors.NotFoundException;
import org.attributiongraph.writing.InputValidator;
import org.attributiongraph.writing.Writes;

/**
 * The one way a party is written: {@link #write} holds its rules, for an editor's mutation and a dataset import
 * alike; the mutations here own their transactions, an import runs in its own.
 */
@ApplicationScoped
public class PartyService {

    @Inject
    InputValidator validator;

    @Inject
    Instance<PartyReferences> references;

    @Transactional
    public Party create(PartyInput input) {
        Party created = write(new Party(), draftOf(input, "party"), Party::findByNames, "party");
        return Writes.create(created, "party '" + created.name + "'");
    }

    /** Replaces a party whole, if the version sent is the one it is at. */
    @Transactional
    public Party update(Long id, PartyInput input) {
        Party existing = existing(id);
        String where = "party " + id;
        return Writes.update(existing, existing.version, input.version, where,
                party -> write(party, draftOf(input, where), Party::findByNames, where));
    }

    /** Deletes a party nothing refers to, or says what still does. */
    @Transactional
    public Long delete(Long id) {
        Party party = existing(id);
        List<String> uses = new ArrayList<>();
        references.forEach(reference -> uses.addAll(reference.to(party)));
        uses.addAll(party.partsAndMembers());
        if (!uses.isEmpty()) {
            throw new ConflictException("party " + id + " '" + party.name + "' is still referred to, so nothing was deleted: "
                    + String.join("; ", uses));
        }
        party.delete();
        Writes.flush("party " + id);
        return id;
    }

    /**
     * Gives the party what the draft says, after checking the draft, that no other party goes by its names (owners
     * finds who does, by name key) and the party as it would be stored; where names the record or argument in an
     * error. Every look-up comes before the first change: a query would flush a half-made change and move the
     * version twice. In the caller's transaction; nothing is flushed.
     */
    @Transactional(TxType.MANDATORY)
    public Party write(Party party, PartyDraft draft, Function<Collection<String>, Map<String, Party>> owners,
            String where) {
        draft.check(where);
        party.checkNamesFree(draft.names(), owners.apply(draft.names()), where);
        party.checkKindKeepsMembers(draft.kind(), where);
        party.take(draft, where);
        return validator.check(party, where);
    }

    private static Party existing(Long id) {
        return Party.<Party>findByIdOptional(id).orElseThrow(() -> new NotFoundException("no party with id " + id));
    }

    /** The draft of an editor's input: the parent and coalitions it names found, or NOT_FOUND. */
    private static PartyDraft draftOf(PartyInput input, String where) {
        List<Party> coalitions = input.memberOfIds == null ? List.of() : Party.coalitionsWithIds(input.memberOfIds, where);
        Party partOf = input.partOfId == null ? null : Party.findById(input.partOfId);
        if (input.partOfId != null && partOf == null) {
            throw new NotFoundException(where + ": partOfId " + input.partOfId + " is not a party");
        }
        return new PartyDraft(input.name, input.kind, input.aliases, input.country, partOf, coalitions);
    }
}
