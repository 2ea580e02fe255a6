package org.attributiongraph.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.attributiongraph.errors.ErrorCodes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Reads the GraphQL request out of a POST or GET as SmallRye will, refusing one that is not a GraphQL request. */
final class RequestReader {

    private static final String GRAPHQL = "application/graphql";

    /**
     * Jackson's own cap on a string's length (20M characters) is lifted: the body is bounded already (by the limits on
     * body size), and a dataset given to importDataset is one string nearly as long as an editor's body may be.
     */
    private final ObjectMapper json = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private final PersistedQueries persistedQueries;

    RequestReader(PersistedQueries persistedQueries) {
        this.persistedQueries = persistedQueries;
    }

    /** The request of a POST: a JSON body or, as application/graphql, the bare query. */
    GraphQLRequest post(RoutingContext ctx) {
        String mediaType = contentMediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        String raw = ctx.body().asString();
        String body = raw == null ? "" : SmallRyeQuirks.withoutRawTabsAndLineBreaks(raw);
        if (mediaType.equals(GRAPHQL)) {
            return GraphQLRequest.of(body, null, null);
        }
        if (!mediaType.equals(SmallRyeQuirks.JSON)) {
            throw new Refusal(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "send the request as application/json (or the bare query as application/graphql)");
        }
        JsonNode request = parse(body, "the body");
        if (!request.isObject()) {
            throw Refusal.badRequest("the body must be a JSON object with a query");
        }
        requireObjectOrNull(request.get("variables"), "variables");
        requireObjectOrNull(request.get("extensions"), "extensions");
        JsonNode operationName = request.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            throw Refusal.badRequest("operationName must be a string");
        }
        JsonNode query = request.get("query");
        if (query != null && !query.isNull() && !query.isTextual()) {
            throw Refusal.badRequest("the body must have a query, as a string");
        }
        String text = query == null || query.isNull() ? null : query.asText();
        String persisted = persistedQuery(request.get("extensions"), text);
        if (persisted != null) { // SmallRye runs what it reads from the body
            ((ObjectNode) request).put("query", persisted);
            ctx.setBody(Buffer.buffer(request.toString()));
            text = persisted;
        } else if (text == null) {
            throw Refusal.badRequest("the body must have a query, as a string");
        }
        return GraphQLRequest.of(text, operationName == null ? null : operationName.textValue(), request.get("variables"));
    }

    /**
     * The media type of a Content-Type header, without parameters. Browser fetchers that set the header on top of a
     * default send it merged ("application/json, application/json", as GraphiQL does): copies of one type are that
     * type; different types are no single type (an empty answer, refused as unsupported).
     */
    static String contentMediaType(String header) {
        if (header == null) {
            return "";
        }
        List<String> types = Arrays.stream(header.split(",")).map(part -> part.split(";", 2)[0].strip()
                .toLowerCase(Locale.ROOT)).distinct().toList();
        return types.size() == 1 ? types.get(0) : "";
    }

    /** The request of a GET, its parameters decoded as SmallRye decodes them. */
    GraphQLRequest get(RoutingContext ctx) {
        String operationName = ctx.queryParams().get("operationName");
        if (operationName != null) {
            operationName = SmallRyeQuirks.decodedAgain(operationName, "operationName");
        }
        String variablesParameter = ctx.queryParams().get("variables");
        JsonNode variables = null;
        if (variablesParameter != null && !variablesParameter.isEmpty()) {
            variables = parse(SmallRyeQuirks.decodedAgain(variablesParameter, "variables"), "variables");
            requireObjectOrNull(variables, "variables");
        }
        String extensions = ctx.queryParams().get("extensions");
        JsonNode extensionsObject = null;
        if (extensions != null && !extensions.isEmpty()) {
            extensionsObject = parse(SmallRyeQuirks.decodedAgain(extensions, "extensions"), "extensions");
            requireObjectOrNull(extensionsObject, "extensions");
        }
        String query = ctx.queryParams().get("query");
        String persisted = persistedQuery(extensionsObject, query);
        if (persisted != null) { // SmallRye runs what it reads from the parameters, which it decodes once more
            ctx.queryParams().set("query", URLEncoder.encode(persisted, StandardCharsets.UTF_8));
            return GraphQLRequest.of(persisted, operationName, variables);
        }
        if (query == null) {
            throw Refusal.badRequest("the request has no query parameter");
        }
        return GraphQLRequest.of(SmallRyeQuirks.decodedAgain(query, "query"), operationName, variables);
    }

    /**
     * Reads extensions.persistedQuery: a query sent with its hash is registered, once the hash is checked (null
     * back: run what was sent); a hash sent alone gives back the query registered under it. Without the extension,
     * null.
     */
    private String persistedQuery(JsonNode extensions, String sent) {
        JsonNode persisted = extensions == null || extensions.isNull() ? null : extensions.get("persistedQuery");
        if (persisted == null || persisted.isNull()) {
            return null;
        }
        if (!persistedQueries.enabled()) {
            throw new Refusal(200, ErrorCodes.PERSISTED_QUERY_NOT_SUPPORTED, "PersistedQueryNotSupported");
        }
        JsonNode hash = persisted.get("sha256Hash");
        if (!persisted.path("version").isInt() || persisted.path("version").intValue() != 1
                || hash == null || !hash.isTextual()) {
            throw new Refusal(400, ErrorCodes.PERSISTED_QUERY_NOT_SUPPORTED,
                    "extensions.persistedQuery must be {version: 1, sha256Hash}: the only version served");
        }
        String sha256Hash = hash.textValue().toLowerCase(Locale.ROOT);
        if (sent == null) {
            return persistedQueries.find(sha256Hash).orElseThrow(() -> new Refusal(200,
                    ErrorCodes.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound"));
        }
        if (!persistedQueries.register(sha256Hash, sent)) {
            throw new Refusal(400, ErrorCodes.PERSISTED_QUERY_HASH_MISMATCH,
                    "extensions.persistedQuery.sha256Hash is not the SHA-256 hash of the query sent with it");
        }
        return null;
    }

    private JsonNode parse(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException malformed) {
            throw Refusal.badRequest(what + " is not valid JSON");
        }
    }

    private static void requireObjectOrNull(JsonNode value, String what) {
        if (value != null && !value.isNull() && !value.isObject()) {
            throw Refusal.badRequest(what + " must be a JSON object");
        }
    }
}
