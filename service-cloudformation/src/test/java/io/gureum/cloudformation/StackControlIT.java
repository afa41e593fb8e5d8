package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.AccountLimit;
import software.amazon.awssdk.services.cloudformation.model.TypeSummary;

/**
 * CancelUpdateStack, RollbackStack, and the account, registry and hook queries that have no engine behind
 * them but AWS's answers.
 */
class StackControlIT extends CloudFormationTestSupport {
    private static final String TWO = """
            Parameters:
              Value:
                Type: String
            Resources:
              First:
                Type: Gureum::Test::Thing
                Properties:
                  Value: !Ref Value
              Second:
                Type: Gureum::Test::Fails
                DependsOn: First
                Properties:
                  CreateOk: true
                  FailUpdate: !Equals [!Ref Value, "fail"]
            Outputs:
              Seen:
                Value: !GetAtt First.Value
            """;

    private static void pace(int seconds) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/_gureum/cloudformation/pace"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceSeconds\": " + seconds + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void cancelUpdateStackRollsTheUpdateBack() throws Exception {
        String name = unique("cancel");
        cfn.createStack(b -> b.stackName(name).templateBody(TWO).parameters(p -> p.parameterKey("Value")
                .parameterValue("a")));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        assertEquals("CancelUpdateStack cannot be called from current stack status.", fails(400, "ValidationError",
                () -> cfn.cancelUpdateStack(b -> b.stackName(name))).awsErrorDetails().errorMessage());
        pace(600);
        try {
            cfn.updateStack(b -> b.stackName(name).templateBody(TWO).parameters(p -> p.parameterKey("Value")
                    .parameterValue("b")));
            cfn.cancelUpdateStack(b -> b.stackName(name));
        } finally {
            pace(0);
        }
        gureum.context().clock().advance(Duration.ofSeconds(601));
        var stack = settle(name);
        assertEquals("UPDATE_ROLLBACK_COMPLETE", stack.stackStatusAsString());
        assertEquals("a", stack.outputs().get(0).outputValue());
        assertTrue(cfn.describeStackEvents(b -> b.stackName(name)).stackEvents().stream().anyMatch(e ->
                e.resourceStatusAsString().equals("UPDATE_ROLLBACK_IN_PROGRESS")
                        && "Stack update cancelled".equals(e.resourceStatusReason())));
        cfn.deleteStack(b -> b.stackName(name));
    }

    @Test
    void rollbackStackReturnsAFailedStackToItsLastStableState() {
        String created = unique("rollcreate");
        cfn.createStack(b -> b.stackName(created).disableRollback(true).templateBody("""
                Resources:
                  Kept:
                    Type: Gureum::Test::Thing
                  Broken:
                    Type: Gureum::Test::Fails
                    DependsOn: Kept
                """));
        assertEquals("CREATE_FAILED", settle(created).stackStatusAsString());
        cfn.rollbackStack(b -> b.stackName(created));
        assertEquals("ROLLBACK_COMPLETE", settle(created).stackStatusAsString());
        assertTrue(DELETED_THINGS.stream().anyMatch(d -> d.startsWith(created + "/Kept/")));

        String updated = unique("rollupdate");
        cfn.createStack(b -> b.stackName(updated).templateBody(TWO).parameters(p -> p.parameterKey("Value")
                .parameterValue("a")));
        assertEquals("CREATE_COMPLETE", settle(updated).stackStatusAsString());
        assertTrue(fails(400, "ValidationError", () -> cfn.rollbackStack(b -> b.stackName(updated)))
                .awsErrorDetails().errorMessage().endsWith("is in CREATE_COMPLETE state and can not be rolled back."));
        cfn.updateStack(b -> b.stackName(updated).disableRollback(true).templateBody(TWO)
                .parameters(p -> p.parameterKey("Value").parameterValue("fail")));
        assertEquals("UPDATE_FAILED", settle(updated).stackStatusAsString());
        cfn.rollbackStack(b -> b.stackName(updated));
        var stack = settle(updated);
        assertEquals("UPDATE_ROLLBACK_COMPLETE", stack.stackStatusAsString());
        assertEquals("a", stack.outputs().get(0).outputValue());
        assertEquals("UPDATE_COMPLETE", cfn.describeStackResource(b -> b.stackName(updated)
                .logicalResourceId("First")).stackResourceDetail().resourceStatusAsString());
        cfn.deleteStack(b -> b.stackName(updated));
        cfn.deleteStack(b -> b.stackName(created));
    }

    @Test
    void aServiceErrorReadsAsAwsRelaysIt() {
        String name = unique("reason");
        cfn.createStack(b -> b.stackName(name).templateBody(
                "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 5000\n"));
        assertEquals("ROLLBACK_COMPLETE", settle(name).stackStatusAsString());
        String reason = cfn.describeStackEvents(b -> b.stackName(name)).stackEvents().stream()
                .filter(e -> e.resourceStatusAsString().equals("CREATE_FAILED")).findFirst().orElseThrow()
                .resourceStatusReason();
        assertTrue(reason.matches("Resource handler returned message: \".+ \\(Service: Sqs, Status Code: 400,"
                + " Request ID: [0-9a-f-]{36}\\)\" \\(RequestToken: .+, HandlerErrorCode: InvalidRequest\\)"),
                reason);
        cfn.deleteStack(b -> b.stackName(name));
    }

    @Test
    void accountLimitsCostsRegistryAndHooks() {
        assertEquals(List.of("StackLimit=2000", "StackOutputsLimit=200", "ConcurrentResourcesLimit=2500"),
                cfn.describeAccountLimits(b -> { }).accountLimits().stream().map(AccountLimit::toString)
                        .map(s -> s.replaceAll("AccountLimit\\(Name=(\\w+), Value=(\\d+)\\)", "$1=$2")).toList());
        assertTrue(cfn.estimateTemplateCost(b -> b.templateBody("{\"Resources\":{\"T\":{\"Type\":"
                + "\"Gureum::Test::Thing\"}}}")).url().startsWith("http://calculator.s3.amazonaws.com/calc5.html?key="));
        fails(400, "ValidationError", () -> cfn.estimateTemplateCost(b -> b.templateBody("{\"Resources\": 1")));

        assertEquals(List.of(), cfn.listTypes(b -> { }).typeSummaries());
        List<TypeSummary> sqsTypes = cfn.listTypes(b -> b.visibility("PUBLIC").type("RESOURCE")
                .filters(f -> f.typeNamePrefix("AWS::SQS::"))).typeSummaries();
        assertEquals(List.of("AWS::SQS::Queue", "AWS::SQS::QueueInlinePolicy", "AWS::SQS::QueuePolicy"), sqsTypes
                .stream().map(TypeSummary::typeName).toList());
        assertEquals("AWS::Scheduler::Schedule", cfn.describeType(b -> b.type("RESOURCE")
                .typeName("AWS::Scheduler::Schedule")).typeName());
        assertEquals("arn:aws:cloudformation:us-east-1::type/resource/AWS-SQS-Queue", sqsTypes.get(0).typeArn());
        var queue = cfn.describeType(b -> b.type("RESOURCE").typeName("AWS::SQS::Queue"));
        assertEquals("PUBLIC", queue.visibilityAsString());
        assertTrue(queue.schema().contains("\"/properties/QueueName\""), queue.schema());
        assertEquals(1, cfn.listTypeVersions(b -> b.type("RESOURCE").typeName("AWS::SQS::Queue"))
                .typeVersionSummaries().size());
        fails(404, "TypeNotFoundException", () -> cfn.describeType(b -> b.type("RESOURCE")
                .typeName("AWS::Nothing::Here")));

        String name = unique("hooks");
        cfn.createChangeSet(b -> b.stackName(name).changeSetName("cs").changeSetType("CREATE").templateBody(
                "{\"Resources\":{\"T\":{\"Type\":\"Gureum::Test::Thing\"}}}"));
        var hooks = cfn.describeChangeSetHooks(b -> b.stackName(name).changeSetName("cs"));
        assertEquals("UNAVAILABLE", hooks.statusAsString());
        assertEquals(List.of(), hooks.hooks());
        fails(404, "ChangeSetNotFound", () -> cfn.describeChangeSetHooks(b -> b.stackName(name)
                .changeSetName("other")));
        assertEquals(List.of(), cfn.listHookResults(b -> { }).hookResults());
        fails(404, "HookResultNotFound", () -> cfn.listHookResults(b -> b.targetType("CHANGE_SET")
                .targetId(hooks.changeSetId())));
        cfn.deleteStack(b -> b.stackName(name));
    }
}
