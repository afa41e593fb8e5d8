package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.lambda.LambdaService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Lambda-backed custom resources: a Python function answering on the ResponseURL as cfn-response does, but
 * with {@code Content-Type: application/json}: core's guard of {@code /_gureum/} refuses the empty
 * Content-Type cfn-response sends (403) until it treats a blank Content-Type as absent.
 */
@org.junit.jupiter.api.Tag("slow") // runs a Python process
class CustomResourcesIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new CloudFormationService(),
            new LambdaService()).build();
    static CloudFormationClient cfn;
    static LambdaClient lambda;
    static String functionArn;

    static final String CODE = """
            import json, urllib.request

            def handler(event, context):
                props = event['ResourceProperties']
                failing = props.get('Fail') == 'yes' and event['RequestType'] == 'Create'
                body = {'Status': 'FAILED' if failing else 'SUCCESS', 'Reason': 'asked to fail',
                        'PhysicalResourceId': 'greeter-' + props.get('Name', 'x'),
                        'StackId': event['StackId'], 'RequestId': event['RequestId'],
                        'LogicalResourceId': event['LogicalResourceId'],
                        'Data': {'Greeting': 'hello ' + props.get('Name', 'x'), 'Type': event['RequestType']}}
                req = urllib.request.Request(event['ResponseURL'], data=json.dumps(body).encode(), method='PUT',
                                             headers={'Content-Type': 'application/json'})
                urllib.request.urlopen(req).read()
            """;

    @BeforeAll
    static void start() throws Exception {
        cfn = AwsClients.client(CloudFormationClient.builder(), aws.gureum());
        lambda = AwsClients.client(LambdaClient.builder(), aws.gureum());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("app.py"));
            out.write(CODE.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        functionArn = lambda.createFunction(b -> b.functionName("greeter").runtime("python3.12")
                .role("arn:aws:iam::000000000000:role/lambda-role").handler("app.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip.toByteArray())))).functionArn();
    }

    @AfterAll
    static void stop() {
        cfn.close();
        lambda.close();
    }

    static final String TEMPLATE = """
            Parameters:
              Token: {Type: String}
              Name: {Type: String}
              Fail: {Type: String, Default: "no"}
            Resources:
              Greeter:
                Type: Custom::Greeter
                Properties:
                  ServiceToken: !Ref Token
                  Name: !Ref Name
                  Fail: !Ref Fail
            Outputs:
              Greeting:
                Value: !GetAtt Greeter.Greeting
            """;

    @Test
    void aCustomResourceIsCreatedUpdatedAndFailsAsItsFunctionAnswers() {
        String name = CloudFormationTestSupport.unique("custom");
        cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(params("world", "no")));
        Stack stack = settle(name);
        assertEquals("CREATE_COMPLETE", stack.stackStatusAsString(), stack.stackStatusReason());
        assertEquals("hello world", stack.outputs().get(0).outputValue());
        assertEquals("greeter-world", physicalId(name));

        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(params("there", "no")));
        stack = settle(name);
        assertEquals("UPDATE_COMPLETE", stack.stackStatusAsString(), stack.stackStatusReason());
        assertEquals("hello there", stack.outputs().get(0).outputValue());
        assertEquals("greeter-there", physicalId(name));

        String failing = CloudFormationTestSupport.unique("customfail");
        cfn.createStack(b -> b.stackName(failing).templateBody(TEMPLATE).parameters(params("x", "yes")));
        assertEquals("ROLLBACK_COMPLETE", settle(failing).stackStatusAsString());
        assertTrue(cfn.describeStackEvents(b -> b.stackName(failing)).stackEvents().stream().anyMatch(e ->
                e.resourceStatusReason() != null && e.resourceStatusReason().startsWith(
                        "Received response status [FAILED] from custom resource. Message returned: asked to fail"
                                + " (RequestId: ")));

        String id = stack.stackId();
        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());
    }

    private static List<Parameter> params(String who, String fail) {
        return List.of(Parameter.builder().parameterKey("Token").parameterValue(functionArn).build(),
                Parameter.builder().parameterKey("Name").parameterValue(who).build(),
                Parameter.builder().parameterKey("Fail").parameterValue(fail).build());
    }

    private static String physicalId(String stack) {
        return cfn.describeStackResource(b -> b.stackName(stack).logicalResourceId("Greeter")).stackResourceDetail()
                .physicalResourceId();
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
}
