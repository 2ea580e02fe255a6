package org.attributiongraph.database;

import java.time.Duration;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * How many Hibernate sessions are open now, from the statistics the test profile turns on. A session never closed
 * keeps its persistence context, and whatever its request left pending, for as long as the service runs.
 */
public final class OpenSessions {

    private OpenSessions() {
    }

    /**
     * Waits until no session is open (other work opens and closes its own meanwhile, so what this catches is a session
     * that stays open); answers how many are still open if that does not come within the wait.
     */
    public static long awaitNone(SessionFactory sessions, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (open(sessions) != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return open(sessions);
    }

    private static long open(SessionFactory sessions) {
        Statistics statistics = sessions.getStatistics();
        return statistics.getSessionOpenCount() - statistics.getSessionCloseCount();
    }
}
