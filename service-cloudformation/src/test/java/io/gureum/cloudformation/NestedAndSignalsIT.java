package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.Stack;

class NestedAndSignalsIT extends CloudFormationTestSupport {

    @Test
    void nestedStacksAreCreatedFromS3AndDeletedWithTheirParent() {
        String bucket = unique("templates");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("child.yaml"), RequestBody.fromString("""
                Parameters:
                  Value:
                    Type: String
                Resources:
                  Inner:
                    Type: Gureum::Test::Thing
                    Properties:
                      Value: !Ref Value
                Outputs:
                  InnerValue:
                    Value: !GetAtt Inner.Value
                """));
        String name = unique("parent");
        String parentId = cfn.createStack(b -> b.stackName(name).templateBody("""
                Parameters:
                  Bucket:
                    Type: String
                Resources:
                  Child:
                    Type: AWS::CloudFormation::Stack
                    Properties:
                      TemplateURL: !Sub "https://${Bucket}.s3.amazonaws.com/child.yaml"
                      Parameters:
                        Value: from-parent
                Outputs:
                  FromChild:
                    Value: !GetAtt Child.Outputs.InnerValue
                """).parameters(p -> p.parameterKey("Bucket").parameterValue(bucket))).stackId();
        Stack parent = settle(name);
        assertEquals("CREATE_COMPLETE", parent.stackStatusAsString(), parent.stackStatusReason());
        assertEquals("from-parent", parent.outputs().get(0).outputValue());
        String childId = cfn.describeStackResource(b -> b.stackName(name).logicalResourceId("Child"))
                .stackResourceDetail().physicalResourceId();
        Stack child = cfn.describeStacks(b -> b.stackName(childId)).stacks().get(0);
        assertEquals(parentId, child.parentId());
        assertEquals(parentId, child.rootId());
        assertTrue(child.stackName().startsWith(name + "-Child-"), child.stackName());

        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(parentId).stackStatusAsString());
        assertEquals("DELETE_COMPLETE", settle(childId).stackStatusAsString());
    }

    @Test
    void aNestedStackWhoseUpdateFailedRollsBackWithItsParent() {
        String bucket = unique("templates");
        s3.createBucket(b -> b.bucket(bucket));
        String childTemplate = """
                Parameters:
                  Value:
                    Type: String
                  FailUpdate:
                    Type: String
                Resources:
                  Inner:
                    Type: Gureum::Test::Thing
                    Properties:
                      Value: !Ref Value
                  Guard:
                    Type: Gureum::Test::Fails
                    DependsOn: Inner
                    Properties:
                      CreateOk: true
                      FailUpdate: !Ref FailUpdate
                Outputs:
                  InnerValue:
                    Value: !GetAtt Inner.Value
                """;
        s3.putObject(b -> b.bucket(bucket).key("child.yaml"), RequestBody.fromString(childTemplate));
        String parentTemplate = """
                Parameters:
                  Bucket:
                    Type: String
                  Value:
                    Type: String
                  FailUpdate:
                    Type: String
                Resources:
                  Child:
                    Type: AWS::CloudFormation::Stack
                    Properties:
                      TemplateURL: !Sub "https://${Bucket}.s3.amazonaws.com/child.yaml"
                      Parameters:
                        Value: !Ref Value
                        FailUpdate: !Ref FailUpdate
                Outputs:
                  FromChild:
                    Value: !GetAtt Child.Outputs.InnerValue
                """;
        String name = unique("parent");
        cfn.createStack(b -> b.stackName(name).templateBody(parentTemplate).parameters(
                p -> p.parameterKey("Bucket").parameterValue(bucket),
                p -> p.parameterKey("Value").parameterValue("first"),
                p -> p.parameterKey("FailUpdate").parameterValue("false")));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        String childId = cfn.describeStackResource(b -> b.stackName(name).logicalResourceId("Child"))
                .stackResourceDetail().physicalResourceId();

        // The child updates Inner, then its Guard fails: the child stops UPDATE_FAILED with Inner changed.
        cfn.updateStack(b -> b.stackName(name).templateBody(parentTemplate).parameters(
                p -> p.parameterKey("Bucket").parameterValue(bucket),
                p -> p.parameterKey("Value").parameterValue("second"),
                p -> p.parameterKey("FailUpdate").parameterValue("true")));
        Stack parent = settle(name);
        assertEquals("UPDATE_ROLLBACK_COMPLETE", parent.stackStatusAsString(), parent.stackStatusReason());
        assertEquals("first", parent.outputs().get(0).outputValue());
        Stack child = settle(childId);
        assertEquals("UPDATE_ROLLBACK_COMPLETE", child.stackStatusAsString(), child.stackStatusReason());
        assertEquals("first", child.outputs().get(0).outputValue());
        assertTrue(events(childId).containsAll(java.util.List.of("Guard UPDATE_FAILED",
                child.stackName() + " UPDATE_ROLLBACK_IN_PROGRESS")), events(childId).toString());

        String parentId = parent.stackId();
        cfn.deleteStack(b -> b.stackName(name));
        // The parent first: right after DeleteStack the child may not have started deleting yet.
        assertEquals("DELETE_COMPLETE", settle(parentId).stackStatusAsString());
        assertEquals("DELETE_COMPLETE", settle(childId).stackStatusAsString());
    }

    @Test
    void aCreationPolicyWaitsForSignals() {
        String name = unique("signals");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Server:
                    Type: Gureum::Test::Thing
                    CreationPolicy:
                      ResourceSignal:
                        Count: 2
                        Timeout: PT1H
                """));
        awaitResourceEvent(name, "Server", "Resource creation Initiated");
        cfn.signalResource(b -> b.stackName(name).logicalResourceId("Server").uniqueId("i-1").status("SUCCESS"));
        assertEquals("CREATE_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(name)).stacks().get(0)
                .stackStatusAsString());
        cfn.signalResource(b -> b.stackName(name).logicalResourceId("Server").uniqueId("i-2").status("SUCCESS"));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        fails(400, "ValidationError", () -> cfn.signalResource(b -> b.stackName(name).logicalResourceId("Server")
                .uniqueId("i-3").status("SUCCESS")));

        String failing = unique("signalfail");
        cfn.createStack(b -> b.stackName(failing).templateBody("""
                Resources:
                  Server:
                    Type: Gureum::Test::Thing
                    CreationPolicy:
                      ResourceSignal:
                        Timeout: PT10M
                """));
        awaitResourceEvent(failing, "Server", "Resource creation Initiated");
        gureum.context().clock().advance(Duration.ofMinutes(11));
        assertEquals("ROLLBACK_COMPLETE", settle(failing).stackStatusAsString());
        assertTrue(cfn.describeStackEvents(b -> b.stackName(failing)).stackEvents().stream().anyMatch(e ->
                "Failed to receive 1 resource signal(s) within the specified duration".equals(
                        e.resourceStatusReason())));
    }

    @Test
    void aWaitConditionCompletesWhenItsHandleIsSignalled() throws Exception {
        String name = unique("wait");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Handle:
                    Type: AWS::CloudFormation::WaitConditionHandle
                  Wait:
                    Type: AWS::CloudFormation::WaitCondition
                    Properties:
                      Handle: !Ref Handle
                      Timeout: 600
                Outputs:
                  Url:
                    Value: !Ref Handle
                  Data:
                    Value: !GetAtt Wait.Data
                """));
        awaitResourceEvent(name, "Wait", null);
        String url = cfn.describeStackResource(b -> b.stackName(name).logicalResourceId("Handle"))
                .stackResourceDetail().physicalResourceId();
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"Status\":\"SUCCESS\",\"UniqueId\":\"boot\",\"Data\":\"ready\",\"Reason\":\"ok\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode());
        Stack stack = settle(name);
        assertEquals("CREATE_COMPLETE", stack.stackStatusAsString());
        assertTrue(stack.outputs().stream().anyMatch(o -> o.outputValue().equals("{\"boot\":\"ready\"}")),
                stack.outputs().toString());
    }

    /** Waits until the resource has an event with {@code reason} (any event when null). */
    private static void awaitResourceEvent(String stack, String logicalId, String reason) {
        for (int i = 0; i < 6000; i++) {
            boolean seen = cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                    .anyMatch(e -> e.logicalResourceId().equals(logicalId)
                            && (reason == null || reason.equals(e.resourceStatusReason())));
            if (seen) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError("no event of " + logicalId);
    }
}
