package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.ResourceToImport;

/** Resource import: CreateChangeSet with ChangeSetType IMPORT and ResourcesToImport. */
class ImportIT extends CloudFormationTestSupport {
    private static String queueTemplate(String name, String policy) {
        return """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                %s    Properties:
                      QueueName: %s
                """.formatted(policy == null ? "" : "    DeletionPolicy: " + policy + "\n", name);
    }

    private static ResourceToImport queue(String url) {
        return ResourceToImport.builder().resourceType("AWS::SQS::Queue").logicalResourceId("Queue")
                .resourceIdentifier(Map.of("QueueUrl", url)).build();
    }

    @Test
    void anExistingQueueIsImportedIntoANewStackAndKeptWhenTheStackGoes() {
        String name = unique("imported");
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String stack = unique("import");
        var created = cfn.createChangeSet(b -> b.stackName(stack).changeSetName("imp").changeSetType("IMPORT")
                .templateBody(queueTemplate(name, "Retain")).resourcesToImport(queue(url)));
        assertEquals("REVIEW_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0)
                .stackStatusAsString());
        var described = cfn.describeChangeSet(b -> b.changeSetName(created.id()));
        assertEquals("CREATE_COMPLETE", described.statusAsString());
        assertEquals("Import", described.changes().get(0).resourceChange().actionAsString());
        assertEquals(url, described.changes().get(0).resourceChange().physicalResourceId());

        cfn.executeChangeSet(b -> b.changeSetName(created.id()));
        assertEquals("IMPORT_COMPLETE", settle(stack).stackStatusAsString());
        assertEquals(url, cfn.describeStackResource(b -> b.stackName(stack).logicalResourceId("Queue"))
                .stackResourceDetail().physicalResourceId());
        List<String> events = events(stack);
        assertTrue(events.contains("Queue IMPORT_IN_PROGRESS") && events.contains("Queue IMPORT_COMPLETE"), events
                .toString());

        String other = unique("import-again");
        var again = fails(400, "ValidationError", () -> cfn.createChangeSet(b -> b.stackName(other)
                .changeSetName("imp").changeSetType("IMPORT").templateBody(queueTemplate(name, "Retain"))
                .resourcesToImport(queue(url))));
        assertTrue(again.awsErrorDetails().errorMessage().contains("already exists in stack"), again.getMessage());

        String stackId = created.stackId();
        cfn.deleteStack(b -> b.stackName(stack));
        assertEquals("DELETE_COMPLETE", settle(stackId).stackStatusAsString());
        assertEquals(url, sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
    }

    @Test
    void aQueueTheServiceDoesNotHaveRollsTheImportBack() {
        String stack = unique("import-missing");
        String url = sqs.createQueue(b -> b.queueName(unique("gone"))).queueUrl();
        sqs.deleteQueue(b -> b.queueUrl(url));
        cfn.createChangeSet(b -> b.stackName(stack).changeSetName("imp").changeSetType("IMPORT")
                .templateBody(queueTemplate(unique("q"), "Retain")).resourcesToImport(queue(url)));
        cfn.executeChangeSet(b -> b.stackName(stack).changeSetName("imp"));
        assertEquals("IMPORT_ROLLBACK_COMPLETE", settle(stack).stackStatusAsString());
        List<String> events = events(stack);
        assertTrue(events.contains("Queue IMPORT_FAILED"), events.toString());
        assertEquals(List.of(), cfn.listStackResources(b -> b.stackName(stack)).stackResourceSummaries());
    }

    @Test
    void aQueueIsImportedBesideAnExistingStacksResources() {
        String stack = unique("import-existing");
        cfn.createStack(b -> b.stackName(stack).templateBody("""
                Resources:
                  One:
                    Type: Gureum::Test::Thing
                """));
        assertEquals("CREATE_COMPLETE", settle(stack).stackStatusAsString());
        String name = unique("beside");
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String both = """
                Resources:
                  One:
                    Type: Gureum::Test::Thing
                  Queue:
                    Type: AWS::SQS::Queue
                    DeletionPolicy: Retain
                    Properties:
                      QueueName: %s
                """.formatted(name);
        var removing = fails(400, "ValidationError", () -> cfn.createChangeSet(b -> b.stackName(stack)
                .changeSetName("drop").changeSetType("IMPORT").templateBody(queueTemplate(name, "Retain"))
                .resourcesToImport(queue(url))));
        assertTrue(removing.awsErrorDetails().errorMessage().contains("[One]"), removing.getMessage());
        cfn.createChangeSet(b -> b.stackName(stack).changeSetName("imp").changeSetType("IMPORT").templateBody(both)
                .resourcesToImport(queue(url)));
        cfn.executeChangeSet(b -> b.stackName(stack).changeSetName("imp"));
        assertEquals("IMPORT_COMPLETE", settle(stack).stackStatusAsString());
        assertEquals(2, cfn.listStackResources(b -> b.stackName(stack)).stackResourceSummaries().size());
        assertEquals(both, cfn.getTemplate(b -> b.stackName(stack)).templateBody());
    }

    @Test
    void refusals() {
        String name = unique("refused");
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        var noPolicy = fails(400, "ValidationError", () -> cfn.createChangeSet(b -> b.stackName(unique("i"))
                .changeSetName("imp").changeSetType("IMPORT").templateBody(queueTemplate(name, null))
                .resourcesToImport(queue(url))));
        assertEquals("The following resources to import [Queue] must have DeletionPolicy attribute specified in the"
                + " template.", noPolicy.awsErrorDetails().errorMessage());
        var unsupported = fails(400, "ValidationError", () -> cfn.createChangeSet(b -> b.stackName(unique("i"))
                .changeSetName("imp").changeSetType("IMPORT").templateBody("""
                        Resources:
                          Thing:
                            Type: Gureum::Test::Thing
                            DeletionPolicy: Retain
                        """).resourcesToImport(r -> r.resourceType("Gureum::Test::Thing").logicalResourceId("Thing")
                                .resourceIdentifier(Map.of("Name", "x")))));
        assertEquals("ResourceTypes [Gureum::Test::Thing] are not supported for Import",
                unsupported.awsErrorDetails().errorMessage());
        fails(400, "ValidationError", () -> cfn.createChangeSet(b -> b.stackName(unique("i")).changeSetName("imp")
                .changeSetType("IMPORT").templateBody(queueTemplate(name, "Retain"))));
        fails(400, "ValidationError", () -> cfn.createChangeSet(b -> b.stackName(unique("i")).changeSetName("imp")
                .changeSetType("IMPORT").templateBody(queueTemplate(name, "Retain")).resourcesToImport(r -> r
                        .resourceType("AWS::SQS::Queue").logicalResourceId("Queue")
                        .resourceIdentifier(Map.of("QueueName", name)))));
    }
}
