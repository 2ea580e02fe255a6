package org.attributiongraph.writing;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import org.attributiongraph.errors.ConflictException;
import org.attributiongraph.errors.InvalidInputException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.Panache;

/** What every mutation does before it answers: check the version it was sent, and write now so a clash is a clear error. */
public final class Writes {

    private Writes() {
    }

    /** Optimistic locking: an update names the version it read; a stale one is refused, never silently applied. */
    public static void checkVersion(Integer given, int current, String what) {
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
        } catch (OptimisticLockException | StaleStateException concurrent) {
            throw new ConflictException(what + " was changed by someone else at the same time; read it again and retry");
        } catch (PersistenceException failed) {
            if (causedBy(failed, ConstraintViolationException.class)) {
                throw new ConflictException(what + " clashes with a record written at the same time (a name, alias or key"
                        + " already taken, or a reference just removed); read again and retry");
            }
            throw failed;
        }
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
