package org.attributiongraph.writing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * Counts the record's changes, so that the response cache can tell a response it cached from a stale one, and HTTP
 * caches theirs (the ETag of a GET names the shared count, the same on every replica). A
 * write transaction raises the shared count in the database (table record_version) as its last statement and this
 * replica's generation once it has ended; {@link RecordVersionPoll} reads the shared count every poll-interval, so
 * that a replica learns of the writes of the others within that time.
 */
@ApplicationScoped
public class RecordVersion {

    private static final Logger LOG = Logger.getLogger(RecordVersion.class);

    private final AtomicLong generation = new AtomicLong();
    /** The shared count last read; only {@link #readSharedVersion()} touches it, one call at a time. */
    private long lastReadVersion = Long.MIN_VALUE;
    /** Write transactions of this replica that have ended: a shared count read before the last of them is stale. */
    private final AtomicLong localWrites = new AtomicLong();
    /** Write transactions of this replica that committed: each raised the shared count by one. */
    private final AtomicLong localCommits = new AtomicLong();
    /** localCommits when the shared count was last read; only {@link #readSharedVersion()} touches it. */
    private long localCommitsAtLastRead;
    private volatile Known known;

    /** The shared count as read, and how many local writes had ended then. */
    private record Known(long version, long localWrites) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Marks the current transaction as one that changed the record. Call it after the transaction's last write:
     * the row it updates stays locked until the commit, so concurrent writers queue here only for that moment.
     */
    public void changed() {
        entityManager.createNativeQuery("UPDATE record_version SET version = version + 1 WHERE id = 1").executeUpdate();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            /** Also after a rollback: a needless new generation costs a few cache misses, a missed one stale answers. */
            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    localCommits.incrementAndGet();
                }
                localWrites.incrementAndGet();
                generation.incrementAndGet();
            }
        });
    }

    /** This replica's generation: it changes whenever the record may have changed since it was last read. */
    public long generation() {
        return generation.get();
    }

    /**
     * The shared count as last read, if no write of this replica has ended since: then no answer read from now on
     * can be older than it. Empty when it has to be read again ({@link #readSharedVersion()}).
     */
    public OptionalLong knownVersion() {
        Known last = known;
        return last != null && last.localWrites() == localWrites.get() ? OptionalLong.of(last.version()) : OptionalLong.empty();
    }

    /** Reads the shared count; where the other replicas raised it, this replica's generation moves on too. Blocks. */
    public synchronized Void readSharedVersion() {
        long writesBefore = localWrites.get();
        // counted before the read, every one of these commits is in the count it reads
        long commitsBefore = localCommits.get();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT version FROM record_version WHERE id = 1")) {
            long version = row.next() ? row.getLong(1) : Long.MIN_VALUE;
            // a change made only of this replica's commits moved the generation on as each ended; any other moves it now
            boolean onlyOurs = lastReadVersion != Long.MIN_VALUE && version - lastReadVersion == commitsBefore - localCommitsAtLastRead;
            if (version != lastReadVersion && !onlyOurs) {
                generation.incrementAndGet();
            }
            lastReadVersion = version;
            localCommitsAtLastRead = commitsBefore;
            known = new Known(version, writesBefore);
        } catch (SQLException unreadable) {
            // without the shared count, nothing cached can be trusted to be current
            known = null;
            generation.incrementAndGet();
            LOG.warnf("could not read the record's version, so cached responses are dropped: %s", unreadable.getMessage());
        }
        return null;
    }
}
