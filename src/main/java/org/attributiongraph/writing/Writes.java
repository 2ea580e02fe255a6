package org.attributiongraph.writing;

import java.util.UUID;
import java.util.function.Consumer;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import org.attributiongraph.audit.Recorded;
import org.attributiongraph.errors.ConflictException;
import org.attributiongraph.errors.InvalidInputException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** How every mutation writes: an update checks the version it was sent; all write now, so a clash is a clear error. */
public final class Writes {

    private Writes() {
    }

    /** The dataset key of a record an editor writes: stable across exports and imports, unique without a look-up. */
    public static String newKey(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    /** A new record, written now so that a clash is a clear error. */
    public static <T extends PanacheEntityBase> T create(T record, String what) {
        record.persist();
        flush(what);
        return record;
    }

    /**
     * An update of a stored record at storedVersion: the version sent is checked, then the change is made, marked as
     * the current editor's, and written now.
     */
    public static <T extends Recorded> T update(T record, int storedVersion, Integer sentVersion, String what,
            Consumer<T> change) {
        checkVersion(sentVersion, storedVersion, what);
        change.accept(record);
        record.touch();
        flush(what);
        return record;
    }

    /** Optimistic locking: an update names the version it read; a stale one is refused, never silently applied. */
    private static void checkVersion(Integer given, int current, String what) {
        if (given == null) {
            throw new InvalidInputException(what + ": an update needs the version you read (field version)");
        }
        if (given != current) {
            throw new ConflictException(what + " has changed since you read it (you sent version " + given
                    + ", it is now at " + current + "); read it again and retry");
        }
    }

    /**
     * Flushes inside the mutation's transaction, so that a concurrent change or a uniqueness clash the checks could
     * not see (another replica writing at the same moment) becomes a CONFLICT error, and the transaction rolls back.
     * Then marks the record changed, for the response cache: every mutation ends here.
     */
    public static void flush(String what) {
        try {
            Panache.getEntityManager().flush();
            Arc.container().instance(RecordVersion.class).get().changed();
        } catch (PersistenceException failed) {
            throw clashAsConflict(failed, what);
        }
    }

    /**
     * What a failed write becomes for the client: a concurrent change, or a clash with another writer's rows that the
     * checks before the write could not see, is a CONFLICT the client can retry; anything else stays as it was.
     */
    public static RuntimeException clashAsConflict(PersistenceException failed, String what) {
        if (failed instanceof OptimisticLockException || failed instanceof StaleStateException) {
            return new ConflictException(what + " was changed by someone else at the same time; read it again and retry");
        }
        if (causedBy(failed, ConstraintViolationException.class)) {
            return new ConflictException(what + " clashes with a record written at the same time (a name, alias or key"
                    + " already taken, or a reference just removed); read again and retry");
        }
        return failed;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
