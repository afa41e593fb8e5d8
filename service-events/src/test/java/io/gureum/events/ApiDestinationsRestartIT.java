package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.spi.AwsService;
import io.gureum.core.testing.AwsClients;
import io.gureum.sqs.SqsService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ConnectionAuthorizationType;
import software.amazon.awssdk.services.eventbridge.model.ConnectionState;
import software.amazon.awssdk.services.eventbridge.model.EndpointEventBus;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ReplicationState;

/**
 * What a restart on the same --data-dir keeps of connections, API destinations and global endpoints, and that an
 * event accepted but not yet delivered when the server stopped is delivered after the restart.
 */
class ApiDestinationsRestartIT {
    @TempDir
    Path dataDir;
    @TempDir
    Path certs;

    private Gureum start() {
        List<AwsService> services = List.of(new EventsService(), new SqsService(), new FakeSecrets());
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(), services);
    }

    @Test
    void configurationAndUndeliveredEventsSurviveARestart() throws Exception {
        try (LocalHttpsServer server = new LocalHttpsServer(certs)) {
            server.answer("/hook", 503, "");
            String connArn;
            String secretArn;
            String destArn;
            String endpointId;
            try (Gureum g = start(); EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), g)) {
                connArn = events.createConnection(b -> b.name("partner").authorizationType(
                        ConnectionAuthorizationType.API_KEY).description("the partner")
                        .authParameters(p -> p.apiKeyAuthParameters(k -> k.apiKeyName("x-api-key").apiKeyValue("k1"))))
                        .connectionArn();
                secretArn = events.describeConnection(b -> b.name("partner")).secretArn();
                destArn = events.createApiDestination(b -> b.name("hook").connectionArn(connArn)
                        .invocationEndpoint(server.url("/hook")).httpMethod("POST").invocationRateLimitPerSecond(7))
                        .apiDestinationArn();
                events.createEndpoint(b -> b.name("global").routingConfig(r -> r.failoverConfig(f -> f
                        .primary(p -> p.healthCheck("arn:aws:route53:::healthcheck/abc"))
                        .secondary(s -> s.route("us-west-2"))))
                        .replicationConfig(r -> r.state(ReplicationState.DISABLED))
                        .eventBuses(EndpointEventBus.builder().eventBusArn(
                                "arn:aws:events:us-east-1:000000000000:event-bus/default").build(),
                                EndpointEventBus.builder().eventBusArn(
                                        "arn:aws:events:us-west-2:000000000000:event-bus/default").build()));
                endpointId = events.describeEndpoint(b -> b.name("global")).endpointId();
                events.putRule(b -> b.name("to-hook").eventPattern("{\"source\":[\"shop\"]}"));
                events.putTargets(b -> b.rule("to-hook").targets(t -> t.id("hook").arn(destArn)));
                events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source("shop").detailType("order")
                        .detail("{\"n\":1}").build()));
                LocalHttpsServer.Request first = server.next();
                assertEquals(503, first.status());
                assertEquals("k1", first.header("x-api-key"));
                // Not delivered yet: its record is kept (the state export lists what a snapshot would keep).
                String pending = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        g.endpoint().resolve("/_gureum/state/export?services=eventbridge"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                org.junit.jupiter.api.Assertions.assertTrue(pending.contains("\"ruleAccount\""), pending);
            }
            try (Gureum g = start(); EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), g)) {
                var c = events.describeConnection(b -> b.name("partner"));
                assertEquals(connArn, c.connectionArn());
                assertEquals(secretArn, c.secretArn());
                assertEquals(ConnectionState.AUTHORIZED, c.connectionState());
                assertEquals("the partner", c.description());
                assertEquals("x-api-key", c.authParameters().apiKeyAuthParameters().apiKeyName());
                var d = events.describeApiDestination(b -> b.name("hook"));
                assertEquals(destArn, d.apiDestinationArn());
                assertEquals(7, d.invocationRateLimitPerSecond());
                var e = events.describeEndpoint(b -> b.name("global"));
                assertEquals(endpointId, e.endpointId());
                assertEquals("us-west-2", e.routingConfig().failoverConfig().secondary().route());
                assertEquals(2, e.eventBuses().size());
                // A new key: a request carrying it can only come from the delivery resumed by this server, which the
                // endpoint accepts (and only it) (retries wait on the clock, advanced a minute at a time).
                server.require("/hook", "x-api-key", "k2");
                server.answer("/hook", 200, "");
                events.updateConnection(b -> b.name("partner").authParameters(p -> p.apiKeyAuthParameters(k -> k
                        .apiKeyValue("k2"))));
                long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
                LocalHttpsServer.Request r = null;
                while (r == null || !"k2".equals(r.header("x-api-key")) || r.status() != 200) {
                    if (System.nanoTime() > deadline) {
                        org.junit.jupiter.api.Assertions.fail("the undelivered event was not delivered after the restart");
                    }
                    g.context().clock().advance(java.time.Duration.ofMinutes(1));
                    r = server.requests.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                }
                assertEquals(1, EventsTestSupport.JSON.readTree(r.body()).path("detail").path("n").asInt());
                assertEquals("shop", EventsTestSupport.JSON.readTree(r.body()).path("source").asText());
                // Delivered: its record goes (the state export lists what a snapshot would keep).
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                java.net.http.HttpRequest export = java.net.http.HttpRequest.newBuilder(g.endpoint()
                        .resolve("/_gureum/state/export?services=eventbridge"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
                String records = http.send(export, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                for (int i = 0; i < 1200 && records.contains("\"ruleAccount\""); i++) {
                    Thread.sleep(100);
                    records = http.send(export, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                }
                org.junit.jupiter.api.Assertions.assertFalse(records.contains("\"ruleAccount\""), records);
            }
        }
    }
}
