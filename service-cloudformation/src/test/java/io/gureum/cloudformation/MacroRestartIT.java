package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A template macro is its stack's {@code AWS::CloudFormation::Macro} resource, so it serves templates again after a
 * restart on the same --data-dir; a refactor's tag actions are kept too.
 */
@org.junit.jupiter.api.Tag("slow") // runs a Python process
class MacroRestartIT {
    private static final String CODE = """
            def handler(event, context):
                fragment = event['fragment']
                fragment['Resources'] = {'Made': {'Type': 'AWS::SQS::Queue'}}
                return {'requestId': event['requestId'], 'status': 'success', 'fragment': fragment}
            """;

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
    void aMacroAndARefactorsTagActionsSurviveARestart() throws Exception {
        String refactorId;
        try (Gureum g = start(); CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), g);
                LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g)) {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                out.putNextEntry(new ZipEntry("m.py"));
                out.write(CODE.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            String arn = lambda.createFunction(b -> b.functionName("restart-macro").runtime("python3.12")
                    .role("arn:aws:iam::000000000000:role/lambda-role").handler("m.handler")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip.toByteArray())))).functionArn();
            cfn.createStack(b -> b.stackName("macro-def").templateBody("""
                    {"Resources": {"M": {"Type": "AWS::CloudFormation::Macro",
                      "Properties": {"Name": "KeptMacro", "FunctionName": "%s"}}}}""".formatted(arn)));
            assertEquals("CREATE_COMPLETE", settle(cfn, "macro-def").stackStatusAsString());

            cfn.createStack(b -> b.stackName("renamed").templateBody("""
                    {"Resources": {"Old": {"Type": "AWS::SQS::Queue"}}}"""));
            assertEquals("CREATE_COMPLETE", settle(cfn, "renamed").stackStatusAsString());
            refactorId = cfn.createStackRefactor(b -> b.stackDefinitions(d -> d.stackName("renamed")
                    .templateBody("""
                            {"Resources": {"New": {"Type": "AWS::SQS::Queue"}}}"""))).stackRefactorId();
        }
        try (Gureum g = start(); CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), g)) {
            cfn.createStack(b -> b.stackName("uses-macro").capabilities(Capability.CAPABILITY_AUTO_EXPAND)
                    .templateBody("""
                            {"Transform": "KeptMacro", "Resources": {"Placeholder": {"Type": "AWS::SQS::Queue"}}}"""));
            Stack s = settle(cfn, "uses-macro");
            assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), s.stackStatusReason());
            assertEquals("Made", cfn.describeStackResources(b -> b.stackName("uses-macro")).stackResources().get(0)
                    .logicalResourceId());
            assertEquals(Tag.builder().key("aws:cloudformation:logical-id").value("New").build(),
                    cfn.listStackRefactorActions(b -> b.stackRefactorId(refactorId)).stackRefactorActions().get(0)
                            .tagResources().get(2));
        }
    }
}
