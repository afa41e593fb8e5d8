package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.InvalidChangeSetStatusException;

class ChangeSetsIT extends CloudFormationTestSupport {
    static final String V1 = """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 30
              Thing:
                Type: Gureum::Test::Thing
                Properties:
                  Value: one
            """;
    static final String V2 = """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 60
              Thing:
                Type: Gureum::Test::Thing
                Properties:
                  Name: renamed-thing
                  Value: one
              Other:
                Type: Gureum::Test::Thing
            """;

    @Test
    void createTypeMakesAReviewStackThenExecutesAsDeployDoes() {
        String name = unique("cs");
        CreateChangeSetResponse created = cfn.createChangeSet(b -> b.stackName(name).changeSetName("first")
                .changeSetType("CREATE").templateBody(V1));
        assertEquals("REVIEW_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(name)).stacks().get(0)
                .stackStatusAsString());
        DescribeChangeSetResponse cs = cfn.describeChangeSet(b -> b.changeSetName(created.id()));
        assertEquals("CREATE_COMPLETE", cs.statusAsString());
        assertEquals("AVAILABLE", cs.executionStatusAsString());
        assertEquals(2, cs.changes().size());
        assertTrue(cs.changes().stream().allMatch(c -> c.resourceChange().actionAsString().equals("Add")));

        cfn.executeChangeSet(b -> b.changeSetName("first").stackName(name));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        assertEquals(created.id(), cfn.describeStacks(b -> b.stackName(name)).stacks().get(0).changeSetId());
        assertEquals("EXECUTE_COMPLETE", cfn.describeChangeSet(b -> b.changeSetName(created.id()))
                .executionStatusAsString());

        String update = cfn.createChangeSet(b -> b.stackName(name).changeSetName("second").templateBody(V2)).id();
        Map<String, Change> changes = cfn.describeChangeSet(b -> b.changeSetName("second").stackName(name)).changes()
                .stream().collect(Collectors.toMap(c -> c.resourceChange().logicalResourceId(), c -> c));
        assertEquals("Modify", changes.get("Queue").resourceChange().actionAsString());
        assertEquals("False", changes.get("Queue").resourceChange().replacementAsString());
        assertEquals("VisibilityTimeout", changes.get("Queue").resourceChange().details().get(0).target().name());
        assertEquals("Never", changes.get("Queue").resourceChange().details().get(0).target()
                .requiresRecreationAsString());
        assertEquals("True", changes.get("Thing").resourceChange().replacementAsString());
        assertEquals("Add", changes.get("Other").resourceChange().actionAsString());
        // The executed change set stays listed (EXECUTE_COMPLETE) beside the new one.
        assertEquals(2, cfn.listChangeSets(b -> b.stackName(name)).summaries().size());

        cfn.executeChangeSet(b -> b.changeSetName(update));
        assertEquals("UPDATE_COMPLETE", settle(name).stackStatusAsString());
        assertEquals("renamed-thing", cfn.describeStackResource(b -> b.stackName(name).logicalResourceId("Thing"))
                .stackResourceDetail().physicalResourceId());

        // The same template again: FAILED with the reason `aws cloudformation deploy` recognises.
        String same = cfn.createChangeSet(b -> b.stackName(name).changeSetName("third").templateBody(V2)).id();
        DescribeChangeSetResponse empty = cfn.describeChangeSet(b -> b.changeSetName(same));
        assertEquals("FAILED", empty.statusAsString());
        assertEquals(ChangeSets.NO_CHANGES, empty.statusReason());
        assertThrows(InvalidChangeSetStatusException.class, () -> cfn.executeChangeSet(b -> b.changeSetName(same)));
        cfn.deleteChangeSet(b -> b.changeSetName(same));
        assertThrows(ChangeSetNotFoundException.class, () -> cfn.describeChangeSet(b -> b.changeSetName(same)));

        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(created.stackId()).stackStatusAsString());
    }

    @Test
    void refusesChangeSetsThatCannotApply() {
        fails(400, "ValidationError", () -> cfn.createChangeSet(b -> b.stackName(unique("missing"))
                .changeSetName("x").templateBody(V1)));
        String name = unique("twice");
        cfn.createChangeSet(b -> b.stackName(name).changeSetName("a").changeSetType("CREATE").templateBody(V1));
        fails(400, "AlreadyExistsException", () -> cfn.createChangeSet(b -> b.stackName(name).changeSetName("a")
                .changeSetType("CREATE").templateBody(V1)));
        assertThrows(ChangeSetNotFoundException.class, () -> cfn.describeChangeSet(b -> b.changeSetName("nope")
                .stackName(name)));
    }
}
