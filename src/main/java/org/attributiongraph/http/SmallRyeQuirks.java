package org.attributiongraph.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;

/**
 * How SmallRye GraphQL 2.17 reads a request and picks its answer's media type, mirrored so that what the guard checks
 * and the response cache answers is what SmallRye would run and write. The one class to revisit on a SmallRye upgrade.
 */
public final class SmallRyeQuirks {

    static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    static final String JSON = "application/json";
    /** The draft name of graphql-response+json; SmallRye still serves it. */
    private static final String GRAPHQL_JSON_DRAFT = "application/graphql+json";
    private static final Pattern RAW_TABS_AND_LINE_BREAKS = Pattern.compile("[\\n\\t\\r]");

    private SmallRyeQuirks() {
    }

    /** SmallRye reads a POST body and GET parameters with their raw tabs and line breaks dropped. */
    static String withoutRawTabsAndLineBreaks(String text) {
        return RAW_TABS_AND_LINE_BREAKS.matcher(text).replaceAll(" ");
    }

    /** SmallRye URL-decodes a GET parameter once more than the HTTP layer did; one it cannot decode is refused. */
    static String decodedAgain(String parameter, String what) {
        try {
            return URLDecoder.decode(withoutRawTabsAndLineBreaks(parameter), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw Refusal.badRequest(what + " is not correctly URL-encoded");
        }
    }

    /** SmallRye merges a POST's URL parameters into its body: such a request is not the one its body names. */
    public static boolean mergesUrlParameters(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && !ctx.queryParams().isEmpty();
    }

    /**
     * The Content-Type SmallRye will answer with, picked from Accept as SmallRye picks it: the first entry of a JSON
     * type it serves, as the client wrote it (parameters included), or its default for * / * or no Accept; empty if it
     * will refuse with 406.
     */
    public static Optional<String> responseType(RoutingContext ctx) {
        List<MIMEHeader> accepted = ctx.parsedHeaders().accept();
        if (accepted.isEmpty()) {
            return Optional.of(GRAPHQL_RESPONSE_JSON);
        }
        for (MIMEHeader type : accepted) {
            String value = type.rawValue();
            if (value.startsWith(JSON) || value.startsWith(GRAPHQL_RESPONSE_JSON) || value.startsWith(GRAPHQL_JSON_DRAFT)) {
                return Optional.of(value);
            }
            if (value.startsWith("*/*")) {
                return Optional.of(GRAPHQL_RESPONSE_JSON);
            }
        }
        return Optional.empty();
    }
}
