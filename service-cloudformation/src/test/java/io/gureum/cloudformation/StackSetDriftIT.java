package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperation;

/** DetectStackSetDrift over the instances' stacks, and ListStackInstanceResourceDrifts. */
class StackSetDriftIT extends CloudFormationTestSupport {
    private static final String QUEUE = """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 30
            """;

    private static StackSetOperation awaitOperation(String set, String operationId) {
        for (int i = 0; i < 1200; i++) {
            StackSetOperation op = cfn.describeStackSetOperation(b -> b.stackSetName(set).operationId(operationId))
                    .stackSetOperation();
            if (!op.statusAsString().equals("RUNNING") && !op.statusAsString().equals("STOPPING")) {
                return op;
            }
            sleep(100);
        }
        return fail("operation " + operationId + " never ended");
    }

    @Test
    void aChangedQueueMakesItsInstanceAndTheStackSetDrifted() {
        String set = unique("drift");
        cfn.createStackSet(b -> b.stackSetName(set).templateBody(QUEUE));
        assertEquals("NOT_CHECKED", cfn.describeStackSet(b -> b.stackSetName(set)).stackSet()
                .stackSetDriftDetectionDetails().driftStatusAsString());
        String account = cfn.describeStackSet(b -> b.stackSetName(set)).stackSet().stackSetARN().split(":")[4];
        String created = cfn.createStackInstances(b -> b.stackSetName(set).accounts(account).regions("us-east-1"))
                .operationId();
        assertEquals("SUCCEEDED", awaitOperation(set, created).statusAsString());

        String first = cfn.detectStackSetDrift(b -> b.stackSetName(set)).operationId();
        StackSetOperation detected = awaitOperation(set, first);
        assertEquals("SUCCEEDED", detected.statusAsString());
        assertEquals("DETECT_DRIFT", detected.actionAsString());
        assertEquals("IN_SYNC", cfn.describeStackInstance(b -> b.stackSetName(set).stackInstanceAccount(account)
                .stackInstanceRegion("us-east-1")).stackInstance().driftStatusAsString());

        String stackId = cfn.describeStackInstance(b -> b.stackSetName(set).stackInstanceAccount(account)
                .stackInstanceRegion("us-east-1")).stackInstance().stackId();
        String url = cfn.describeStackResource(b -> b.stackName(stackId).logicalResourceId("Queue"))
                .stackResourceDetail().physicalResourceId();
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(java.util.Map.of("VisibilityTimeout",
                "60")));
        String second = cfn.detectStackSetDrift(b -> b.stackSetName(set)).operationId();
        assertEquals("SUCCEEDED", awaitOperation(set, second).statusAsString());
        assertEquals("DRIFTED", cfn.describeStackInstance(b -> b.stackSetName(set).stackInstanceAccount(account)
                .stackInstanceRegion("us-east-1")).stackInstance().driftStatusAsString());
        var details = cfn.describeStackSet(b -> b.stackSetName(set)).stackSet().stackSetDriftDetectionDetails();
        assertEquals("DRIFTED", details.driftStatusAsString());
        assertEquals("COMPLETED", details.driftDetectionStatusAsString());
        assertEquals(1, details.driftedStackInstancesCount());
        assertEquals(1, details.totalStackInstancesCount());
        assertEquals(1, cfn.listStackInstances(b -> b.stackSetName(set).filters(f -> f.name("DRIFT_STATUS")
                .values("DRIFTED"))).summaries().size());

        var drifts = cfn.listStackInstanceResourceDrifts(b -> b.stackSetName(set).operationId(second)
                .stackInstanceAccount(account).stackInstanceRegion("us-east-1")).summaries();
        assertEquals(1, drifts.size());
        assertEquals("MODIFIED", drifts.get(0).stackResourceDriftStatusAsString());
        assertEquals("/VisibilityTimeout", drifts.get(0).propertyDifferences().get(0).propertyPath());
        assertEquals(List.of(), cfn.listStackInstanceResourceDrifts(b -> b.stackSetName(set).operationId(second)
                .stackInstanceAccount(account).stackInstanceRegion("us-east-1")
                .stackInstanceResourceDriftStatusesWithStrings("DELETED")).summaries());
        fails(404, "OperationNotFoundException", () -> cfn.listStackInstanceResourceDrifts(b -> b.stackSetName(set)
                .operationId("nope").stackInstanceAccount(account).stackInstanceRegion("us-east-1")));
        fails(404, "StackSetNotFoundException", () -> cfn.detectStackSetDrift(b -> b.stackSetName(unique("none"))));
    }
}
