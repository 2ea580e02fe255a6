package org.attributiongraph.action;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/** The SQL statements Hibernate sent most recently, for tests that ask the database how it runs them. */
public class RecordedStatements implements StatementInspector {

    private static final int KEPT = 200;
    private static final ConcurrentLinkedDeque<String> RECENT = new ConcurrentLinkedDeque<>();

    @Override
    public String inspect(String sql) {
        RECENT.addLast(sql);
        while (RECENT.size() > KEPT) {
            RECENT.pollFirst();
        }
        return sql;
    }

    static void clear() {
        RECENT.clear();
    }

    static List<String> recent() {
        return new ArrayList<>(RECENT);
    }
}
