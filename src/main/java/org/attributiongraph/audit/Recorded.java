package org.attributiongraph.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What the record keeps about every party, source and action it holds: when it was recorded and changed, by whom. */
@MappedSuperclass
public abstract class Recorded extends PanacheEntityBase {

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false, length = 200)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false, length = 200)
    public String updatedBy;

    /** Hibernate calls this on persist; the bulk import calls it for the rows it writes without Hibernate. */
    @PrePersist
    public void stampCreated() {
        createdAt = now();
        createdBy = Editor.currentName();
        updatedAt = createdAt;
        updatedBy = createdBy;
    }

    /** Marks a change by the current editor; changing the row also moves its version on. */
    public void touch() {
        updatedAt = now();
        updatedBy = Editor.currentName();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
