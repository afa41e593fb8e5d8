package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackInstance;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperation;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationResultSummary;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Stack sets deploying real stacks into other accounts and Regions, with operation preferences. */
class StackSetsIT extends CloudFormationTestSupport {
    private static final String QUEUES = """
            Parameters:
              Suffix:
                Type: String
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub "set-${AWS::AccountId}-${AWS::Region}-${Suffix}"
            Outputs:
              Url:
                Value: !Ref Queue
            """;
    private static final String MAYBE_FAILS = """
            Parameters:
              Ok:
                Type: String
            Resources:
              Thing:
                Type: Gureum::Test::Fails
                Properties:
                  CreateOk: !Ref Ok
            """;

    private static CloudFormationClient cfnOf(String account, String region) {
        return AwsClients.client(CloudFormationClient.builder(), gureum.endpoint(), account, region);
    }

    private static StackSetOperation awaitOperation(String set, String operationId) {
        for (int i = 0; i < 6000; i++) {
            StackSetOperation op = cfn.describeStackSetOperation(b -> b.stackSetName(set).operationId(operationId))
                    .stackSetOperation();
            if (!op.statusAsString().equals("RUNNING") && !op.statusAsString().equals("STOPPING")) {
                return op;
            }
            sleep(50);
        }
        return fail("operation " + operationId + " never ended");
    }

    private static Map<String, StackSetOperationResultSummary> results(String set, String operationId) {
        return cfn.listStackSetOperationResults(b -> b.stackSetName(set).operationId(operationId)).summaries()
                .stream().collect(Collectors.toMap(r -> r.account() + "/" + r.region(), r -> r));
    }

    @Test
    void instancesAreRealStacksInTheTargetAccountsAndFollowUpdates() {
        String set = unique("queues");
        String setId = cfn.createStackSet(b -> b.stackSetName(set).templateBody(QUEUES).description("queues")
                .parameters(p -> p.parameterKey("Suffix").parameterValue("a"))).stackSetId();
        assertTrue(setId.startsWith(set + ":"), setId);
        var described = cfn.describeStackSet(b -> b.stackSetName(set)).stackSet();
        assertEquals("ACTIVE", described.statusAsString());
        assertEquals("SELF_MANAGED", described.permissionModelAsString());
        assertEquals("AWSCloudFormationStackSetExecutionRole", described.executionRoleName());
        assertTrue(described.administrationRoleARN().endsWith(":role/AWSCloudFormationStackSetAdministrationRole"));
        assertTrue(described.stackSetARN().endsWith(":stackset/" + setId), described.stackSetARN());
        assertEquals(409, fails(409, "NameAlreadyExistsException",
                () -> cfn.createStackSet(b -> b.stackSetName(set).templateBody(QUEUES))).statusCode());

        String create = cfn.createStackInstances(b -> b.stackSetName(set).accounts("111111111111", "222222222222")
                .regions("us-east-1", "eu-west-1").operationPreferences(p -> p.maxConcurrentCount(2)
                        .failureToleranceCount(1))).operationId();
        StackSetOperation op = awaitOperation(set, create);
        assertEquals("SUCCEEDED", op.statusAsString());
        assertEquals("CREATE", op.actionAsString());
        assertEquals(0, op.statusDetails().failedStackInstancesCount());
        Map<String, StackSetOperationResultSummary> results = results(set, create);
        assertEquals(4, results.size());
        results.values().forEach(r -> {
            assertEquals("SUCCEEDED", r.statusAsString());
            assertEquals("SKIPPED", r.accountGateResult().statusAsString());
        });

        List<StackInstanceSummary> instances = cfn.listStackInstances(b -> b.stackSetName(set)).summaries();
        assertEquals(4, instances.size());
        instances.forEach(i -> assertEquals("CURRENT", i.statusAsString()));
        StackInstance instance = cfn.describeStackInstance(b -> b.stackSetName(set)
                .stackInstanceAccount("222222222222").stackInstanceRegion("eu-west-1")).stackInstance();
        assertEquals("SUCCEEDED", instance.stackInstanceStatus().detailedStatusAsString());
        assertEquals(create, instance.lastOperationId());
        assertTrue(instance.stackId().startsWith("arn:aws:cloudformation:eu-west-1:222222222222:stack/StackSet-"
                + set + "-"), instance.stackId());

        // The instance is an ordinary stack of the target account, and its queue is that account's.
        try (CloudFormationClient target = cfnOf("222222222222", "eu-west-1");
                SqsClient sqsTarget = AwsClients.client(SqsClient.builder(), gureum.endpoint(), "222222222222",
                        "eu-west-1")) {
            Stack stack = target.describeStacks(b -> b.stackName(instance.stackId())).stacks().get(0);
            assertEquals("CREATE_COMPLETE", stack.stackStatusAsString());
            String url = sqsTarget.getQueueUrl(b -> b.queueName("set-222222222222-eu-west-1-a")).queueUrl();
            assertEquals(url, stack.outputs().get(0).outputValue());

            String update = cfn.updateStackSet(b -> b.stackSetName(set).usePreviousTemplate(true)
                    .parameters(p -> p.parameterKey("Suffix").parameterValue("b"))
                    .operationPreferences(p -> p.maxConcurrentPercentage(100).failureTolerancePercentage(100)))
                    .operationId();
            assertEquals("SUCCEEDED", awaitOperation(set, update).statusAsString());
            assertEquals("UPDATE_COMPLETE", target.describeStacks(b -> b.stackName(instance.stackId())).stacks()
                    .get(0).stackStatusAsString());
            sqsTarget.getQueueUrl(b -> b.queueName("set-222222222222-eu-west-1-b"));
            assertEquals(List.of(update, create), cfn.listStackSetOperations(b -> b.stackSetName(set)).summaries()
                    .stream().map(s -> s.operationId()).toList());

            fails(409, "StackSetNotEmptyException", () -> cfn.deleteStackSet(b -> b.stackSetName(set)));
            String delete = cfn.deleteStackInstances(b -> b.stackSetName(set).accounts("111111111111",
                    "222222222222").regions("us-east-1", "eu-west-1").retainStacks(false)
                    .operationPreferences(p -> p.maxConcurrentCount(4).failureToleranceCount(3))).operationId();
            assertEquals("SUCCEEDED", awaitOperation(set, delete).statusAsString());
            assertEquals("DELETE_COMPLETE", target.describeStacks(b -> b.stackName(instance.stackId())).stacks()
                    .get(0).stackStatusAsString());
        }
        assertEquals(List.of(), cfn.listStackInstances(b -> b.stackSetName(set)).summaries());
        fails(404, "StackInstanceNotFoundException", () -> cfn.describeStackInstance(b -> b.stackSetName(set)
                .stackInstanceAccount("222222222222").stackInstanceRegion("eu-west-1")));
        cfn.deleteStackSet(b -> b.stackSetName(set));
        assertEquals("StackSet " + set + " not found", fails(404, "StackSetNotFoundException",
                () -> cfn.describeStackSet(b -> b.stackSetName(set))).awsErrorDetails().errorMessage());
        assertEquals("DELETED", cfn.describeStackSet(b -> b.stackSetName(setId)).stackSet().statusAsString());
        assertTrue(cfn.listStackSets(b -> b.status("DELETED")).summaries().stream()
                .anyMatch(s -> s.stackSetId().equals(setId)));
        assertTrue(cfn.listStackSets(b -> b.status("ACTIVE")).summaries().stream()
                .noneMatch(s -> s.stackSetId().equals(setId)));
    }

    @Test
    void exceedingTheFailureToleranceCancelsTheAccountsNotYetStarted() {
        String set = unique("fails");
        cfn.createStackSet(b -> b.stackSetName(set).templateBody(MAYBE_FAILS)
                .parameters(p -> p.parameterKey("Ok").parameterValue("false")));
        String create = cfn.createStackInstances(b -> b.stackSetName(set)
                .accounts("333333333301", "333333333302", "333333333303").regions("us-east-1")).operationId();
        StackSetOperation op = awaitOperation(set, create);
        assertEquals("FAILED", op.statusAsString());
        assertEquals(1, op.statusDetails().failedStackInstancesCount());
        Map<String, StackSetOperationResultSummary> results = results(set, create);
        StackSetOperationResultSummary first = results.get("333333333301/us-east-1");
        assertEquals("FAILED", first.statusAsString());
        assertEquals("ResourceLogicalId:Thing, ResourceType:Gureum::Test::Fails, ResourceStatusReason:Resource"
                + " handler returned message: \"Test failure of Thing\"", first.statusReason().substring(0,
                        first.statusReason().indexOf(" (RequestToken")));
        assertEquals("CANCELLED", results.get("333333333302/us-east-1").statusAsString());
        assertEquals("CANCELLED", results.get("333333333303/us-east-1").statusAsString());
        assertEquals("FAILED", cfn.describeStackInstance(b -> b.stackSetName(set).stackInstanceAccount("333333333301")
                .stackInstanceRegion("us-east-1")).stackInstance().stackInstanceStatus().detailedStatusAsString());
        assertEquals(1, cfn.listStackInstances(b -> b.stackSetName(set).filters(f -> f.name("DETAILED_STATUS")
                .values("FAILED"))).summaries().size());

        // A tolerance of one lets the other accounts go on; an override makes them succeed.
        String update = cfn.updateStackInstances(b -> b.stackSetName(set).accounts("333333333302", "333333333303")
                .regions("us-east-1").parameterOverrides(p -> p.parameterKey("Ok").parameterValue("true"))).operationId();
        assertEquals("SUCCEEDED", awaitOperation(set, update).statusAsString());
        String retry = cfn.updateStackSet(b -> b.stackSetName(set).usePreviousTemplate(true)
                .parameters(p -> p.parameterKey("Ok").usePreviousValue(true))
                .operationPreferences(p -> p.failureToleranceCount(1).maxConcurrentCount(2))).operationId();
        StackSetOperation retried = awaitOperation(set, retry);
        assertEquals("SUCCEEDED", retried.statusAsString());
        assertEquals(1, retried.statusDetails().failedStackInstancesCount());
        Map<String, StackSetOperationResultSummary> after = results(set, retry);
        assertEquals("FAILED", after.get("333333333301/us-east-1").statusAsString());
        assertEquals("SUCCEEDED", after.get("333333333302/us-east-1").statusAsString());
        assertEquals("CURRENT", cfn.describeStackInstance(b -> b.stackSetName(set).stackInstanceAccount("333333333303")
                .stackInstanceRegion("us-east-1")).stackInstance().statusAsString());

        String delete = cfn.deleteStackInstances(b -> b.stackSetName(set).accounts("333333333301", "333333333302",
                "333333333303").regions("us-east-1").retainStacks(true)).operationId();
        assertEquals("SUCCEEDED", awaitOperation(set, delete).statusAsString());
        assertTrue(cfn.listStackInstances(b -> b.stackSetName(set)).summaries().isEmpty());
        cfn.deleteStackSet(b -> b.stackSetName(set));
    }

    @Test
    void oneOperationAtATimeAndAStoppedOperationCancelsTheRest() throws Exception {
        String set = unique("paced");
        cfn.createStackSet(b -> b.stackSetName(set).templateBody("{\"Resources\":{\"T\":{\"Type\":"
                + "\"Gureum::Test::Thing\"}}}"));
        pace("{\"resourceSeconds\": 600}");
        String create;
        try {
            create = cfn.createStackInstances(b -> b.stackSetName(set).accounts("444444444401", "444444444402")
                    .regions("us-east-1")).operationId();
            assertEquals("RUNNING", cfn.describeStackSetOperation(b -> b.stackSetName(set).operationId(create))
                    .stackSetOperation().statusAsString());
            assertTrue(fails(409, "OperationInProgressException", () -> cfn.updateStackSet(b -> b.stackSetName(set)
                    .usePreviousTemplate(true))).awsErrorDetails().errorMessage().startsWith(
                            "Another Operation on StackSet arn:aws:cloudformation:us-east-1:"));
            // The same OperationId again is a retry of the running operation, not a conflict.
            assertEquals(create, cfn.createStackInstances(b -> b.stackSetName(set).accounts("444444444401")
                    .regions("us-east-1").operationId(create)).operationId());
            cfn.stopStackSetOperation(b -> b.stackSetName(set).operationId(create));
            assertEquals("STOPPING", cfn.describeStackSetOperation(b -> b.stackSetName(set).operationId(create))
                    .stackSetOperation().statusAsString());
        } finally {
            pace("{\"resourceSeconds\": 0}");
        }
        gureum.context().clock().advance(Duration.ofSeconds(601));
        assertEquals("STOPPED", awaitOperation(set, create).statusAsString());
        Map<String, StackSetOperationResultSummary> results = results(set, create);
        assertEquals("SUCCEEDED", results.get("444444444401/us-east-1").statusAsString());
        assertEquals("CANCELLED", results.get("444444444402/us-east-1").statusAsString());
        fails(400, "InvalidOperationException", () -> cfn.stopStackSetOperation(b -> b.stackSetName(set)
                .operationId(create)));
        fails(404, "OperationNotFoundException", () -> cfn.describeStackSetOperation(b -> b.stackSetName(set)
                .operationId("no-such-operation")));
        assertNull(cfn.describeStackInstance(b -> b.stackSetName(set).stackInstanceAccount("444444444402")
                .stackInstanceRegion("us-east-1")).stackInstance().stackId());
    }

    @Test
    void serviceManagedStackSetsNeedAnOrganization() {
        // No organization here (this server does not even serve Organizations): ServiceManagedStackSetsIT has the rest.
        assertEquals("You must be the management account or delegated admin account of an organization before"
                + " operating a SERVICE_MANAGED stack set",
                fails(400, "ValidationError", () -> cfn.createStackSet(b -> b.stackSetName(unique("org"))
                        .templateBody(QUEUES).permissionModel("SERVICE_MANAGED")
                        .autoDeployment(a -> a.enabled(true).retainStacksOnAccountRemoval(false))))
                        .awsErrorDetails().errorMessage());
        fails(404, "StackSetNotFoundException", () -> cfn.createStackInstances(b -> b.stackSetName("nothing-here")
                .accounts("111111111111").regions("us-east-1")));
    }

    private static void pace(String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/_gureum/cloudformation/pace"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
