package org.attributiongraph.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.attributiongraph.database.DriverByUrl;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;

/**
 * The ids of actions recorded or updated, as their transactions commit, for subscribers. On PostgreSQL the news
 * goes through the database (NOTIFY in the writing transaction, LISTEN on every replica), so that a write through
 * one replica reaches the subscribers of all; elsewhere (H2, one process) it is passed on here after the commit.
 */
@ApplicationScoped
public class ActionFeed {

    private static final Logger LOG = Logger.getLogger(ActionFeed.class);
    private static final String CHANNEL = "attribution_graph_actions";
    /** How long the listener waits for news before it checks whether it should stop. */
    private static final int LISTEN_WAIT_MS = 500;

    /** Serialized: commits end on many threads at once, and a processor takes one item at a time. */
    private final SerializedProcessor<Long, Long> processor = BroadcastProcessor.<Long> create().serialized();
    private final Multi<Long> ids = Multi.createFrom().publisher(processor);

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean listening;
    private Thread listener;

    /** Every recorded or updated action's id, from now on; subscribers that do not keep up are failed. */
    public Multi<Long> ids() {
        return ids;
    }

    /** Announces, once the current transaction commits, that the action was recorded or updated. */
    public void changed(long actionId) {
        if (onPostgres()) {
            // delivered to every listener at the commit, and never if the transaction rolls back
            entityManager.createNativeQuery("SELECT pg_notify('" + CHANNEL + "', CAST(?1 AS text))")
                    .setParameter(1, actionId).getSingleResult();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    processor.onNext(actionId);
                }
            }
        });
    }

    private boolean onPostgres() {
        return DriverByUrl.isPostgresql(jdbcUrl);
    }

    void listen(@Observes StartupEvent start) {
        if (onPostgres()) {
            listening = true;
            listener = new Thread(this::relayNotifications, "action-feed-listener");
            listener.setDaemon(true);
            listener.start();
        }
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        listening = false;
        if (listener != null) {
            listener.join(LISTEN_WAIT_MS * 4L);
        }
    }

    /** Holds one connection of its own (not the pool's) listening, and connects again when it is lost. */
    private void relayNotifications() {
        while (listening) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, username.orElse(null), password.orElse(null))) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (listening) {
                    PGNotification[] received = notifications.getNotifications(LISTEN_WAIT_MS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            processor.onNext(Long.parseLong(notification.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException lost) {
                if (listening) {
                    LOG.warnf("lost the database connection that listens for recorded actions, connecting again: %s",
                            lost.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(LISTEN_WAIT_MS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
