package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

class RulesIT extends EventsTestSupport {
    private static final String PATTERN = "{\"source\":[\"my.app\"]}";

    @Test
    void putDescribeListEnableDisable() {
        String name = unique("rule");
        String arn = events.putRule(b -> b.name(name).eventPattern(PATTERN).description("d")).ruleArn();
        assertEquals("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + name, arn);
        var d = events.describeRule(b -> b.name(name));
        assertEquals(PATTERN, d.eventPattern());
        assertEquals(RuleState.ENABLED, d.state());
        assertEquals("default", d.eventBusName());
        assertEquals(ACCOUNT, d.createdBy());
        events.disableRule(b -> b.name(name));
        assertEquals(RuleState.DISABLED, events.describeRule(b -> b.name(name)).state());
        events.enableRule(b -> b.name(name));
        assertEquals(RuleState.ENABLED, events.describeRule(b -> b.name(name)).state());
        assertEquals(List.of(name), events.listRules(b -> b.namePrefix(name)).rules().stream()
                .map(r -> r.name()).toList());
        // PutRule again updates it
        events.putRule(b -> b.name(name).eventPattern(PATTERN).state(RuleState.DISABLED));
        assertEquals(RuleState.DISABLED, events.describeRule(b -> b.name(name)).state());
    }

    @Test
    void rulesOnACustomBus() {
        String bus = unique("bus");
        events.createEventBus(b -> b.name(bus));
        String arn = events.putRule(b -> b.name("r").eventBusName(bus).eventPattern(PATTERN)).ruleArn();
        assertEquals("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + bus + "/r", arn);
        assertError(EventBridgeException.class, "ValidationException", 400,
                "ScheduleExpression is supported only on the default event bus.",
                () -> events.putRule(b -> b.name("s").eventBusName(bus).scheduleExpression("rate(5 minutes)")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "Rule r does not exist on EventBus default.", () -> events.describeRule(b -> b.name("r")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "Event bus nope-bus does not exist.",
                () -> events.putRule(b -> b.name("r").eventBusName("nope-bus").eventPattern(PATTERN)));
    }

    @Test
    void putRuleErrors() {
        assertError(EventBridgeException.class, "ValidationException", 400,
                "Parameter(s) EventPattern or ScheduleExpression must be specified.",
                () -> events.putRule(b -> b.name(unique("r"))));
        assertError(EventBridgeException.class, "ValidationException", 400, "Parameter ScheduleExpression is not valid.",
                () -> events.putRule(b -> b.name(unique("r")).scheduleExpression("rate(1 minutes)")));
        assertError(EventBridgeException.class, "ValidationException", 400, "Parameter ScheduleExpression is not valid.",
                () -> events.putRule(b -> b.name(unique("r")).scheduleExpression("cron(0 12 * * * *)")));
        assertError(InvalidEventPatternException.class, "InvalidEventPatternException", 400,
                "Event pattern is not valid. Reason: Unrecognized match type bogus",
                () -> events.putRule(b -> b.name(unique("r")).eventPattern("{\"source\":[{\"bogus\":1}]}")));
        assertError(InvalidEventPatternException.class, "InvalidEventPatternException", 400, null,
                () -> events.putRule(b -> b.name(unique("r")).eventPattern("not json")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "Rule nope does not exist on EventBus default.", () -> events.enableRule(b -> b.name("nope")));
    }

    @Test
    void targetsAndDelete() {
        String name = unique("rule");
        events.putRule(b -> b.name(name).eventPattern(PATTERN));
        String queueArn = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":some-queue";
        var put = events.putTargets(b -> b.rule(name).targets(t -> t.id("a").arn(queueArn),
                t -> t.id("b").arn(queueArn).input("{\"x\":1}")));
        assertEquals(0, put.failedEntryCount());
        assertEquals(List.of("a", "b"), events.listTargetsByRule(b -> b.rule(name)).targets().stream()
                .map(Target::id).toList());
        assertTrue(events.listRuleNamesByTarget(b -> b.targetArn(queueArn)).ruleNames().contains(name));
        assertError(EventBridgeException.class, "ValidationException", 400,
                "Rule can't be deleted since it has targets.", () -> events.deleteRule(b -> b.name(name)));
        events.removeTargets(b -> b.rule(name).ids("a", "b"));
        events.deleteRule(b -> b.name(name));
        events.deleteRule(b -> b.name(name)); // deleting again succeeds
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> events.describeRule(b -> b.name(name)));
    }

    @Test
    void putTargetsErrors() {
        String name = unique("rule");
        events.putRule(b -> b.name(name).eventPattern(PATTERN));
        String fifo = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":q.fifo";
        assertError(EventBridgeException.class, "ValidationException", 400,
                "Parameter(s) SqsParameters must be specified for target: f.",
                () -> events.putTargets(b -> b.rule(name).targets(t -> t.id("f").arn(fifo))));
        events.putTargets(b -> b.rule(name).targets(t -> t.id("f").arn(fifo).sqsParameters(p -> p.messageGroupId("g"))));
        assertError(EventBridgeException.class, "ValidationException", 400, null,
                () -> events.putTargets(b -> b.rule(name).targets(t -> t.id("x").arn(fifo).input("{}").inputPath("$"))));
        assertError(EventBridgeException.class, "ValidationException", 400, null,
                () -> events.putTargets(b -> b.rule(name).targets(t -> t.id("x").arn("not-an-arn"))));
        for (int i = 0; i < 4; i++) {
            String id = "t" + i;
            events.putTargets(b -> b.rule(name).targets(t -> t.id(id).arn("arn:aws:sqs:us-east-1:" + ACCOUNT + ":q")));
        }
        assertError(LimitExceededException.class, "LimitExceededException", 400,
                "The requested resource exceeds the maximum number allowed.",
                () -> events.putTargets(b -> b.rule(name).targets(t -> t.id("sixth").arn("arn:aws:sqs:us-east-1:"
                        + ACCOUNT + ":q"))));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "Rule nope does not exist on EventBus default.",
                () -> events.putTargets(b -> b.rule("nope").targets(t -> t.id("a").arn(fifo))));
    }

    @Test
    void testEventPattern() {
        String event = "{\"id\":\"1\",\"account\":\"" + ACCOUNT + "\",\"source\":\"my.app\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"region\":\"us-east-1\",\"resources\":[],\"detail-type\":\"t\",\"detail\":{\"n\":5}}";
        assertTrue(events.testEventPattern(b -> b.eventPattern(PATTERN).event(event)).result());
        assertEquals(false, events.testEventPattern(b -> b.eventPattern("{\"detail\":{\"n\":[{\"numeric\":[\">\",5]}]}}")
                .event(event)).result());
        assertError(EventBridgeException.class, "ValidationException", 400, "Parameter Event is not valid.",
                () -> events.testEventPattern(b -> b.eventPattern(PATTERN).event("{\"source\":\"my.app\"}")));
        assertError(InvalidEventPatternException.class, "InvalidEventPatternException", 400,
                "Event pattern is not valid. Reason: Filter is not an object",
                () -> events.testEventPattern(b -> b.eventPattern("[1]").event(event)));
    }
}
