package org.attributiongraph.party;

import java.util.ArrayList;
import java.util.List;

import org.attributiongraph.errors.InvalidInputException;

/**
 * A party as the record takes it, whoever writes it (an editor's mutation, a dataset file), with the parties it
 * names already found. {@link PartyService#write} applies it; {@link #check} holds the rules that need no database.
 */
public record PartyDraft(String name, PartyKind kind, List<String> aliases, String country, Party partOf,
        List<Party> memberOf) {

    public PartyDraft {
        aliases = aliases == null ? List.of() : aliases;
        memberOf = memberOf == null ? List.of() : memberOf;
    }

    /** Refuses a draft no party may be: where names the record or argument in the error. */
    public PartyDraft check(String where) {
        if (name == null || name.isBlank() || aliases.stream().anyMatch(alias -> alias == null || alias.isBlank())) {
            throw new InvalidInputException(where + ": name and aliases must not be blank");
        }
        return this;
    }

    /** The name and the aliases. */
    public List<String> names() {
        List<String> names = new ArrayList<>(aliases);
        names.add(name);
        return names;
    }
}
