package org.attributiongraph.paging;

import java.util.function.Supplier;

/** Computes a value the first time it is needed, then keeps it: one count shared by a level of connections. */
public final class Once<T> implements Supplier<T> {

    private Supplier<T> computation;
    private T value;

    public Once(Supplier<T> computation) {
        this.computation = computation;
    }

    @Override
    public synchronized T get() {
        if (computation != null) {
            value = computation.get();
            computation = null;
        }
        return value;
    }
}
