package org.attributiongraph.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.attributiongraph.writing.RecordVersion;
import org.attributiongraph.writing.RecordVersionPoll;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets browsers and CDNs keep the answers to queries sent over GET, and revalidate them. A whole answer (data, no
 * errors) carries an ETag and a Cache-Control; any other answer says no-store. The tag names the record's shared
 * version ({@link RecordVersion}, the same on every replica) and a hash of all else the answer depends on: the query,
 * its variables, the media type it is written in, the application's version. If-None-Match with the current tag is
 * answered 304 here, before the query is run or even looked up in the response cache.
 */
@ApplicationScoped
public class HttpCaching {

    /** After {@link FailedRequestStatus}; before the response cache, so that a 304 never reaches it. */
    public static final int ORDER = FailedRequestStatus.ORDER + 1;

    @Inject
    HttpCacheConfig config;

    @Inject
    RecordVersion recordVersion;

    @Inject
    RecordVersionPoll poll;

    @ConfigProperty(name = "attribution-graph.auth.read-requires-token")
    boolean readRequiresToken;

    @Inject
    GraphQLEndpoint endpoint;

    @ConfigProperty(name = "quarkus.smallrye-graphql.http.get.enabled")
    boolean getEnabled;

    /** A new release may answer the same query differently: its answers get other tags. */
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "")
    String applicationVersion;

    private String cacheControl;
    private String vary;

    @PostConstruct
    void describe() {
        // the answers do not depend on who asks; only who may keep them does
        StringBuilder control = new StringBuilder(readRequiresToken ? "private" : "public")
                .append(", max-age=").append(config.maxAge().toSeconds());
        if (!readRequiresToken) {
            config.sharedMaxAge().ifPresent(shared -> control.append(", s-maxage=").append(shared.toSeconds()));
        }
        cacheControl = control.append(", must-revalidate").toString();
        vary = readRequiresToken ? "Accept, Authorization" : "Accept";
    }

    void install(@Observes Router router) {
        if (config.enabled() && getEnabled) {
            router.route(endpoint.path()).order(ORDER).handler(this::handle);
        }
    }

    /** Tags follow the other replicas' writes within the poll interval. */
    void startPolling(@Observes StartupEvent start) {
        if (config.enabled() && getEnabled) {
            poll.start();
        }
    }

    private void handle(RoutingContext ctx) {
        GraphQLRequest request = GraphQLRequest.checked(ctx);
        Optional<String> responseType = SmallRyeQuirks.responseType(ctx);
        if (ctx.request().method() != HttpMethod.GET || request == null || responseType.isEmpty()) {
            ctx.next();
            return;
        }
        OptionalLong known = recordVersion.knownVersion();
        if (known.isPresent()) {
            answer(ctx, tag(known.getAsLong(), request, responseType.get()));
            return;
        }
        // a write of this replica has ended since the version was last read: read it (off the event loop)
        ctx.vertx().executeBlocking(recordVersion::readSharedVersion, false).onComplete(read -> {
            OptionalLong version = recordVersion.knownVersion();
            answer(ctx, version.isPresent() ? tag(version.getAsLong(), request, responseType.get()) : null);
        });
    }

    /** Answers 304 if the client holds the current tag; otherwise lets the query run and marks its answer. */
    private void answer(RoutingContext ctx, String tag) {
        if (tag != null && holdsCurrent(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
            ctx.response().setStatusCode(304).putHeader(HttpHeaders.ETAG, tag)
                    .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl).putHeader(HttpHeaders.VARY, vary).end();
            return;
        }
        RequestOutcome outcome = RequestOutcome.of(ctx);
        ctx.addHeadersEndHandler(headEnds -> {
            MultiMap headers = ctx.response().headers();
            headers.set(HttpHeaders.VARY, vary);
            if (tag != null && ctx.response().getStatusCode() == 200 && outcome.whole()) {
                headers.set(HttpHeaders.ETAG, tag).set(HttpHeaders.CACHE_CONTROL, cacheControl);
            } else {
                headers.remove(HttpHeaders.ETAG).set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        });
        ctx.next();
    }

    /** If-None-Match, compared weakly (RFC 9110 13.1.2): W/"x" and "x" name the same answer. */
    static boolean holdsCurrent(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String current = opaque(tag);
        return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .anyMatch(held -> held.equals("*") || opaque(held).equals(current));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** Weak: the same data, though a replica on another database may order equal rows differently. */
    private String tag(long version, GraphQLRequest request, String responseType) {
        MessageDigest sha256 = Sha256.digest();
        for (String part : new String[] { applicationVersion, responseType, request.query(), request.operationName(),
                request.variables() }) {
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256.digest(), 18));
        return "W/\"" + version + "-" + hash + "\"";
    }
}
