package org.attributiongraph.http;

import org.attributiongraph.errors.ErrorCodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** A request the door answers itself. status 200 stands for "a GraphQL error": 400 where graphql-response+json is accepted. */
final class Refusal extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    final int status;
    final String code;

    Refusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static Refusal badRequest(String message) {
        return new Refusal(400, ErrorCodes.BAD_REQUEST, message);
    }

    /** Answers with one GraphQL error carrying extensions.code, in the media type the client accepts. */
    void answer(RoutingContext ctx, String responseType) {
        String mediaType = responseType.split(";", 2)[0].strip();
        int answered = status == 200 && !mediaType.equals(SmallRyeQuirks.JSON) ? 400 : status;
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("message", getMessage());
        error.putObject("extensions").put("code", code);
        var response = ctx.response().setStatusCode(answered)
                .putHeader(HttpHeaders.CONTENT_TYPE, mediaType + "; charset=UTF-8");
        if (answered == 405) {
            response.putHeader(HttpHeaders.ALLOW, "POST");
        }
        response.end(body.toString());
    }
}
