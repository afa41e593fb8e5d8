package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What EventBridge finds again after a restart on the same --data-dir: buses with their policies and tags,
 * rules with their patterns, state, targets and tags, and scheduled rules armed again on the clock.
 */
class EventsRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static String[] queue(SqsClient sqs, String name) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new String[] {url, arn};
    }

    private static List<Message> receive(SqsClient sqs, String url, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(waitSeconds).maxNumberOfMessages(10))
                .messages();
    }

    @Test
    void busesAndRulesSurviveARestart() {
        String[] matched;
        String[] ticks;
        String busArn;
        String ruleArn;
        try (Gureum g = start(); EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            matched = queue(sqs, "matched");
            ticks = queue(sqs, "ticks");
            busArn = events.createEventBus(b -> b.name("orders").description("the orders")
                    .tags(t -> t.key("team").value("a"))).eventBusArn();
            events.putPermission(b -> b.eventBusName("orders").action("events:PutEvents").principal("111122223333")
                    .statementId("partner"));
            ruleArn = events.putRule(b -> b.name("big").eventBusName("orders").description("big orders")
                    .eventPattern("{\"source\":[\"shop\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}")
                    .tags(t -> t.key("kind").value("pattern"))).ruleArn();
            events.putTargets(b -> b.rule("big").eventBusName("orders").targets(Target.builder().id("q")
                    .arn(matched[1]).inputPath("$.detail").build()));
            events.putRule(b -> b.name("tick").scheduleExpression("rate(1 hour)"));
            events.putTargets(b -> b.rule("tick").targets(Target.builder().id("t").arn(ticks[1]).build()));
            events.putRule(b -> b.name("gone").eventPattern("{\"source\":[\"x\"]}"));
            events.deleteRule(b -> b.name("gone"));
        }
        try (Gureum g = start(); EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            var bus = events.describeEventBus(b -> b.name("orders"));
            assertEquals(busArn, bus.arn());
            assertEquals("the orders", bus.description());
            assertEquals(true, bus.policy().contains("partner"), bus.policy());
            assertEquals("a", events.listTagsForResource(b -> b.resourceARN(busArn)).tags().get(0).value());
            assertEquals("pattern", events.listTagsForResource(b -> b.resourceARN(ruleArn)).tags().get(0).value());
            assertEquals("big orders", events.describeRule(b -> b.name("big").eventBusName("orders")).description());
            assertEquals(List.of("big", "tick").size(), events.listRules(b -> b.eventBusName("orders")).rules().size()
                    + events.listRules(b -> b.namePrefix("tick")).rules().size());
            assertEquals(0, events.listRules(b -> b.namePrefix("gone")).rules().size());
            events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName("orders").source("shop")
                    .detailType("order").detail("{\"total\":150}").build(), PutEventsRequestEntry.builder()
                            .eventBusName("orders").source("shop").detailType("order").detail("{\"total\":5}")
                            .build()));
            List<Message> got = receive(sqs, matched[0], 20);
            assertEquals(1, got.size(), "the pattern and the target survived");
            assertEquals("{\"total\":150}", got.get(0).body(), "with its InputPath");
            g.context().clock().advance(Duration.ofMinutes(61));
            List<Message> tick = receive(sqs, ticks[0], 20);
            assertEquals(1, tick.size(), "the scheduled rule was armed again");
        }
    }
}
