package io.gureum.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.events.delivery.Envelope;
import io.gureum.events.delivery.HttpInvoker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Obtains an OAuth connection's access token (client credentials): the connection's HttpMethod to its
 * AuthorizationEndpoint, with the client ID and secret as Basic authorization and the OAuthHttpParameters as
 * headers, query string and form-encoded body; the answer's JSON {@code access_token} is the token
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-target-connection-auth.html). A connection whose
 * endpoint answered a token is {@code AUTHORIZED}; otherwise {@code DEAUTHORIZED} with the reason. Only loopback
 * endpoints are contacted ({@link HttpInvoker}). Tokens are kept in memory: after a restart, or when an API
 * destination answers 401 or 407, the next delivery obtains a new one.
 */
final class OAuthAuthorizer {
    private final EventsStores stores;
    private final HttpInvoker http;
    private final Executor workers;
    private volatile Consumer<EventsStore> record = s -> {
    };

    OAuthAuthorizer(EventsStores stores, HttpInvoker http, Executor workers) {
        this.stores = stores;
        this.http = http;
        this.workers = workers;
    }

    /** How a settled authorization is journaled (called under the store's monitor). */
    void recordWith(Consumer<EventsStore> record) {
        this.record = record;
    }

    /** Starts the authorization after the calling operation answered. */
    void authorizeLater(EventsStore s, Connection c, long generation) {
        try {
            workers.execute(() -> token(s, c).whenComplete((token, error) -> {
                synchronized (s) {
                    if (c.generation != generation || s.connections.get(c.name) != c) {
                        return;
                    }
                    if (error == null) {
                        c.accessToken = token;
                        c.state = "AUTHORIZED";
                        c.stateReason = null;
                        c.lastAuthorizedTime = stores.now();
                    } else {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        c.state = "DEAUTHORIZED";
                        c.stateReason = "Failed to obtain an OAuth token: " + cause.getMessage();
                    }
                    record.accept(s);
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the server is stopping
        }
    }

    /** A token from the authorization endpoint (reads the secret on the calling thread). */
    CompletableFuture<String> token(EventsStore s, Connection c) {
        JsonNode auth;
        try {
            auth = Connections.secretValue(Connections.secretsClient(stores, s.account, s.region, c.arn), c);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        JsonNode oauth = auth.path("OAuthParameters");
        JsonNode client = oauth.path("ClientParameters");
        if (!oauth.hasNonNull("AuthorizationEndpoint") || !client.hasNonNull("ClientID")) {
            return CompletableFuture.failedFuture(new IllegalStateException("the connection has no OAuth parameters"));
        }
        JsonNode extra = oauth.path("OAuthHttpParameters");
        Map<String, String> headers = new LinkedHashMap<>();
        ConnectionParameters.headers(extra, headers);
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((client.path("ClientID").asText()
                + ":" + client.path("ClientSecret").asText()).getBytes(StandardCharsets.UTF_8)));
        Map<String, String> query = new LinkedHashMap<>();
        ConnectionParameters.query(extra, query);
        Map<String, String> form = new LinkedHashMap<>();
        ConnectionParameters.body(extra, form);
        String method = oauth.path("HttpMethod").asText("POST");
        String body = null;
        if (!method.equals("GET")) {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            body = ConnectionParameters.encode(form);
        }
        URI uri;
        try {
            uri = URI.create(ConnectionParameters.withQuery(oauth.path("AuthorizationEndpoint").asText(), query));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.send(method, uri, headers, body).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the authorization endpoint answered " + response.statusCode());
            }
            try {
                JsonNode answer = Envelope.JSON.readTree(response.body());
                if (answer instanceof ObjectNode o && o.hasNonNull("access_token")) {
                    return o.get("access_token").asText();
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // not JSON: no token
            }
            throw new IllegalStateException("the authorization endpoint's answer has no access_token");
        });
    }
}
