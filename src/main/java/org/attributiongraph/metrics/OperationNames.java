package org.attributiongraph.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operation names that may appear as a metric label. A name is admitted the first time an operation of that
 * name passes validation and runs, until {@code cap} names are held; anonymous operations, names seen only in
 * refused requests, and names that come after the cap is reached all fold into {@link #OTHER}. A client can thus
 * add at most {@code cap} series per label set, however many names it invents.
 */
final class OperationNames {

    static final String OTHER = "other";

    private final int cap;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    OperationNames(int cap) {
        this.cap = cap;
    }

    /** The label of an operation that ran: its name, admitted now if there is room. */
    String ofExecuted(String name) {
        if (name == null || name.isEmpty()) {
            return OTHER;
        }
        if (admitted.contains(name)) {
            return name;
        }
        synchronized (admitted) {
            if (admitted.size() < cap) {
                admitted.add(name);
                return name;
            }
        }
        return OTHER;
    }

    /** The label of an operation that did not run now (refused, or answered from the cache): its name if admitted. */
    String ofKnown(String name) {
        return name != null && admitted.contains(name) ? name : OTHER;
    }
}
