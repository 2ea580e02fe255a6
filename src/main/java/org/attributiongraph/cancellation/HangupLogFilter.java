package org.attributiongraph.cancellation;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;
import io.vertx.core.http.HttpClosedException;

/**
 * Keeps a subscriber's hang-up out of the log: SmallRye's WebSocket handler logs a WARN for every WebSocket whose
 * client went away without a close frame ("Error in websocket: ... Connection was closed"). A client leaving is no
 * failure of ours, and anyone could fill the log with it. Every other record passes (quarkus.log.console.filter).
 */
@LoggingFilter(name = "client-hangups")
public final class HangupLogFilter implements Filter {

    private static final String SMALLRYE_WEBSOCKETS = "io.smallrye.graphql.websocket.GraphQLWebsocketHandler";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(SMALLRYE_WEBSOCKETS.equals(record.getLoggerName()) && record.getThrown() instanceof HttpClosedException);
    }
}
