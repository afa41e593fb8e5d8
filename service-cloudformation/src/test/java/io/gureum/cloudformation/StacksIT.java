package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

class StacksIT extends CloudFormationTestSupport {
    static final String QUEUE_AND_BUCKET = """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: A queue and a bucket
            Parameters:
              Retention:
                Type: Number
                Default: 600
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  MessageRetentionPeriod: !Ref Retention
                  Tags:
                    - Key: team
                      Value: !Sub "${AWS::StackName}-team"
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  VersioningConfiguration:
                    Status: Enabled
            Outputs:
              QueueUrl:
                Value: !Ref Queue
              QueueArn:
                Value: !GetAtt Queue.Arn
                Export:
                  Name: !Sub "${AWS::StackName}-queue-arn"
              BucketDomain:
                Value: !GetAtt [Bucket, RegionalDomainName]
            """;

    @Test
    void createsResourcesThroughTheServicesAndReportsOutputs() {
        String name = unique("stack");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(QUEUE_AND_BUCKET)).stackId();
        assertTrue(id.startsWith("arn:aws:cloudformation:us-east-1:000000000000:stack/" + name + "/"), id);

        Stack stack = settle(name);
        assertEquals("CREATE_COMPLETE", stack.stackStatusAsString());
        assertEquals("A queue and a bucket", stack.description());
        Map<String, String> outputs = stack.outputs().stream()
                .collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        String url = outputs.get("QueueUrl");
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("600", attributes.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD));
        assertEquals(attributes.get(QueueAttributeName.QUEUE_ARN), outputs.get("QueueArn"));
        // Generated names: <stack>-<logical id>-<suffix>, and the aws:cloudformation tags on the queue.
        String queueName = url.substring(url.lastIndexOf('/') + 1);
        assertTrue(queueName.startsWith(name + "-Queue-"), queueName);
        Map<String, String> tags = sqs.listQueueTags(b -> b.queueUrl(url)).tags();
        assertEquals(name, tags.get("aws:cloudformation:stack-name"));
        assertEquals(id, tags.get("aws:cloudformation:stack-id"));
        assertEquals("Queue", tags.get("aws:cloudformation:logical-id"));
        assertEquals(name + "-team", tags.get("team"));

        StackResource bucket = cfn.describeStackResources(b -> b.stackName(name).logicalResourceId("Bucket"))
                .stackResources().get(0);
        assertEquals("Enabled", s3.getBucketVersioning(b -> b.bucket(bucket.physicalResourceId())).statusAsString());
        assertEquals(bucket.physicalResourceId() + ".s3.us-east-1.amazonaws.com", outputs.get("BucketDomain"));

        List<String> events = events(name);
        assertEquals(name + " CREATE_IN_PROGRESS", events.get(0));
        assertTrue(events.contains("Queue CREATE_COMPLETE"), events.toString());
        assertEquals(name + " CREATE_COMPLETE", events.get(events.size() - 1));

        cfn.deleteStack(b -> b.stackName(name));
        Stack deleted = settle(id);
        assertEquals("DELETE_COMPLETE", deleted.stackStatusAsString());
        fails(400, "AWS.SimpleQueueService.NonExistentQueue", () -> sqs.getQueueUrl(b -> b.queueName(queueName)));
        fails(400, "ValidationError", () -> cfn.describeStacks(b -> b.stackName(name)));
        assertTrue(cfn.listStacks(b -> b.stackStatusFiltersWithStrings("DELETE_COMPLETE")).stackSummaries().stream()
                .anyMatch(s -> s.stackId().equals(id)));
    }

    @Test
    void aFailingResourceRollsTheStackBackLeavingNothing() {
        String name = unique("rollback");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                  Broken:
                    Type: Gureum::Test::Fails
                    DependsOn: Queue
                """));
        Stack stack = settle(name);
        assertEquals("ROLLBACK_COMPLETE", stack.stackStatusAsString());
        assertEquals("The following resource(s) failed to create: [Broken]. Rollback requested by user.",
                stackReason(name, "ROLLBACK_IN_PROGRESS"));
        String queueUrl = cfn.describeStackResource(b -> b.stackName(name).logicalResourceId("Queue"))
                .stackResourceDetail().physicalResourceId();
        assertEquals("DELETE_COMPLETE", cfn.describeStackResource(b -> b.stackName(name).logicalResourceId("Queue"))
                .stackResourceDetail().resourceStatusAsString());
        org.junit.jupiter.api.Assertions.assertThrows(QueueDoesNotExistException.class,
                () -> sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)));
        String reason = cfn.describeStackEvents(b -> b.stackName(name)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Broken") && e.resourceStatusAsString().equals("CREATE_FAILED"))
                .findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.startsWith("Resource handler returned message: \"Test failure of Broken\" (RequestToken: "),
                reason);
        assertTrue(reason.endsWith("HandlerErrorCode: InvalidRequest)"), reason);
        // A stack in ROLLBACK_COMPLETE can only be deleted.
        fails(400, "ValidationError", () -> cfn.updateStack(b -> b.stackName(name).usePreviousTemplate(true)));
        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(stack.stackId()).stackStatusAsString());
    }

    @Test
    void disableRollbackLeavesCreateFailedAndOnFailureDeleteDeletes() {
        String kept = unique("keep");
        cfn.createStack(b -> b.stackName(kept).disableRollback(true).templateBody(
                "{\"Resources\":{\"Broken\":{\"Type\":\"Gureum::Test::Fails\"},\"T\":{\"Type\":\"Gureum::Test::Thing\"}}}"));
        Stack failed = settle(kept);
        assertEquals("CREATE_FAILED", failed.stackStatusAsString());
        assertEquals("The following resource(s) failed to create: [Broken]. ", failed.stackStatusReason());

        String gone = unique("gone");
        String id = cfn.createStack(b -> b.stackName(gone).onFailure("DELETE").templateBody(
                "{\"Resources\":{\"Broken\":{\"Type\":\"Gureum::Test::Fails\"}}}")).stackId();
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());

        fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(unique("both")).onFailure("DELETE")
                .disableRollback(true).templateBody("{\"Resources\":{\"T\":{\"Type\":\"Gureum::Test::Thing\"}}}")));
    }

    @Test
    void updatesInPlaceReplacesAndCleansUp() {
        String name = unique("update");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 30
                  Thing:
                    Type: Gureum::Test::Thing
                    Properties:
                      Value: one
                  Removed:
                    Type: Gureum::Test::Thing
                """));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        String oldUrl = physicalId(name, "Queue");
        String oldThing = physicalId(name, "Thing");

        cfn.updateStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 45
                  Thing:
                    Type: Gureum::Test::Thing
                    Properties:
                      Name: !Sub "${AWS::StackName}-renamed"
                      Value: !GetAtt Queue.Arn
                """));
        Stack updated = settle(name);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString());
        assertEquals(oldUrl, physicalId(name, "Queue"), "VisibilityTimeout is updated in place");
        assertEquals("45", sqs.getQueueAttributes(b -> b.queueUrl(oldUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
                .get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertEquals(name + "-renamed", physicalId(name, "Thing"), "Name replaces the resource");
        assertTrue(DELETED_THINGS.contains(name + "/Thing/" + oldThing), DELETED_THINGS.toString());
        assertTrue(DELETED_THINGS.stream().anyMatch(d -> d.startsWith(name + "/Removed/")), DELETED_THINGS.toString());
        assertFalse(cfn.describeStackResources(b -> b.stackName(name)).stackResources().stream()
                .anyMatch(r -> r.logicalResourceId().equals("Removed")));
        List<String> events = events(name);
        assertTrue(events.contains(name + " UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"), events.toString());
        assertEquals(name + " UPDATE_COMPLETE", events.get(events.size() - 1));

        fails(400, "ValidationError", () -> cfn.updateStack(b -> b.stackName(name).usePreviousTemplate(true)));
        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(updated.stackId()).stackStatusAsString());
    }

    @Test
    void aFailedUpdateRollsBackToThePreviousTemplate() {
        String name = unique("updfail");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Thing:
                    Type: Gureum::Test::Thing
                    Properties:
                      Value: before
                  Guard:
                    Type: Gureum::Test::Fails
                    Properties:
                      CreateOk: true
                """));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        String template = cfn.getTemplate(b -> b.stackName(name)).templateBody();
        cfn.updateStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Thing:
                    Type: Gureum::Test::Thing
                    Properties:
                      Value: after
                  Guard:
                    Type: Gureum::Test::Fails
                    DependsOn: Thing
                    Properties:
                      CreateOk: true
                      FailUpdate: true
                  Added:
                    Type: Gureum::Test::Thing
                """));
        Stack stack = settle(name);
        assertEquals("UPDATE_ROLLBACK_COMPLETE", stack.stackStatusAsString());
        assertEquals("The following resource(s) failed to update: [Guard]. ",
                stackReason(name, "UPDATE_ROLLBACK_IN_PROGRESS"));
        assertEquals(template, cfn.getTemplate(b -> b.stackName(name)).templateBody());
        assertFalse(cfn.describeStackResources(b -> b.stackName(name)).stackResources().stream()
                .anyMatch(r -> r.logicalResourceId().equals("Added")));
        assertTrue(events(name).contains(name + " UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"));
        cfn.deleteStack(b -> b.stackName(name));
        settle(stack.stackId());
    }

    @Test
    void aResourceWhoseUpdateFailedPartwayIsUpdatedBack() {
        String name = unique("partway");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 30
                """));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        String url = cfn.describeStackResource(b -> b.stackName(name).logicalResourceId("Queue"))
                .stackResourceDetail().physicalResourceId();
        // The queue handler sets the attributes, then the tags: 50 tags and the stack's 3 are over SQS's limit,
        // so the update fails after VisibilityTimeout changed.
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            tags.append("        - Key: k").append(i).append("\n          Value: v\n");
        }
        cfn.updateStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 60
                      Tags:
                """ + tags));
        Stack stack = settle(name);
        assertEquals("UPDATE_ROLLBACK_COMPLETE", stack.stackStatusAsString());
        List<String> events = events(name);
        int failed = events.indexOf("Queue UPDATE_FAILED");
        assertTrue(failed > 0, events.toString());
        assertEquals(List.of("Queue UPDATE_IN_PROGRESS", "Queue UPDATE_COMPLETE"),
                events.subList(events.indexOf(name + " UPDATE_ROLLBACK_IN_PROGRESS") + 1,
                        events.indexOf(name + " UPDATE_ROLLBACK_IN_PROGRESS") + 3));
        assertEquals("30", sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("VisibilityTimeout"))
                .attributesAsStrings().get("VisibilityTimeout"));
        assertFalse(sqs.listQueueTags(b -> b.queueUrl(url)).tags().containsKey("k0"));
        cfn.deleteStack(b -> b.stackName(name));
        settle(stack.stackId());
    }

    @Test
    void refusesDuplicatesUnknownTypesAndBadTemplates() {
        String name = unique("dup");
        cfn.createStack(b -> b.stackName(name).templateBody("{\"Resources\":{\"T\":{\"Type\":\"Gureum::Test::Thing\"}}}"));
        AlreadyExistsException exists = org.junit.jupiter.api.Assertions.assertThrows(AlreadyExistsException.class,
                () -> cfn.createStack(b -> b.stackName(name)
                        .templateBody("{\"Resources\":{\"T\":{\"Type\":\"Gureum::Test::Thing\"}}}")));
        assertEquals("Stack [" + name + "] already exists", exists.awsErrorDetails().errorMessage());
        assertEquals("AlreadyExistsException", exists.awsErrorDetails().errorCode());

        assertEquals("Template format error: Unrecognized resource types: [AWS::Foo::Bar]",
                fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(unique("unknown"))
                        .templateBody("Resources:\n  X:\n    Type: AWS::Foo::Bar\n"))).awsErrorDetails().errorMessage());
        assertEquals("Template format error: At least one Resources member must be defined.",
                fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(unique("empty"))
                        .templateBody("{\"Resources\":{}}"))).awsErrorDetails().errorMessage());
        assertEquals("Template format error: Unresolved resource dependencies [Nope] in the Resources block of the"
                + " template", fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(unique("ref"))
                        .templateBody("Resources:\n  T:\n    Type: Gureum::Test::Thing\n    Properties:\n"
                                + "      Value: !Ref Nope\n"))).awsErrorDetails().errorMessage());
        assertEquals("Circular dependency between resources: [A, B]", fails(400, "ValidationError",
                () -> cfn.createStack(b -> b.stackName(unique("cycle")).templateBody("""
                        Resources:
                          A:
                            Type: Gureum::Test::Thing
                            Properties: {Value: !GetAtt B.Value}
                          B:
                            Type: Gureum::Test::Thing
                            DependsOn: A
                        """))).awsErrorDetails().errorMessage());
        assertTrue(fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(unique("yaml"))
                .templateBody("Resources: [oops"))).awsErrorDetails().errorMessage()
                .startsWith("Template format error: YAML not well-formed."));
        fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName("bad_name")
                .templateBody("{\"Resources\":{\"T\":{\"Type\":\"Gureum::Test::Thing\"}}}")));
        fails(400, "ValidationError", () -> cfn.describeStacks(b -> b.stackName("no-such-stack")));
        assertEquals("1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member"
                + " must not be null", fails(400, "ValidationError", () -> cfn.createStack(b -> b.templateBody(
                        "{\"Resources\":{\"T\":{\"Type\":\"Gureum::Test::Thing\"}}}"))).awsErrorDetails()
                        .errorMessage());
        cfn.deleteStack(b -> b.stackName("no-such-stack"));
    }

    @Test
    void terminationProtectionBlocksDelete() {
        String name = unique("protected");
        String id = cfn.createStack(b -> b.stackName(name).enableTerminationProtection(true)
                .templateBody("{\"Resources\":{\"T\":{\"Type\":\"Gureum::Test::Thing\"}}}")).stackId();
        settle(name);
        assertEquals("Stack [" + name + "] cannot be deleted while TerminationProtection is enabled",
                fails(400, "ValidationError", () -> cfn.deleteStack(b -> b.stackName(name)))
                        .awsErrorDetails().errorMessage());
        cfn.updateTerminationProtection(b -> b.stackName(name).enableTerminationProtection(false));
        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());
    }

    @Test
    void aStackPolicyDeniesUpdatesItDoesNotAllow() {
        String name = unique("policy");
        cfn.createStack(b -> b.stackName(name).stackPolicyBody("""
                {"Statement": [
                  {"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "Update:Replace", "Principal": "*",
                   "Resource": "LogicalResourceId/Kept"}]}
                """).templateBody("Resources:\n  Kept:\n    Type: Gureum::Test::Thing\n    Properties:\n"
                + "      Value: a\n"));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        String before = physicalId(name, "Kept");
        cfn.updateStack(b -> b.stackName(name).templateBody("Resources:\n  Kept:\n    Type: Gureum::Test::Thing\n"
                + "    Properties:\n      Name: other\n      Value: a\n"));
        assertEquals("UPDATE_ROLLBACK_COMPLETE", settle(name).stackStatusAsString());
        assertEquals(before, physicalId(name, "Kept"));
        assertTrue(cfn.describeStackEvents(b -> b.stackName(name)).stackEvents().stream().anyMatch(e ->
                "Action denied by stack policy: Statement [#2] denies [Update:Replace] for resource"
                        .concat(" [LogicalResourceId/Kept]").equals(e.resourceStatusReason())));
        // An in-place change is allowed.
        cfn.updateStack(b -> b.stackName(name).templateBody("Resources:\n  Kept:\n    Type: Gureum::Test::Thing\n"
                + "    Properties:\n      Value: b\n"));
        assertEquals("UPDATE_COMPLETE", settle(name).stackStatusAsString());
    }

    /** The reason of the stack's own event of {@code status}. */
    static String stackReason(String stack, String status) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals(stack) && e.resourceStatusAsString().equals(status))
                .findFirst().orElseThrow().resourceStatusReason();
    }

    private static String physicalId(String stack, String logicalId) {
        return cfn.describeStackResource(b -> b.stackName(stack).logicalResourceId(logicalId))
                .stackResourceDetail().physicalResourceId();
    }
}
