package org.attributiongraph.source;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.attributiongraph.audit.Recorded;
import org.attributiongraph.batching.Batches;
import org.attributiongraph.storable.StorableDate;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;


/** Where the record knows something from: an article, a statement, a court filing. */
@Entity
@Table(name = "source")
public class Source extends Recorded {

    @jakarta.persistence.Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "source_seq")
    @SequenceGenerator(name = "source_seq", sequenceName = "source_seq", allocationSize = 50)
    @Id
    @NonNull
    public Long id;

    /** Stable identity across exports and imports; ids are local to one database. */
    @Ignore
    @NotBlank
    @Size(max = 100)
    @Column(name = "dataset_key", nullable = false, unique = true, length = 100)
    public String key;

    @NonNull
    @NotBlank
    @Size(max = 200)
    @Column(nullable = false, length = 200)
    public String publisher;

    @NonNull
    @NotBlank
    @Size(max = 300)
    @Column(nullable = false, length = 300)
    public String title;

    @Size(max = 2000)
    @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
    @Column(length = 2000)
    public String url;

    @Column(name = "published_on")
    @StorableDate
    public LocalDate publishedOn;

    /** The sources with these ids that exist, in no particular order; unknown ids are left out. */
    public static List<Source> withIds(Collection<Long> ids) {
        return Batches.inChunks(ids, chunk -> list("id in ?1", chunk));
    }

    public static List<Source> listInOrder() {
        return list("order by id");
    }

    public static Source findByKey(String key) {
        return find("key", key).firstResult();
    }

    public static List<Source> findByKeys(Collection<String> keys) {
        return Batches.inChunks(keys, chunk -> list("key in ?1", chunk));
    }
}
