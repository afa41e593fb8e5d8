package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.lambda.LambdaService;
import io.gureum.sqs.SqsService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Template macros: an {@code AWS::CloudFormation::Macro} backed by a Python function processes a top-level
 * {@code Transform} and an {@code Fn::Transform} snippet, with AWS's event, in stacks and change sets.
 */
@org.junit.jupiter.api.Tag("slow") // runs a Python process
class MacrosIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new CloudFormationService(),
            new LambdaService(), new SqsService(), new io.gureum.s3.S3Service()).build();
    static CloudFormationClient cfn;
    static LambdaClient lambda;
    static SqsClient sqs;
    static String functionArn;
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A macro: with a whole template (top-level Transform) it expands each {@code Gureum::Queues} resource into
     * {@code Count} queues and records what it was given as an output; with a snippet (Fn::Transform) it upper-cases
     * {@code QueueName} and appends the {@code Suffix} parameter. {@code Fail} = yes answers a failure.
     */
    static final String CODE = """
            import json

            def handler(event, context):
                tpv = event['templateParameterValues']
                if tpv.get('Fail') == 'yes':
                    return {'requestId': event['requestId'], 'status': 'failure', 'errorMessage': 'asked to fail'}
                fragment = event['fragment']
                if 'Resources' in fragment:
                    resources = {}
                    for name, res in fragment['Resources'].items():
                        if res['Type'] == 'Gureum::Queues':
                            for i in range(int(res['Properties']['Count'])):
                                resources[name + str(i + 1)] = {'Type': 'AWS::SQS::Queue'}
                        else:
                            resources[name] = res
                    fragment['Resources'] = resources
                    seen = {k: event[k] for k in ('region', 'accountId', 'transformId', 'params',
                                                  'templateParameterValues')}
                    seen['requestIdGiven'] = len(event['requestId']) > 0
                    fragment.setdefault('Outputs', {})['Seen'] = {'Value': json.dumps(seen, sort_keys=True)}
                else:
                    fragment['QueueName'] = fragment['QueueName'].upper() + event['params']['Suffix']
                return {'requestId': event['requestId'], 'status': 'SUCCESS', 'fragment': fragment}
            """;

    @BeforeAll
    static void start() throws Exception {
        cfn = AwsClients.client(CloudFormationClient.builder(), aws.gureum());
        lambda = AwsClients.client(LambdaClient.builder(), aws.gureum());
        sqs = AwsClients.client(SqsClient.builder(), aws.gureum());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("macro.py"));
            out.write(CODE.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        functionArn = lambda.createFunction(b -> b.functionName("queues-macro").runtime("python3.12")
                .role("arn:aws:iam::000000000000:role/lambda-role").handler("macro.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip.toByteArray())))).functionArn();
    }

    @AfterAll
    static void stop() {
        cfn.close();
        lambda.close();
        sqs.close();
    }

    private static Stack settle(String stack) {
        for (int i = 0; i < 6000; i++) {
            Stack s = cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return s;
            }
            CloudFormationTestSupport.sleep(50);
        }
        throw new AssertionError("stack " + stack + " never settled");
    }

    private static String macroStack(String macro) {
        String name = CloudFormationTestSupport.unique("macro-def");
        cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Macro:
                    Type: AWS::CloudFormation::Macro
                    Properties:
                      Name: %s
                      FunctionName: %s
                      Description: queues
                Outputs:
                  Name:
                    Value: !Ref Macro
                """.formatted(macro, functionArn)));
        Stack s = settle(name);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), s.stackStatusReason());
        assertEquals(macro, s.outputs().get(0).outputValue());
        return name;
    }

    private static String template(String macro) {
        return """
                Transform: %1$s
                Parameters:
                  Env:
                    Type: String
                    Default: dev
                  Names:
                    Type: CommaDelimitedList
                    Default: "a, b"
                  Fail:
                    Type: String
                    Default: "no"
                Resources:
                  Q:
                    Type: Gureum::Queues
                    Properties:
                      Count: 2
                  Named:
                    Type: AWS::SQS::Queue
                    Properties:
                      Fn::Transform:
                        Name: %1$s
                        Parameters:
                          Suffix: "-x"
                      QueueName: named-%2$s
                """.formatted(macro, macro.toLowerCase(java.util.Locale.ROOT));
    }

    private static AwsServiceException fails(int status, String code, org.junit.jupiter.api.function.Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
        return e;
    }

    @Test
    void aMacroProcessesTheTemplateAndASnippet() throws Exception {
        String macro = "Queues" + CloudFormationTestSupport.unique("m").substring(2);
        String definition = macroStack(macro);
        String stack = CloudFormationTestSupport.unique("macro-use");

        // A template with macros needs CAPABILITY_AUTO_EXPAND to be created directly.
        AwsServiceException e = fails(400, "InsufficientCapabilitiesException", () -> cfn.createStack(b -> b
                .stackName(stack).templateBody(template(macro))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("CAPABILITY_AUTO_EXPAND"), e.getMessage());

        String stackId = cfn.createStack(b -> b.stackName(stack).templateBody(template(macro))
                .capabilities(Capability.CAPABILITY_AUTO_EXPAND).parameters(p -> p.parameterKey("Env")
                        .parameterValue("prod"))).stackId();
        Stack created = settle(stack);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
        Set<String> resources = cfn.describeStackResources(b -> b.stackName(stack)).stackResources().stream()
                .map(r -> r.logicalResourceId() + " " + r.resourceType()).collect(Collectors.toSet());
        assertEquals(Set.of("Q1 AWS::SQS::Queue", "Q2 AWS::SQS::Queue", "Named AWS::SQS::Queue"), resources);
        // The snippet's macro got the queue name (its sibling) and its Parameters.
        String named = cfn.describeStackResource(b -> b.stackName(stack).logicalResourceId("Named"))
                .stackResourceDetail().physicalResourceId();
        assertTrue(named.endsWith("/NAMED-" + macro.toUpperCase(java.util.Locale.ROOT) + "-x"), named);

        JsonNode seen = JSON.readTree(created.outputs().stream().filter(o -> o.outputKey().equals("Seen")).findFirst()
                .orElseThrow().outputValue());
        String account = stackId.split(":")[4];
        assertEquals("us-east-1", seen.path("region").asText());
        assertEquals(account, seen.path("accountId").asText());
        assertEquals(account + "::" + macro, seen.path("transformId").asText());
        assertEquals(JSON.readTree("{}"), seen.path("params"));
        assertEquals(JSON.readTree("{\"Env\": \"prod\", \"Names\": [\"a\", \"b\"], \"Fail\": \"no\"}"),
                seen.path("templateParameterValues"));
        assertTrue(seen.path("requestIdGiven").asBoolean());

        // GetTemplate: the original keeps the Transform, the processed template is what the macro returned.
        assertTrue(cfn.getTemplate(b -> b.stackName(stack)).templateBody().contains("Gureum::Queues"));
        String processed = cfn.getTemplate(b -> b.stackName(stack).templateStage("Processed")).templateBody();
        assertFalse(processed.contains("Gureum::Queues"), processed);
        assertFalse(processed.contains("Fn::Transform"), processed);

        // A failure status fails the request with the macro's errorMessage.
        e = fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(stack + "-f")
                .templateBody(template(macro)).capabilities(Capability.CAPABILITY_AUTO_EXPAND)
                .parameters(p -> p.parameterKey("Fail").parameterValue("yes"))));
        assertEquals("Transform " + account + "::" + macro + " failed with: asked to fail",
                e.awsErrorDetails().errorMessage());

        // Change sets run macros without CAPABILITY_AUTO_EXPAND; their changes are the processed template's.
        String viaChangeSet = CloudFormationTestSupport.unique("macro-cs");
        cfn.createChangeSet(b -> b.stackName(viaChangeSet).changeSetName("cs").changeSetType("CREATE")
                .templateBody(template(macro)));
        String status = "";
        for (int i = 0; i < 6000 && !status.endsWith("COMPLETE") && !status.equals("FAILED"); i++) {
            status = cfn.describeChangeSet(b -> b.stackName(viaChangeSet).changeSetName("cs")).statusAsString();
            CloudFormationTestSupport.sleep(50);
        }
        assertEquals("CREATE_COMPLETE", status);
        List<Change> changes = cfn.describeChangeSet(b -> b.stackName(viaChangeSet).changeSetName("cs")).changes();
        assertEquals(Set.of("Q1", "Q2", "Named"), changes.stream().map(c -> c.resourceChange().logicalResourceId())
                .collect(Collectors.toSet()));

        // In a change set, a macro's failure makes the change set FAILED with the reason (as `deploy` reports it).
        String failingSet = CloudFormationTestSupport.unique("macro-csf");
        cfn.createChangeSet(b -> b.stackName(failingSet).changeSetName("cs").changeSetType("CREATE")
                .templateBody(template(macro)).parameters(p -> p.parameterKey("Fail").parameterValue("yes")));
        var failedSet = cfn.describeChangeSet(b -> b.stackName(failingSet).changeSetName("cs"));
        assertEquals("FAILED", failedSet.statusAsString());
        assertEquals("Transform " + account + "::" + macro + " failed with: asked to fail", failedSet.statusReason());
        assertEquals("UNAVAILABLE", failedSet.executionStatusAsString());
        assertEquals("REVIEW_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(failingSet)).stacks().get(0)
                .stackStatusAsString());
        fails(400, "InvalidChangeSetStatus", () -> cfn.executeChangeSet(b -> b.stackName(failingSet)
                .changeSetName("cs")));

        // A name another macro has fails the resource; an unknown macro is not found.
        String dup = CloudFormationTestSupport.unique("macro-dup");
        cfn.createStack(b -> b.stackName(dup).templateBody("""
                Resources:
                  Macro:
                    Type: AWS::CloudFormation::Macro
                    Properties: {Name: %s, FunctionName: %s}
                """.formatted(macro, functionArn)));
        assertEquals("ROLLBACK_COMPLETE", settle(dup).stackStatusAsString());
        assertTrue(cfn.describeStackEvents(b -> b.stackName(dup)).stackEvents().stream().anyMatch(ev ->
                "CREATE_FAILED".equals(ev.resourceStatusAsString()) && ev.resourceStatusReason() != null
                        && ev.resourceStatusReason().contains("already exists")));
        e = fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(stack + "-n")
                .templateBody(template("Nope")).capabilities(Capability.CAPABILITY_AUTO_EXPAND)));
        assertEquals("Transform " + account + "::Nope failed with: Transform not found",
                e.awsErrorDetails().errorMessage());

        // A nested stack's template may use the macro too, when the parent acknowledged CAPABILITY_AUTO_EXPAND.
        try (var s3 = AwsClients.client(software.amazon.awssdk.services.s3.S3Client.builder().forcePathStyle(true),
                aws.gureum())) {
            String bucket = CloudFormationTestSupport.unique("macro-nested");
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("child.json"), software.amazon.awssdk.core.sync.RequestBody
                    .fromString("""
                            {"Transform": "%s", "Resources": {"Q": {"Type": "Gureum::Queues",
                              "Properties": {"Count": 1}}}}""".formatted(macro)));
            String parentTemplate = """
                    {"Resources": {"Child": {"Type": "AWS::CloudFormation::Stack",
                      "Properties": {"TemplateURL": "https://%s.s3.amazonaws.com/child.json"}}}}""".formatted(bucket);
            String parent = CloudFormationTestSupport.unique("macro-parent");
            cfn.createStack(b -> b.stackName(parent).templateBody(parentTemplate)
                    .capabilities(Capability.CAPABILITY_AUTO_EXPAND));
            Stack p = settle(parent);
            assertEquals("CREATE_COMPLETE", p.stackStatusAsString(), p.stackStatusReason());
            String child = cfn.describeStackResource(b -> b.stackName(parent).logicalResourceId("Child"))
                    .stackResourceDetail().physicalResourceId();
            assertEquals(List.of("Q1"), cfn.describeStackResources(b -> b.stackName(child)).stackResources().stream()
                    .map(r -> r.logicalResourceId()).toList());
            String unacknowledged = CloudFormationTestSupport.unique("macro-parent");
            cfn.createStack(b -> b.stackName(unacknowledged).templateBody(parentTemplate));
            assertEquals("ROLLBACK_COMPLETE", settle(unacknowledged).stackStatusAsString());
            assertTrue(cfn.describeStackEvents(b -> b.stackName(unacknowledged)).stackEvents().stream().anyMatch(ev ->
                    "CREATE_FAILED".equals(ev.resourceStatusAsString()) && ev.resourceStatusReason() != null
                            && ev.resourceStatusReason().contains("CAPABILITY_AUTO_EXPAND")));
        }

        // Once the macro's stack is deleted, the macro no longer exists.
        String definitionId = cfn.describeStacks(b -> b.stackName(definition)).stacks().get(0).stackId();
        cfn.deleteStack(b -> b.stackName(definition));
        assertEquals("DELETE_COMPLETE", settle(definitionId).stackStatusAsString());
        e = fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(stack + "-g")
                .templateBody(template(macro)).capabilities(Capability.CAPABILITY_AUTO_EXPAND)));
        assertEquals("Transform " + account + "::" + macro + " failed with: Transform not found",
                e.awsErrorDetails().errorMessage());
    }
}
