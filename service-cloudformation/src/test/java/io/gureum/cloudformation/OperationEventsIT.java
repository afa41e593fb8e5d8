package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.OperationEvent;

/** DescribeEvents (a stack's events grouped by operation) and GetHookResult (no hook ever runs). */
class OperationEventsIT extends CloudFormationTestSupport {
    private static final String THING = """
            Resources:
              One:
                Type: Gureum::Test::Thing
            """;
    private static final String FAILING = """
            Resources:
              Bad:
                Type: Gureum::Test::Fails
            """;

    @Test
    void aCreateIsOneSucceededOperationWithTheStacksEventsNewestFirst() {
        String name = unique("events");
        cfn.createStack(b -> b.stackName(name).templateBody(THING));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        List<OperationEvent> events = cfn.describeEvents(b -> b.stackName(name)).operationEvents();
        assertEquals(cfn.describeStackEvents(b -> b.stackName(name)).stackEvents().size(), events.size());
        assertEquals(1, events.stream().map(OperationEvent::operationId).distinct().count());
        assertTrue(events.stream().allMatch(e -> e.operationTypeAsString().equals("CREATE_STACK")
                && e.operationStatusAsString().equals("SUCCEEDED") && e.eventTypeAsString().equals("STACK_EVENT")));
        assertEquals("CREATE_COMPLETE", events.get(0).resourceStatusAsString());
        assertEquals(name, events.get(0).logicalResourceId());
        assertEquals("CREATE_IN_PROGRESS", events.get(events.size() - 1).resourceStatusAsString());

        String operation = events.get(0).operationId();
        assertEquals(events.size(), cfn.describeEvents(b -> b.operationId(operation)).operationEvents().size());

        cfn.deleteStack(b -> b.stackName(name));
        String stackId = events.get(0).stackId();
        settle(stackId);
        List<OperationEvent> after = cfn.describeEvents(b -> b.stackName(stackId)).operationEvents();
        assertEquals("DELETE_STACK", after.get(0).operationTypeAsString());
        assertEquals("SUCCEEDED", after.get(0).operationStatusAsString());
        assertEquals(2, after.stream().map(OperationEvent::operationId).distinct().count());
    }

    @Test
    void aFailedCreateAndItsRollbackAreTwoOperationsAndFailedEventsFiltersTheErrors() {
        String name = unique("events-fail");
        cfn.createStack(b -> b.stackName(name).templateBody(FAILING));
        assertEquals("ROLLBACK_COMPLETE", settle(name).stackStatusAsString());
        List<OperationEvent> events = cfn.describeEvents(b -> b.stackName(name)).operationEvents();
        Set<String> operations = events.stream().map(e -> e.operationTypeAsString() + ":"
                + e.operationStatusAsString()).collect(Collectors.toSet());
        assertEquals(Set.of("CREATE_STACK:FAILED", "ROLLBACK:SUCCEEDED"), operations);
        List<OperationEvent> failed = cfn.describeEvents(b -> b.stackName(name).filters(f -> f.failedEvents(true)))
                .operationEvents();
        assertEquals(1, failed.size());
        assertEquals("Bad", failed.get(0).logicalResourceId());
        assertEquals("CREATE_FAILED", failed.get(0).resourceStatusAsString());
        assertEquals("PROVISIONING_ERROR", failed.get(0).eventTypeAsString());
    }

    @Test
    void refusals() {
        fails(400, "ValidationError", () -> cfn.describeEvents(b -> { }));
        fails(400, "ValidationError", () -> cfn.describeEvents(b -> b.stackName(unique("none"))));
        var missing = fails(404, "HookResultNotFound", () -> cfn.getHookResult(b -> b.hookResultId(
                "11111111-2222-3333-4444-555555555555")));
        assertTrue(missing.awsErrorDetails().errorMessage().contains("11111111-2222-3333-4444-555555555555"));
    }
}
