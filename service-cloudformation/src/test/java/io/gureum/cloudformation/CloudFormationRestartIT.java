package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What CloudFormation finds again after a restart on the same --data-dir: stacks with their templates,
 * parameters, outputs and exports, resources' physical ids, events, termination protection and policy,
 * change sets, and stack sets with their instances; the restored stack updates and deletes its resources.
 */
class CloudFormationRestartIT {
    private static final String TEMPLATE = """
            Parameters:
              Timeout:
                Type: Number
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: !Ref Timeout
            Outputs:
              Url:
                Value: !Ref Queue
                Export:
                  Name: kept-queue-url
            """;
    private static final String POLICY = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"Update:*\","
            + "\"Principal\":\"*\",\"Resource\":\"*\"}]}";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static Stack settle(CloudFormationClient cfn, String name) {
        for (int i = 0; i < 6000; i++) {
            Stack s = cfn.describeStacks(b -> b.stackName(name)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return s;
            }
            CloudFormationTestSupport.sleep(50);
        }
        return fail("stack " + name + " never settled");
    }

    @Test
    void aStackInProgressAtTheRestartEndsFailedAndCanBeDeleted() throws Exception {
        String id;
        try (Gureum g = start(); CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), g)) {
            var http = java.net.http.HttpClient.newHttpClient();
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(g.endpoint()
                    + "/_gureum/cloudformation/pace")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"resourceSeconds\": 3600}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            id = cfn.createStack(b -> b.stackName("interrupted").templateBody(TEMPLATE)
                    .parameters(p -> p.parameterKey("Timeout").parameterValue("30"))).stackId();
            assertEquals("CREATE_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(id)).stacks().get(0)
                    .stackStatusAsString());
        }
        try (Gureum g = start(); CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), g)) {
            Stack s = cfn.describeStacks(b -> b.stackName(id)).stacks().get(0);
            assertEquals("CREATE_FAILED", s.stackStatusAsString());
            assertEquals("Gureum restarted during the operation", s.stackStatusReason());
            cfn.deleteStack(b -> b.stackName("interrupted"));
            assertEquals("DELETE_COMPLETE", settle(cfn, id).stackStatusAsString());
        }
    }

    @Test
    void stacksChangeSetsAndStackSetsSurviveARestart() {
        Stack before;
        int events;
        String queueUrl;
        String changeSetId;
        String instanceStack;
        try (Gureum g = start(); CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), g)) {
            cfn.createStack(b -> b.stackName("kept").templateBody(TEMPLATE).enableTerminationProtection(true)
                    .stackPolicyBody(POLICY).tags(t -> t.key("team").value("a"))
                    .parameters(p -> p.parameterKey("Timeout").parameterValue("40")));
            before = settle(cfn, "kept");
            assertEquals("CREATE_COMPLETE", before.stackStatusAsString());
            events = cfn.describeStackEvents(b -> b.stackName("kept")).stackEvents().size();
            queueUrl = cfn.describeStackResource(b -> b.stackName("kept").logicalResourceId("Queue"))
                    .stackResourceDetail().physicalResourceId();
            changeSetId = cfn.createChangeSet(b -> b.stackName("kept").changeSetName("pending").usePreviousTemplate(true)
                    .parameters(p -> p.parameterKey("Timeout").parameterValue("50"))).id();
            for (int i = 0; i < 600 && cfn.describeChangeSet(b -> b.changeSetName(changeSetId)).statusAsString()
                    .endsWith("_PENDING"); i++) {
                CloudFormationTestSupport.sleep(50);
            }
            cfn.createStackSet(b -> b.stackSetName("kept-set").templateBody(
                    "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"));
            String op = cfn.createStackInstances(b -> b.stackSetName("kept-set").accounts("555555555555")
                    .regions("us-east-1")).operationId();
            for (int i = 0; i < 6000 && cfn.describeStackSetOperation(b -> b.stackSetName("kept-set").operationId(op))
                    .stackSetOperation().statusAsString().equals("RUNNING"); i++) {
                CloudFormationTestSupport.sleep(50);
            }
            instanceStack = cfn.describeStackInstance(b -> b.stackSetName("kept-set").stackInstanceAccount(
                    "555555555555").stackInstanceRegion("us-east-1")).stackInstance().stackId();
        }

        try (Gureum g = start(); CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            Stack after = cfn.describeStacks(b -> b.stackName("kept")).stacks().get(0);
            assertEquals(before.stackId(), after.stackId());
            assertEquals("CREATE_COMPLETE", after.stackStatusAsString());
            assertEquals(before.parameters(), after.parameters());
            assertEquals(before.outputs(), after.outputs());
            assertEquals(before.tags(), after.tags());
            assertTrue(after.enableTerminationProtection());
            assertEquals(events, cfn.describeStackEvents(b -> b.stackName("kept")).stackEvents().size());
            assertEquals(queueUrl, cfn.describeStackResource(b -> b.stackName("kept").logicalResourceId("Queue"))
                    .stackResourceDetail().physicalResourceId());
            assertEquals(POLICY, cfn.getStackPolicy(b -> b.stackName("kept")).stackPolicyBody());
            assertTrue(cfn.getTemplate(b -> b.stackName("kept")).templateBody().contains("VisibilityTimeout"));
            assertEquals(List.of("kept-queue-url"), cfn.listExports(b -> { }).exports().stream()
                    .map(e -> e.name()).toList());
            // The change set's plan is not kept: it can be described, not executed.
            assertEquals("OBSOLETE", cfn.describeChangeSet(b -> b.changeSetName(changeSetId))
                    .executionStatusAsString());
            assertEquals("CURRENT", cfn.describeStackInstance(b -> b.stackSetName("kept-set")
                    .stackInstanceAccount("555555555555").stackInstanceRegion("us-east-1")).stackInstance()
                    .statusAsString());
            try (CloudFormationClient target = AwsClients.client(CloudFormationClient.builder(), g.endpoint(),
                    "555555555555", "us-east-1")) {
                assertEquals("CREATE_COMPLETE", target.describeStacks(b -> b.stackName(instanceStack)).stacks().get(0)
                        .stackStatusAsString());
            }

            // The restored stack goes on: an update changes its queue, a delete removes it.
            cfn.updateStack(b -> b.stackName("kept").usePreviousTemplate(true)
                    .parameters(p -> p.parameterKey("Timeout").parameterValue("60")));
            assertEquals("UPDATE_COMPLETE", settle(cfn, "kept").stackStatusAsString());
            String path = queueUrl.substring(queueUrl.indexOf('/', 8));
            String url = g.endpoint() + path;
            assertEquals("60", sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.VISIBILITY_TIMEOUT)).attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT));
            cfn.updateTerminationProtection(b -> b.stackName("kept").enableTerminationProtection(false));
            cfn.deleteStack(b -> b.stackName("kept"));
            assertEquals("DELETE_COMPLETE", settle(cfn, before.stackId()).stackStatusAsString());
            assertThrows(AwsServiceException.class, () -> sqs.getQueueAttributes(b -> b.queueUrl(url)));
        }
    }

    @Test
    void refactorsScansGeneratedTemplatesAndThePublisherSurviveARestart() {
        String refactorId;
        String scanId;
        String generatedId;
        String publisherId;
        String url;
        try (Gureum g = start(); CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), g)) {
            cfn.createStack(b -> b.stackName("refactored").templateBody("""
                    {"Resources": {"Old": {"Type": "AWS::SQS::Queue"}}}"""));
            assertEquals("CREATE_COMPLETE", settle(cfn, "refactored").stackStatusAsString());
            url = cfn.describeStackResources(b -> b.stackName("refactored")).stackResources().get(0)
                    .physicalResourceId();
            refactorId = cfn.createStackRefactor(b -> b.description("rename").stackDefinitions(d -> d
                    .stackName("refactored").templateBody("""
                            {"Resources": {"New": {"Type": "AWS::SQS::Queue"}}}"""))).stackRefactorId();
            scanId = cfn.startResourceScan(b -> { }).resourceScanId();
            generatedId = cfn.createGeneratedTemplate(b -> b.generatedTemplateName("kept-template")
                    .resources(r -> r.resourceType("AWS::SQS::Queue").logicalResourceId("Q")
                            .resourceIdentifier(java.util.Map.of("QueueUrl", url)))).generatedTemplateId();
            publisherId = cfn.registerPublisher(b -> b.acceptTermsAndConditions(true)).publisherId();
        }
        try (Gureum g = start(); CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), g)) {
            var d = cfn.describeStackRefactor(b -> b.stackRefactorId(refactorId));
            assertEquals("CREATE_COMPLETE", d.statusAsString());
            assertEquals("AVAILABLE", d.executionStatusAsString());
            assertEquals("rename", d.description());
            assertEquals("AUTO", cfn.listStackRefactorActions(b -> b.stackRefactorId(refactorId))
                    .stackRefactorActions().get(0).detectionAsString());
            cfn.executeStackRefactor(b -> b.stackRefactorId(refactorId));
            assertEquals("EXECUTE_COMPLETE", cfn.describeStackRefactor(b -> b.stackRefactorId(refactorId))
                    .executionStatusAsString());
            var resource = cfn.describeStackResources(b -> b.stackName("refactored")).stackResources().get(0);
            assertEquals("New", resource.logicalResourceId());
            assertEquals(url, resource.physicalResourceId());

            var scan = cfn.describeResourceScan(b -> b.resourceScanId(scanId));
            assertEquals(scanId, scan.resourceScanId());
            assertTrue(scan.statusAsString().equals("IN_PROGRESS") || scan.statusAsString().equals("COMPLETE"));
            assertTrue(cfn.listResourceScans(b -> { }).resourceScanSummaries().stream()
                    .anyMatch(x -> x.resourceScanId().equals(scanId)));

            var generated = cfn.describeGeneratedTemplate(b -> b.generatedTemplateName("kept-template"));
            assertEquals(generatedId, generated.generatedTemplateId());
            assertEquals("COMPLETE", generated.statusAsString());
            assertTrue(cfn.getGeneratedTemplate(b -> b.generatedTemplateName(generatedId)).templateBody()
                    .contains("AWS::SQS::Queue"));
            cfn.deleteGeneratedTemplate(b -> b.generatedTemplateName("kept-template"));

            assertEquals(publisherId, cfn.describePublisher(b -> { }).publisherId());
            assertEquals(publisherId, cfn.registerPublisher(b -> b.acceptTermsAndConditions(true)).publisherId());
        }
        try (Gureum g = start(); CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), g)) {
            AwsServiceException e = assertThrows(AwsServiceException.class, () -> cfn.describeGeneratedTemplate(b -> b
                    .generatedTemplateName("kept-template")));
            assertEquals(404, e.statusCode());
            assertEquals("EXECUTE_COMPLETE", cfn.describeStackRefactor(b -> b.stackRefactorId(refactorId))
                    .executionStatusAsString());
        }
    }
}
