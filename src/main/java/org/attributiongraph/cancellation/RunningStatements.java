package org.attributiongraph.cancellation;

import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Tells a request's {@link RequestCancellation} which Hibernate session is running a statement of it, so that the
 * statement can be cancelled, and refuses to start one for a request that has ended. Hibernate makes one per session
 * (hibernate.session.events.auto in application.properties) and calls it on the thread that runs the statement, in
 * the request's context.
 */
public class RunningStatements implements SessionEventListener {

    private static final long serialVersionUID = 1L;

    /** A request that has ended does not wait for a pooled connection either. */
    @Override
    public void jdbcConnectionAcquisitionStart() {
        RequestCancellation.current().ifPresent(RequestCancellation::check);
    }

    @Override
    public void jdbcExecuteStatementStart() {
        RequestCancellation.current().ifPresent(request -> request.statementStarting(session()));
    }

    @Override
    public void jdbcExecuteStatementEnd() {
        RequestCancellation.current().ifPresent(request -> request.statementEnded(session()));
    }

    /** Quarkus hands out a proxy that finds the session of the thread's context; the canceller needs the session itself. */
    private static SharedSessionContractImplementor session() {
        return Panache.getSession().unwrap(SharedSessionContractImplementor.class);
    }
}
