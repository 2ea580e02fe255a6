package org.attributiongraph.http;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.ExecutionInput;
import io.vertx.ext.web.RoutingContext;

/**
 * A GraphQL request as graphql-java executes it: the query, the operation name and the variables, written in one
 * canonical form (object keys sorted, numbers without trailing zeros), so that the HTTP guard, reading the raw
 * request, and the engine, holding the parsed input, name the same request by an equal value.
 */
public record GraphQLRequest(String query, String operationName, String variables) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the HTTP guard leaves the request it checked, for the handlers after it on the same route. */
    private static final String CHECKED = GraphQLRequest.class.getName() + ".checked";

    /** As the HTTP guard reads it; variables may be null or missing. */
    static GraphQLRequest of(String query, String operationName, JsonNode variables) {
        StringBuilder canonical = new StringBuilder();
        write(variables == null || variables.isNull() ? JSON.createObjectNode() : variables, canonical);
        return new GraphQLRequest(query, operationName == null ? "" : operationName, canonical.toString());
    }

    /** As the engine holds it. */
    public static GraphQLRequest of(ExecutionInput input) {
        Map<String, Object> variables = input.getRawVariables().toMap();
        return of(input.getQuery(), input.getOperationName(), JSON.valueToTree(variables));
    }

    /** The request the HTTP guard checked and named, or null where it let the request pass unread. */
    public static GraphQLRequest checked(RoutingContext ctx) {
        return ctx.get(CHECKED);
    }

    void markChecked(RoutingContext ctx) {
        ctx.put(CHECKED, this);
    }

    /** Roughly the bytes it holds, for the cache's size bound. */
    public long size() {
        return 2L * (query.length() + operationName.length() + variables.length()) + 64;
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), field.getValue());
            }
            out.append('{');
            sorted.forEach((name, value) -> {
                if (out.charAt(out.length() - 1) != '{') {
                    out.append(',');
                }
                out.append(JSON.getNodeFactory().textNode(name)).append(':');
                write(value, out);
            });
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber() && (!node.isFloatingPointNumber() || Double.isFinite(node.doubleValue()))) {
            // 1, 1.0 and 1.00 are one value; toString, not toPlainString, so that 1e999999 stays short
            BigDecimal number = node.decimalValue();
            out.append(number.signum() == 0 ? "0" : number.stripTrailingZeros().toString());
        } else {
            out.append(node); // strings, booleans, null and numbers too large for a double, as JSON
        }
    }
}
