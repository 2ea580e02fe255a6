package org.attributiongraph.party;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A name a party goes by: its own name or one of its aliases. All names share one table with a unique
 * key, so the database itself guarantees that no name or alias is used by two parties, ignoring case.
 */
@Entity
@Table(name = "party_name")
public class PartyName extends PanacheEntityBase {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "party_name_seq")
    @SequenceGenerator(name = "party_name_seq", sequenceName = "party_name_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "party_id")
    public Party party;

    @NotBlank
    @Size(max = 200)
    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "name_key", nullable = false, length = 200)
    public String nameKey;

    @Column(nullable = false)
    public boolean alias;

    PartyName() {
    }

    PartyName(Party party, String name, boolean alias) {
        this.party = party;
        this.name = name;
        this.nameKey = keyOf(name);
        this.alias = alias;
    }

    /** The form names are compared in: Unicode-normalised, single-spaced, lower case. */
    public static String keyOf(String name) {
        String stripped = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
        return WHITESPACE.matcher(stripped).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
