package org.attributiongraph.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.attributiongraph.audit.Editor;
import org.attributiongraph.errors.ErrorCodes;
import org.attributiongraph.limits.Limits;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.MIMEHeader;
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
 * <li>a request that is not a GraphQL request (not a JSON object, no query, variables not an object ...): 400;</li>
 * <li>a mutation over GET, which a cache or a link could replay: 405;</li>
 * <li>an automatic persisted query ({@link PersistedQueries}) whose hash is unknown (PERSISTED_QUERY_NOT_FOUND, which
 * tells the client to send the text) or is not the hash of the text sent with it: 400 or, unknown to application/json
 * clients, 200;</li>
 * <li>an operationName that names no operation of the document: 400;</li>
 * <li>a query that does not parse, has more tokens than quarkus.smallrye-graphql.parser-max-tokens, nests deeper
 * than graphql-java's parser goes (500 grammar rules; the depth limit refuses much shallower ones later), or more aliases
 * than {@link Limits#maxAliases()}: 400 to clients that accept application/graphql-response+json (or its draft
 * name application/graphql+json), 200 to application/json clients, as the GraphQL over HTTP spec has it.</li>
 * </ul>
 * It reads the request as SmallRye will: raw tabs and line breaks dropped, GET parameters URL-decoded once more; and
 * it leaves what it read for the handlers after it ({@link GraphQLRequest#checked}): the response cache comes next.
 */
@ApplicationScoped
public class GraphQLHttpGuard {

    /** After CORS and the security filters (they are negative orders), before SmallRye's route (order 0 and up). */
    public static final int ORDER = -SecurityHandlerPriorities.AUTHORIZATION + 2;
    private static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    private static final String JSON = "application/json";
    private static final String GRAPHQL = "application/graphql";
    private static final Pattern RAW_TABS_AND_LINE_BREAKS = Pattern.compile("[\\n\\t\\r]");

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Queries that passed, with how they came (GET or POST): clients send the same few again and again. */
    private final Cache<String, Boolean> passed = Caffeine.newBuilder().maximumWeight(8 * 1024 * 1024)
            .weigher((String query, Boolean ok) -> query.length()).build();

    @Inject
    Limits limits;

    @Inject
    PersistedQueries persistedQueries;

    @ConfigProperty(name = "quarkus.smallrye-graphql.root-path")
    String graphqlPath;

    /** The most an editor may send: a dataset file for importDataset. */
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    /** Where GET is off, SmallRye refuses every GET with 405, and there is nothing to check. */
    @ConfigProperty(name = "quarkus.smallrye-graphql.http.get.enabled")
    boolean getEnabled;

    @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens")
    Optional<Integer> maxTokens;

    void install(@Observes Router router) {
        router.route(graphqlPath).order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue()))
                .handler(this::check);
    }

    private void check(RoutingContext ctx) {
        Optional<String> responseType = responseType(ctx);
        if (responseType.isEmpty()) {
            ctx.next(); // SmallRye answers 406
            return;
        }
        try {
            GraphQLRequest request = null;
            if (ctx.request().method() == HttpMethod.POST) {
                checkSize(ctx);
                request = post(ctx);
                checkQuery(request, false);
            } else if (ctx.request().method() == HttpMethod.GET && getEnabled) {
                request = get(ctx);
                checkQuery(request, true);
            }
            if (request != null) { // other methods SmallRye refuses itself
                request.markChecked(ctx);
            }
            ctx.next();
        } catch (Refusal refusal) {
            String mediaType = responseType.get().split(";", 2)[0].strip();
            int status = refusal.status == 200 && !mediaType.equals(JSON) ? 400 : refusal.status;
            ObjectNode body = json.createObjectNode();
            ObjectNode error = body.putArray("errors").addObject();
            error.put("message", refusal.getMessage());
            error.putObject("extensions").put("code", refusal.code);
            var response = ctx.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, mediaType + "; charset=UTF-8");
            if (status == 405) {
                response.putHeader(HttpHeaders.ALLOW, "POST");
            }
            response.end(body.toString());
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

    /** The request of a POST: a JSON body or, as application/graphql, the bare query. */
    private GraphQLRequest post(RoutingContext ctx) {
        String mediaType = contentMediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        String raw = ctx.body().asString();
        String body = raw == null ? "" : RAW_TABS_AND_LINE_BREAKS.matcher(raw).replaceAll(" ");
        if (mediaType.equals(GRAPHQL)) {
            return GraphQLRequest.of(body, null, null);
        }
        if (!mediaType.equals(JSON)) {
            throw new Refusal(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "send the request as application/json (or the bare query as application/graphql)");
        }
        JsonNode request = parse(body, "the body");
        if (!request.isObject()) {
            throw badRequest("the body must be a JSON object with a query");
        }
        requireObjectOrNull(request.get("variables"), "variables");
        requireObjectOrNull(request.get("extensions"), "extensions");
        JsonNode operationName = request.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            throw badRequest("operationName must be a string");
        }
        JsonNode query = request.get("query");
        if (query != null && !query.isNull() && !query.isTextual()) {
            throw badRequest("the body must have a query, as a string");
        }
        String text = query == null || query.isNull() ? null : query.asText();
        String persisted = persistedQuery(request.get("extensions"), text);
        if (persisted != null) { // SmallRye runs what it reads from the body
            ((ObjectNode) request).put("query", persisted);
            ctx.setBody(Buffer.buffer(request.toString()));
            text = persisted;
        } else if (text == null) {
            throw badRequest("the body must have a query, as a string");
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

    /** The request of a GET. SmallRye decodes the parameters once more: so does this. */
    private GraphQLRequest get(RoutingContext ctx) {
        String operationName = ctx.queryParams().get("operationName");
        if (operationName != null) {
            operationName = decode(operationName, "operationName");
        }
        String variablesParameter = ctx.queryParams().get("variables");
        JsonNode variables = null;
        if (variablesParameter != null && !variablesParameter.isEmpty()) {
            variables = parse(decode(variablesParameter, "variables"), "variables");
            requireObjectOrNull(variables, "variables");
        }
        String extensions = ctx.queryParams().get("extensions");
        JsonNode extensionsObject = null;
        if (extensions != null && !extensions.isEmpty()) {
            extensionsObject = parse(decode(extensions, "extensions"), "extensions");
            requireObjectOrNull(extensionsObject, "extensions");
        }
        String query = ctx.queryParams().get("query");
        String persisted = persistedQuery(extensionsObject, query);
        if (persisted != null) { // SmallRye runs what it reads from the parameters, which it decodes once more
            ctx.queryParams().set("query", URLEncoder.encode(persisted, StandardCharsets.UTF_8));
            return GraphQLRequest.of(persisted, operationName, variables);
        }
        if (query == null) {
            throw badRequest("the request has no query parameter");
        }
        return GraphQLRequest.of(decode(query, "query"), operationName, variables);
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

    private void checkQuery(GraphQLRequest request, boolean overGet) {
        // the name's length first: no other name and query can spell the same key
        String key = (overGet ? "GET " : "POST ") + request.operationName().length() + ":" + request.operationName()
                + request.query();
        if (passed.getIfPresent(key) == null) {
            checkNew(request.query(), request.operationName(), overGet);
            passed.put(key, Boolean.TRUE);
        }
    }

    private void checkNew(String query, String operationName, boolean overGet) {
        if (query.isBlank()) {
            throw badRequest("the query is empty");
        }
        Document document = parseQuery(query);
        if (!operationName.isEmpty() && document.getDefinitionsOfType(OperationDefinition.class).stream()
                .noneMatch(operation -> operationName.equals(operation.getName()))) {
            throw badRequest("operationName names no operation of the query: " + operationName);
        }
        if (overGet && document.getDefinitionsOfType(OperationDefinition.class).stream()
                .anyMatch(operation -> operation.getOperation() != OperationDefinition.Operation.QUERY)) {
            throw new Refusal(405, ErrorCodes.METHOD_NOT_ALLOWED, "mutations are sent with POST, never with GET");
        }
        int aliases = 0;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                aliases += aliases(operation.getSelectionSet());
            } else if (definition instanceof FragmentDefinition fragment) {
                aliases += aliases(fragment.getSelectionSet());
            }
        }
        if (aliases > limits.maxAliases()) {
            throw new Refusal(200, ErrorCodes.TOO_MANY_ALIASES,
                    "the query uses " + aliases + " aliases, more than the " + limits.maxAliases() + " allowed");
        }
    }

    private Document parseQuery(String query) {
        ParserOptions options = ParserOptions.getDefaultParserOptions();
        if (maxTokens.isPresent()) {
            options = options.transform(builder -> builder.maxTokens(maxTokens.get()));
        }
        try {
            return new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(options).build());
        } catch (ParseCancelledTooDeepException tooDeep) {
            throw new Refusal(200, ErrorCodes.QUERY_TOO_DEEP, "the query nests deeper than "
                    + options.getMaxRuleDepth() + " grammar rules");
        } catch (ParseCancelledException tooLarge) {
            throw new Refusal(200, ErrorCodes.QUERY_TOO_LARGE, "the query is too large: it has more than "
                    + options.getMaxTokens() + " tokens");
        } catch (InvalidSyntaxException syntax) {
            throw new Refusal(200, ErrorCodes.GRAPHQL_PARSE_FAILED, syntax.toInvalidSyntaxError().getMessage());
        }
    }

    private static int aliases(SelectionSet selections) {
        int count = 0;
        if (selections != null) {
            for (Selection<?> selection : selections.getSelections()) {
                if (selection instanceof Field field) {
                    count += (field.getAlias() != null ? 1 : 0) + aliases(field.getSelectionSet());
                } else if (selection instanceof InlineFragment fragment) {
                    count += aliases(fragment.getSelectionSet());
                }
            }
        }
        return count;
    }

    /**
     * The Content-Type SmallRye will answer with, picked from Accept as SmallRye picks it: the first entry of a JSON
     * type it serves, as the client wrote it (parameters included), or its default for * / * or no Accept; empty if it
     * will refuse with 406. The response cache answers with the same.
     */
    public static Optional<String> responseType(RoutingContext ctx) {
        List<MIMEHeader> accepted = ctx.parsedHeaders().accept();
        if (accepted.isEmpty()) {
            return Optional.of(GRAPHQL_RESPONSE_JSON);
        }
        for (MIMEHeader type : accepted) {
            String value = type.rawValue();
            // application/graphql+json is the draft name of graphql-response+json; SmallRye still serves it
            if (value.startsWith(JSON) || value.startsWith(GRAPHQL_RESPONSE_JSON) || value.startsWith("application/graphql+json")) {
                return Optional.of(value);
            }
            if (value.startsWith("*/*")) {
                return Optional.of(GRAPHQL_RESPONSE_JSON);
            }
        }
        return Optional.empty();
    }

    /** Whether an answer of this Content-Type follows the GraphQL over HTTP status codes (application/json keeps 200). */
    public static boolean isGraphQLResponseType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        return mediaType.equals(GRAPHQL_RESPONSE_JSON) || mediaType.equals("application/graphql+json");
    }

    private JsonNode parse(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException malformed) {
            throw badRequest(what + " is not valid JSON");
        }
    }

    private static String decode(String parameter, String what) {
        try {
            return URLDecoder.decode(RAW_TABS_AND_LINE_BREAKS.matcher(parameter).replaceAll(" "), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw badRequest(what + " is not correctly URL-encoded");
        }
    }

    private static void requireObjectOrNull(JsonNode value, String what) {
        if (value != null && !value.isNull() && !value.isObject()) {
            throw badRequest(what + " must be a JSON object");
        }
    }

    private static Refusal badRequest(String message) {
        return new Refusal(400, ErrorCodes.BAD_REQUEST, message);
    }

    /** A request answered here. status 200 stands for "a GraphQL error": 400 where graphql-response+json is accepted. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
