package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.EventBus;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Tag;

class EventBusesIT extends EventsTestSupport {

    @Test
    void defaultBusExists() {
        var d = events.describeEventBus(b -> {
        });
        assertEquals("default", d.name());
        assertEquals("arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/default", d.arn());
        assertTrue(events.listEventBuses(b -> b.namePrefix("default")).eventBuses().stream()
                .anyMatch(e -> e.name().equals("default")));
        assertError(EventBridgeException.class, "ValidationException", 400, "Cannot delete event bus default.",
                () -> events.deleteEventBus(b -> b.name("default")));
    }

    @Test
    void createDescribeUpdateListDelete() {
        String name = unique("bus");
        String arn = events.createEventBus(b -> b.name(name).description("first").tags(Tag.builder().key("k")
                .value("v").build())).eventBusArn();
        assertEquals("arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/" + name, arn);
        var d = events.describeEventBus(b -> b.name(name));
        assertEquals("first", d.description());
        assertNotNull(d.creationTime());
        assertEquals(d.arn(), events.describeEventBus(b -> b.name(arn)).arn());
        var u = events.updateEventBus(b -> b.name(name).description("second"));
        assertEquals("second", u.description());
        assertEquals("second", events.describeEventBus(b -> b.name(name)).description());
        assertEquals(Map.of("k", "v"), events.listTagsForResource(b -> b.resourceARN(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value)));
        assertEquals(List.of(name), events.listEventBuses(b -> b.namePrefix(name)).eventBuses().stream()
                .map(EventBus::name).toList());

        assertError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                "Event bus " + name + " already exists.", () -> events.createEventBus(b -> b.name(name)));
        events.deleteEventBus(b -> b.name(name));
        events.deleteEventBus(b -> b.name(name)); // again: still succeeds
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "Event bus " + name + " does not exist.", () -> events.describeEventBus(b -> b.name(name)));
    }

    @Test
    void modelConstraintsAnswerValidationException() {
        AwsServiceException e = assertError(EventBridgeException.class, "ValidationException", 400, null,
                () -> events.createEventBus(b -> b.name("bad name!")));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("1 validation error detected: "),
                e.awsErrorDetails().errorMessage());
        assertError(EventBridgeException.class, "ValidationException", 400, "Event bus name must not start with 'aws.'.",
                () -> events.createEventBus(b -> b.name("aws.mine")));
    }

    @Test
    void listPagination() {
        String prefix = unique("page");
        for (int i = 0; i < 3; i++) {
            String n = prefix + "-" + i;
            events.createEventBus(b -> b.name(n));
        }
        var first = events.listEventBuses(b -> b.namePrefix(prefix).limit(2));
        assertEquals(2, first.eventBuses().size());
        assertNotNull(first.nextToken());
        var second = events.listEventBuses(b -> b.namePrefix(prefix).limit(2).nextToken(first.nextToken()));
        assertEquals(List.of(prefix + "-2"), second.eventBuses().stream().map(EventBus::name).toList());
        assertNull(second.nextToken());
        assertError(EventBridgeException.class, "ValidationException", 400, "The NextToken is not valid.",
                () -> events.listEventBuses(b -> b.nextToken("garbage")));
    }

    @Test
    void permissionsWriteThePolicy() throws Exception {
        String name = unique("shared");
        events.createEventBus(b -> b.name(name));
        events.putPermission(b -> b.eventBusName(name).action("events:PutEvents").principal("111122223333")
                .statementId("allow-1"));
        var policy = json(events.describeEventBus(b -> b.name(name)).policy());
        assertEquals("allow-1", policy.at("/Statement/0/Sid").asText());
        assertEquals("arn:aws:iam::111122223333:root", policy.at("/Statement/0/Principal/AWS").asText());
        assertEquals("events:PutEvents", policy.at("/Statement/0/Action").asText());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "Statement with the provided id does not exist.",
                () -> events.removePermission(b -> b.eventBusName(name).statementId("nope")));
        events.removePermission(b -> b.eventBusName(name).statementId("allow-1"));
        assertNull(events.describeEventBus(b -> b.name(name)).policy());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, "EventBus does not have a policy.",
                () -> events.removePermission(b -> b.eventBusName(name).statementId("allow-1")));
    }

    @Test
    void tagsOfRules() {
        String rule = unique("tagged");
        String arn = events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"x\"]}")
                .tags(Tag.builder().key("a").value("1").build())).ruleArn();
        events.tagResource(b -> b.resourceARN(arn).tags(Tag.builder().key("b").value("2").build()));
        events.untagResource(b -> b.resourceARN(arn).tagKeys("a"));
        assertEquals(List.of(Tag.builder().key("b").value("2").build()),
                events.listTagsForResource(b -> b.resourceARN(arn)).tags());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "Rule missing does not exist on EventBus default.",
                () -> events.listTagsForResource(b -> b.resourceARN(
                        "arn:aws:events:us-east-1:" + ACCOUNT + ":rule/missing")));
    }
}
