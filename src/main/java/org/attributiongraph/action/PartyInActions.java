package org.attributiongraph.action;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.attributiongraph.party.Party;
import org.attributiongraph.party.PartyReferences;

/** The actions a party takes part in or is quoted in: what keeps it from being deleted, as far as actions go. */
@ApplicationScoped
public class PartyInActions implements PartyReferences {

    /** Enough for an editor to see what to change first. */
    private static final int NAMED_AT_MOST = 20;

    @Override
    public List<String> to(Party party) {
        List<String> uses = new ArrayList<>();
        Participant.actionsOf(party, NAMED_AT_MOST)
                .forEach(action -> uses.add("takes part in action " + action.id + " '" + action.title + "'"));
        Quote.actionsQuoting(party, NAMED_AT_MOST)
                .forEach(action -> uses.add("is quoted in action " + action.id + " '" + action.title + "'"));
        return uses;
    }
}
