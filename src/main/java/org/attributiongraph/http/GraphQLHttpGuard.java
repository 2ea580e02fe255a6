package org.attributiongraph.http;

import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.attributiongraph.audit.Editor;
import org.attributiongraph.errors.ErrorCodes;
import org.attributiongraph.limits.Limits;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Checks a request to the GraphQL endpoint before SmallRye sees it, and answers a bad one itself with a GraphQL error
 * that carries extensions.code: SmallRye answers malformed requests without a code and some (variables that are not
 * an object, a stray % in a GET query) with a 500. It refuses, in this order:
 * <ul>
 * <li>a body over attribution-graph.limits.max-body-size: 413, unless an editor sends it (a dataset import), who may
 * send up to quarkus.http.limits.max-body-size;</li>
 * <li>a POST whose body is neither application/json nor application/graphql: 415;</li>
 * <li>a request that is not a GraphQL request (not a JSON object, no query, variables not an object ...): 400
 * ({@link RequestReader});</li>
 * <li>a mutation over GET, which a cache or a link could replay: 405;</li>
 * <li>an automatic persisted query ({@link PersistedQueries}) whose hash is unknown (PERSISTED_QUERY_NOT_FOUND, which
 * tells the client to send the text) or is not the hash of the text sent with it: 400, or 200 to application/json
 * clients where the hash is unknown;</li>
 * <li>an operationName that names no operation of the query: 400;</li>
 * <li>a query that does not parse, has more tokens than quarkus.smallrye-graphql.parser-max-tokens, nests deeper
 * than graphql-java's parser goes (500 grammar rules; the depth limit refuses much shallower ones later), or more aliases
 * than {@link Limits#maxAliases()} ({@link QueryCheck}): 400 to clients that accept application/graphql-response+json
 * (or its draft name application/graphql+json), 200 to application/json clients, as the GraphQL over HTTP spec has it.</li>
 * </ul>
 * It reads the request as SmallRye will ({@link SmallRyeQuirks}), and leaves what it read for the handlers after it
 * ({@link GraphQLRequest#checked}): the response cache comes next.
 */
@ApplicationScoped
public class GraphQLHttpGuard {

    /** After CORS and the security filters (they are negative orders), before SmallRye's route (order 0 and up). */
    public static final int ORDER = -SecurityHandlerPriorities.AUTHORIZATION + 2;

    private RequestReader reader;
    private QueryCheck queryCheck;

    @Inject
    Limits limits;

    @Inject
    PersistedQueries persistedQueries;

    @Inject
    GraphQLEndpoint endpoint;

    /** The most an editor may send: a dataset file for importDataset. */
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    /** Where GET is off, SmallRye refuses every GET with 405, and there is nothing to check. */
    @ConfigProperty(name = "quarkus.smallrye-graphql.http.get.enabled")
    boolean getEnabled;

    @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens")
    Optional<Integer> maxTokens;

    @PostConstruct
    void create() {
        reader = new RequestReader(persistedQueries);
        queryCheck = new QueryCheck(limits, maxTokens);
    }

    void install(@Observes Router router) {
        router.route(endpoint.path()).order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue()))
                .handler(this::check);
    }

    private void check(RoutingContext ctx) {
        Optional<String> responseType = SmallRyeQuirks.responseType(ctx);
        if (responseType.isEmpty()) {
            ctx.next(); // SmallRye answers 406
            return;
        }
        try {
            GraphQLRequest request = null;
            if (ctx.request().method() == HttpMethod.POST) {
                checkSize(ctx);
                request = reader.post(ctx);
                queryCheck.check(request, false);
            } else if (ctx.request().method() == HttpMethod.GET && getEnabled) {
                request = reader.get(ctx);
                queryCheck.check(request, true);
            }
            if (request != null) { // other methods SmallRye refuses itself
                request.markChecked(ctx);
            }
            ctx.next();
        } catch (Refusal refusal) {
            refusal.answer(ctx, responseType.get());
        }
    }

    private void checkSize(RoutingContext ctx) {
        if (ctx.body().length() > limits.maxBodySize().asLongValue() && !sentByEditor(ctx)) {
            throw new Refusal(413, ErrorCodes.REQUEST_TOO_LARGE, "the request body is over "
                    + limits.maxBodySize().asLongValue() / 1024 + " KiB; only editors may send more (dataset imports)");
        }
    }

    /** The security filters have run: a verified token's identity is on the request. */
    private static boolean sentByEditor(RoutingContext ctx) {
        return ctx.user() instanceof QuarkusHttpUser user && user.getSecurityIdentity().hasRole(Editor.ROLE);
    }
}
