package org.attributiongraph.party;

import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A party as an editor writes it; on update it replaces the party whole, and carries the version read. */
@Input("PartyInput")
public class PartyInput {

    @NonNull
    public String name;

    @NonNull
    public PartyKind kind;

    public List<@NonNull String> aliases;

    public String country;

    @Id
    public Long partOfId;

    /** The coalitions the party is a member of; each must be a COALITION. */
    @Id
    public List<@NonNull Long> memberOfIds;

    public Integer version;
}
