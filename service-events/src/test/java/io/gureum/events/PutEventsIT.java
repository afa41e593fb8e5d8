package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.model.Message;

class PutEventsIT extends EventsTestSupport {

    private static PutEventsRequestEntry entry(String source, String detail) {
        return PutEventsRequestEntry.builder().source(source).detailType("Order Placed").detail(detail).build();
    }

    @Test
    void matchingEventsReachTheQueueInAwsEnvelope() {
        String source = unique("shop");
        String url = ruleToQueue(unique("orders"), "{\"source\":[\"" + source + "\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}");
        Instant time = Instant.parse("2026-03-04T05:06:07Z");
        PutEventsResponse r = events.putEvents(b -> b.entries(
                entry(source, "{\"total\":250}").toBuilder().time(time).resources("arn:aws:x:::thing").build(),
                entry(source, "{\"total\":5}"), entry("other", "{\"total\":500}")));
        assertEquals(0, r.failedEntryCount());
        assertEquals(3, r.entries().size());
        List<Message> got = receive(url, 1);
        JsonNode e = json(got.get(0).body());
        assertEquals("0", e.get("version").asText());
        assertEquals(r.entries().get(0).eventId(), e.get("id").asText());
        assertEquals("Order Placed", e.get("detail-type").asText());
        assertEquals(source, e.get("source").asText());
        assertEquals(ACCOUNT, e.get("account").asText());
        assertEquals("2026-03-04T05:06:07Z", e.get("time").asText());
        assertEquals("us-east-1", e.get("region").asText());
        assertEquals("arn:aws:x:::thing", e.get("resources").get(0).asText());
        assertEquals(250, e.at("/detail/total").asInt());
        assertEmpty(url);
    }

    @Test
    void entryErrors() {
        PutEventsResponse r = events.putEvents(b -> b.entries(
                PutEventsRequestEntry.builder().detailType("t").detail("{}").build(),
                PutEventsRequestEntry.builder().source("s").detail("{}").build(),
                PutEventsRequestEntry.builder().source("s").detailType("t").build(),
                entry("s", "[1,2]"), entry("s", "{bad"), entry("aws.s3", "{}"), entry("s", "{}")));
        assertEquals(6, r.failedEntryCount());
        assertEquals("InvalidArgument", r.entries().get(0).errorCode());
        assertEquals("Parameter Source is not valid. Reason: Source is a required argument.",
                r.entries().get(0).errorMessage());
        assertEquals("Parameter DetailType is not valid. Reason: DetailType is a required argument.",
                r.entries().get(1).errorMessage());
        assertEquals("Parameter Detail is not valid. Reason: Detail is a required argument.",
                r.entries().get(2).errorMessage());
        assertEquals("MalformedDetail", r.entries().get(3).errorCode());
        assertEquals("Detail is malformed.", r.entries().get(4).errorMessage());
        assertEquals("NotAuthorizedForSourceException", r.entries().get(5).errorCode());
        assertNull(r.entries().get(5).eventId());
        assertNotNull(r.entries().get(6).eventId());
        assertNull(r.entries().get(6).errorCode());
    }

    @Test
    void limits() {
        PutEventsRequestEntry one = entry("s", "{}");
        assertError(EventBridgeException.class, "ValidationException", 400, null,
                () -> events.putEvents(b -> b.entries(java.util.Collections.nCopies(11, one))));
        String big = "{\"x\":\"" + "a".repeat(140_000) + "\"}";
        assertError(EventBridgeException.class, "ValidationException", 400,
                "Total size of the entries in the request is over the limit.",
                () -> events.putEvents(b -> b.entries(entry("s", big), entry("s", big))));
        // A bus that does not exist: AWS accepts the event and drops it.
        var r = events.putEvents(b -> b.entries(entry("s", "{}").toBuilder().eventBusName("no-such-bus").build()));
        assertEquals(0, r.failedEntryCount());
        assertNotNull(r.entries().get(0).eventId());
    }

    @Test
    void anotherAccountNeedsTheBusPolicy() {
        String bus = unique("shared");
        String busArn = events.createEventBus(b -> b.name(bus)).eventBusArn();
        String url = queue(unique("q"));
        events.putRule(b -> b.name("all").eventBusName(bus).eventPattern("{\"source\":[\"partner.app\"]}"));
        events.putTargets(b -> b.rule("all").eventBusName(bus).targets(t -> t.id("q").arn(queueArn(url))));
        try (EventBridgeClient other = eventsAs("111122223333")) {
            PutEventsRequestEntry e = entry("partner.app", "{\"n\":1}").toBuilder().eventBusName(busArn).build();
            PutEventsResponse denied = other.putEvents(b -> b.entries(e));
            assertEquals(1, denied.failedEntryCount());
            assertEquals("AccessDeniedException", denied.entries().get(0).errorCode());

            events.putPermission(b -> b.eventBusName(bus).action("events:PutEvents").principal("111122223333")
                    .statementId("partner"));
            PutEventsResponse allowed = other.putEvents(b -> b.entries(e));
            assertEquals(0, allowed.failedEntryCount());
            JsonNode got = json(receive(url, 1).get(0).body());
            assertEquals("111122223333", got.get("account").asText());
        }
    }

    @Test
    void inputTransformerShapesTheMessage() {
        String source = unique("app");
        String rule = unique("shaped");
        String url = queue(unique("q"));
        events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
        events.putTargets(b -> b.rule(rule).targets(t -> t.id("q").arn(queueArn(url)).inputTransformer(i -> i
                .inputPathsMap(java.util.Map.of("who", "$.detail.user", "n", "$.detail.n"))
                .inputTemplate("{\"message\": \"<who> ordered <n>\", \"count\": <n>, \"rule\": <aws.events.rule-name>}"))));
        events.putEvents(b -> b.entries(entry(source, "{\"user\":\"kim\",\"n\":3}")));
        assertEquals("{\"message\": \"kim ordered 3\", \"count\": 3, \"rule\": \"" + rule + "\"}",
                receive(url, 1).get(0).body());
    }

    @Test
    void undeliverableEventsGoToTheDeadLetterQueue() {
        String source = unique("app");
        String rule = unique("dlq");
        String dlq = queue(unique("dlq"));
        String missing = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + unique("missing");
        events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"" + source + "\"]}"));
        events.putTargets(b -> b.rule(rule).targets(t -> t.id("gone").arn(missing)
                .deadLetterConfig(d -> d.arn(queueArn(dlq)))));
        String id = events.putEvents(b -> b.entries(entry(source, "{}"))).entries().get(0).eventId();
        Message m = receive(dlq, 1).get(0);
        assertEquals(id, json(m.body()).get("id").asText());
        assertEquals("RESOURCE_NOT_FOUND", m.messageAttributes().get("ERROR_CODE").stringValue());
        assertEquals(missing, m.messageAttributes().get("TARGET_ARN").stringValue());
        assertTrue(m.messageAttributes().get("RULE_ARN").stringValue().endsWith(":rule/" + rule));
        assertEquals("0", m.messageAttributes().get("RETRY_ATTEMPTS").stringValue());
        assertTrue(m.messageAttributes().containsKey("ERROR_MESSAGE"));
    }

    @Test
    void disabledRulesDoNotDeliver() {
        String source = unique("app");
        String rule = unique("off");
        String url = ruleToQueue(rule, "{\"source\":[\"" + source + "\"]}");
        events.disableRule(b -> b.name(rule));
        events.putEvents(b -> b.entries(entry(source, "{\"n\":1}")));
        events.enableRule(b -> b.name(rule));
        events.putEvents(b -> b.entries(entry(source, "{\"n\":2}")));
        assertEquals(2, json(receive(url, 1).get(0).body()).at("/detail/n").asInt());
        assertEmpty(url);
    }
}
