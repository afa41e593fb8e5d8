package io.gureum.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.ids.Arn;
import io.gureum.events.delivery.DeliveryFailure;
import io.gureum.events.delivery.DeliveryJob;
import io.gureum.events.delivery.Envelope;
import io.gureum.events.delivery.HttpInvoker;
import io.gureum.events.delivery.HttpTargets;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.eventbridge.model.HttpParameters;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * An event to an API destination (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html):
 * the destination's method to its endpoint, each {@code *} of the URL replaced by the target's
 * PathParameterValues in order; the target's HeaderParameters and QueryStringParameters, then the connection's
 * InvocationHttpParameters (which take precedence); the connection's authorization (Basic, the API key header, or
 * {@code Authorization: Bearer <token>}); the input as a JSON body ({@code Content-Type: application/json;
 * charset=utf-8}), with the connection's BodyParameters added when the input is a JSON object. GET and HEAD carry
 * no body. A 2xx answer delivers; 401, 407, 409, 429 and 5xx are retried under the target's RetryPolicy (401
 * and 407 get a new OAuth token first); other answers go to the dead-letter queue at once, as do requests to a
 * host that is not loopback, which Gureum never sends.
 */
final class ApiDestinationCalls implements HttpTargets {
    static final String USER_AGENT = "Amazon/EventBridge/ApiDestinations";

    private final EventsStores stores;
    private final HttpInvoker http;
    private final OAuthAuthorizer oauth;

    ApiDestinationCalls(EventsStores stores, HttpInvoker http, OAuthAuthorizer oauth) {
        this.stores = stores;
        this.http = http;
        this.oauth = oauth;
    }

    @Override
    public CompletableFuture<Void> invoke(DeliveryJob job, String input) {
        try {
            return call(job, input);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> call(DeliveryJob job, String input) {
        Target target = job.target();
        Arn arn = Arn.parse(target.arn());
        String[] parts = arn.resource().split("/");
        EventsStore s = stores.get(arn.accountId(), arn.region());
        ApiDestination d = parts.length == 3 ? s.apiDestinations.get(parts[1]) : null;
        if (d == null || !d.arn.equals(target.arn())) {
            throw new DeliveryFailure("RESOURCE_NOT_FOUND", "API destination " + target.arn() + " does not exist.",
                    false);
        }
        String[] connParts = Arn.parse(d.connectionArn).resource().split("/");
        Connection c = s.connections.get(connParts[1]);
        if (c == null || !c.arn.equals(d.connectionArn)) {
            throw new DeliveryFailure("RESOURCE_NOT_FOUND", "Connection " + d.connectionArn + " does not exist.",
                    false);
        }
        if (!c.state.equals("AUTHORIZED") && !c.state.equals("AUTHORIZING")) {
            throw new DeliveryFailure("SDK_CLIENT_ERROR", "Connection " + c.name + " is " + c.state + ".", true);
        }
        JsonNode auth = Connections.secretValue(Connections.secretsClient(stores, s.account, s.region, c.arn), c);
        String url = d.invocationEndpoint;
        HttpParameters params = target.httpParameters();
        if (params != null && params.hasPathParameterValues()) {
            for (String value : params.pathParameterValues()) {
                int star = url.indexOf('*');
                if (star < 0) {
                    break;
                }
                url = url.substring(0, star) + value + url.substring(star + 1);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        if (params != null) {
            headers.putAll(params.headerParameters());
            query.putAll(params.queryStringParameters());
        }
        JsonNode invocation = auth.path("InvocationHttpParameters");
        ConnectionParameters.headers(invocation, headers);
        ConnectionParameters.query(invocation, query);
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", USER_AGENT);
        String body = body(input, invocation);
        URI uri;
        try {
            uri = URI.create(ConnectionParameters.withQuery(url, query));
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailure("SDK_CLIENT_ERROR", "The endpoint URL " + url + " is not valid.", false);
        }
        if (!HttpInvoker.isLoopback(uri)) {
            throw new DeliveryFailure("SDK_CLIENT_ERROR", "Gureum sends requests only to loopback addresses; "
                    + uri.getHost() + " is not one.", false);
        }
        String method = d.httpMethod;
        String sent = method.equals("GET") || method.equals("HEAD") ? null : body;
        CompletableFuture<String> authorization = authorization(s, c, auth);
        return authorization.thenCompose(value -> {
            if (value != null) {
                headers.put(c.authorizationType.equals("API_KEY")
                        ? auth.path("ApiKeyAuthParameters").path("ApiKeyName").asText() : "Authorization", value);
            }
            return http.send(method, uri, headers, sent);
        }).thenAccept(response -> check(c, response));
    }

    /** The authorization header's value (the header is the API key's name for API_KEY), or null. */
    private CompletableFuture<String> authorization(EventsStore s, Connection c, JsonNode auth) {
        switch (c.authorizationType) {
            case "BASIC" -> {
                JsonNode basic = auth.path("BasicAuthParameters");
                if (basic.isMissingNode()) {
                    return CompletableFuture.completedFuture(null);
                }
                return CompletableFuture.completedFuture("Basic " + Base64.getEncoder().encodeToString(
                        (basic.path("Username").asText() + ":" + basic.path("Password").asText())
                                .getBytes(StandardCharsets.UTF_8)));
            }
            case "API_KEY" -> {
                JsonNode key = auth.path("ApiKeyAuthParameters");
                return CompletableFuture.completedFuture(key.isMissingNode() ? null : key.path("ApiKeyValue").asText());
            }
            default -> {
                String token = c.accessToken;
                if (token != null) {
                    return CompletableFuture.completedFuture("Bearer " + token);
                }
                long generation = c.generation;
                return oauth.token(s, c).thenApply(t -> {
                    synchronized (s) {
                        if (c.generation == generation) {
                            c.accessToken = t;
                        }
                    }
                    return "Bearer " + t;
                });
            }
        }
    }

    private static String body(String input, JsonNode invocation) {
        List<JsonNode> extra = new java.util.ArrayList<>();
        invocation.path("BodyParameters").forEach(extra::add);
        if (extra.isEmpty()) {
            return input;
        }
        try {
            JsonNode parsed = Envelope.JSON.readTree(input);
            if (parsed instanceof ObjectNode o) {
                extra.forEach(p -> o.put(p.path("Key").asText(), p.path("Value").asText()));
                return o.toString();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            // sent as it is
        }
        return input;
    }

    private static void check(Connection c, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        if ((status == 401 || status == 407) && c.authorizationType.equals("OAUTH_CLIENT_CREDENTIALS")) {
            c.accessToken = null;
        }
        boolean retryable = status == 401 || status == 407 || status == 409 || status == 429 || status >= 500;
        String code = status == 429 ? "THROTTLING" : status >= 500 ? "INTERNAL_ERROR" : "SDK_CLIENT_ERROR";
        throw new DeliveryFailure(code, "The API destination endpoint answered " + status + ".", retryable);
    }
}
