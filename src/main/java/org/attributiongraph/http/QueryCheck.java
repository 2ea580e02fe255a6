package org.attributiongraph.http;

import java.util.Optional;

import org.attributiongraph.errors.ErrorCodes;
import org.attributiongraph.limits.Aliases;
import org.attributiongraph.limits.Limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;

/**
 * Checks a query's text before SmallRye parses it: it parses, within the token and grammar-depth bounds, has the
 * operation its operationName names, uses no more aliases than allowed, and over GET asks for no mutation. A query that passed once is not parsed again.
 */
final class QueryCheck {

    /** Queries that passed, with how they came (GET or POST): clients send the same few again and again. */
    private final Cache<String, Boolean> passed = Caffeine.newBuilder().maximumWeight(8 * 1024 * 1024)
            .weigher((String query, Boolean ok) -> query.length()).build();

    private final Limits limits;
    private final Optional<Integer> maxTokens;

    QueryCheck(Limits limits, Optional<Integer> maxTokens) {
        this.limits = limits;
        this.maxTokens = maxTokens;
    }

    void check(GraphQLRequest request, boolean overGet) {
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
            throw Refusal.badRequest("the query is empty");
        }
        Document document = parse(query);
        if (!operationName.isEmpty() && document.getDefinitionsOfType(OperationDefinition.class).stream()
                .noneMatch(operation -> operationName.equals(operation.getName()))) {
            throw Refusal.badRequest("operationName names no operation of the query: " + operationName);
        }
        if (overGet && document.getDefinitionsOfType(OperationDefinition.class).stream()
                .anyMatch(operation -> operation.getOperation() != OperationDefinition.Operation.QUERY)) {
            throw new Refusal(405, ErrorCodes.METHOD_NOT_ALLOWED, "mutations are sent with POST, never with GET");
        }
        int aliases = Aliases.in(document);
        if (aliases > limits.maxAliases()) {
            throw new Refusal(200, ErrorCodes.TOO_MANY_ALIASES,
                    "the query uses " + aliases + " aliases, more than the " + limits.maxAliases() + " allowed");
        }
    }

    private Document parse(String query) {
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
}
