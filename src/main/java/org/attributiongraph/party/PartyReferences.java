package org.attributiongraph.party;

import java.util.List;

/**
 * What in another package may refer to a party (an action's participants, its quotes' speakers): that package
 * answers, so this one need not know it. A party is deleted only when none does.
 */
public interface PartyReferences {

    /** Each reference to the party, named so a client can change it; the first few are enough. */
    List<String> to(Party party);
}
