package org.attributiongraph.graphql;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.ExecutionInput;

/**
 * A GraphQL request as graphql-java executes it: the query, the operation name and the variables, written in one
 * canonical form (object keys sorted, numbers without trailing zeros), so that the HTTP guard, reading the raw
 * request, and the engine, holding the parsed input, name the same request by an equal value.
 */
public record GraphQLRequest(String query, String operationName, String variables) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** As the HTTP guard reads it; variables may be null or missing. */
    static GraphQLRequest of(String query, String operationName, JsonNode variables) {
        StringBuilder canonical = new StringBuilder();
        write(variables == null || variables.isNull() ? JSON.createObjectNode() : variables, canonical);
        return new GraphQLRequest(query, operationName == null ? "" : operationName, canonical.toString());
    }

    /** As the engine holds it. */
    static GraphQLRequest of(ExecutionInput input) {
        Map<String, Object> variables = input.getRawVariables().toMap();
        return of(input.getQuery(), input.getOperationName(), JSON.valueToTree(variables));
    }

    /** Roughly the bytes it holds, for the cache's size bound. */
    long size() {
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
