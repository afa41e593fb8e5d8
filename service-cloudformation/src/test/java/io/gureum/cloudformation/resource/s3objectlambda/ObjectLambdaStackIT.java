package io.gureum.cloudformation.resource.s3objectlambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.spi.Caller;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.GetAccessPointForObjectLambdaResponse;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaConfiguration;

/**
 * AWS::S3ObjectLambda::AccessPoint and AccessPointPolicy through the engine, on a bucket and a standard access point
 * of the same template: Ref/GetAtt, an in-place update of the configuration and the policy, the stack deleted.
 * The resources are checked through S3 Control's SDK client.
 */
class ObjectLambdaStackIT {
    static final String ACCOUNT = "000000000000";
    static final String FUNCTION = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:transform";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();

    static final String TEMPLATE = """
            {"Resources": {
              "Bucket": {"Type": "AWS::S3::Bucket"},
              "Ap": {"Type": "AWS::S3::AccessPoint", "Properties": {"Bucket": {"Ref": "Bucket"}}},
              "Olap": {"Type": "AWS::S3ObjectLambda::AccessPoint", "Properties": {
                "ObjectLambdaConfiguration": {
                  "SupportingAccessPoint": {"Fn::GetAtt": ["Ap", "Arn"]},
                  "CloudWatchMetricsEnabled": "true",
                  "AllowedFeatures": ["GetObject-Range"],
                  "TransformationConfigurations": [{"Actions": %s,
                    "ContentTransformation": {"AwsLambda": {"FunctionArn": "%s", "FunctionPayload": "{}"}}}]}}},
              "Policy": {"Type": "AWS::S3ObjectLambda::AccessPointPolicy", "Properties": {
                "ObjectLambdaAccessPoint": {"Ref": "Olap"},
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "%s",
                  "Resource": {"Fn::GetAtt": ["Olap", "Arn"]}}]}}}},
             "Outputs": {
              "Name": {"Value": {"Ref": "Olap"}},
              "Arn": {"Value": {"Fn::GetAtt": ["Olap", "Arn"]}},
              "Created": {"Value": {"Fn::GetAtt": ["Olap", "CreationDate"]}},
              "AliasValue": {"Value": {"Fn::GetAtt": ["Olap", "Alias.Value"]}},
              "AliasStatus": {"Value": {"Fn::GetAtt": ["Olap", "Alias.Status"]}},
              "Blocked": {"Value": {"Fn::GetAtt": ["Olap", "PublicAccessBlockConfiguration.BlockPublicPolicy"]}},
              "PolicyRef": {"Value": {"Ref": "Policy"}},
              "ApArn": {"Value": {"Fn::GetAtt": ["Ap", "Arn"]}}}}
            """;

    static String template(String actions, String action) {
        return TEMPLATE.formatted(actions, FUNCTION, ACCOUNT, action);
    }

    @Test
    void deployedUpdatedAndDeleted() {
        Gureum gureum = aws.gureum();
        String stack = "ol-" + UUID.randomUUID().toString().substring(0, 8);
        try (CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), gureum)) {
            S3ControlClient control = gureum.context().clients().client(S3ControlClient.class,
                    Caller.root(ACCOUNT, "us-east-1"));
            cfn.createStack(b -> b.stackName(stack).templateBody(template("[\"GetObject\"]",
                    "s3-object-lambda:GetObject")));
            Stack created = settle(cfn, stack);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            Map<String, String> out = outputs(created);
            String name = out.get("Name");
            assertTrue(name.matches("[a-z0-9][a-z0-9-]{1,43}[a-z0-9]"), name);
            assertEquals("arn:aws:s3-object-lambda:us-east-1:" + ACCOUNT + ":accesspoint/" + name, out.get("Arn"));
            assertEquals(name, out.get("PolicyRef"));
            assertEquals("READY", out.get("AliasStatus"));
            assertEquals("true", out.get("Blocked"));
            GetAccessPointForObjectLambdaResponse ap = control.getAccessPointForObjectLambda(g -> g.accountId(ACCOUNT)
                    .name(name));
            assertEquals(out.get("AliasValue"), ap.alias().value());
            assertEquals(ap.creationDate().toString(), out.get("Created"));
            ObjectLambdaConfiguration c = control.getAccessPointConfigurationForObjectLambda(g -> g.accountId(ACCOUNT)
                    .name(name)).configuration();
            assertEquals(out.get("ApArn"), c.supportingAccessPoint());
            assertEquals(true, c.cloudWatchMetricsEnabled());
            assertEquals(List.of("GetObject-Range"), c.allowedFeaturesAsStrings());
            assertEquals(FUNCTION, c.transformationConfigurations().get(0).contentTransformation().awsLambda()
                    .functionArn());
            assertTrue(control.getAccessPointPolicyForObjectLambda(g -> g.accountId(ACCOUNT).name(name)).policy()
                    .contains("s3-object-lambda:GetObject"));
            for (String logical : List.of("Olap", "Policy")) {
                assertEquals("IN_SYNC", cfn.detectStackResourceDrift(b -> b.stackName(stack).logicalResourceId(logical))
                        .stackResourceDrift().stackResourceDriftStatusAsString(), logical);
            }

            cfn.updateStack(b -> b.stackName(stack).templateBody(template("[\"GetObject\", \"HeadObject\"]",
                    "s3-object-lambda:*")));
            Stack updated = settle(cfn, stack);
            assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
            assertEquals(name, outputs(updated).get("Name"), "the configuration changes in place");
            assertEquals(List.of("GetObject", "HeadObject"), control.getAccessPointConfigurationForObjectLambda(
                    g -> g.accountId(ACCOUNT).name(name)).configuration().transformationConfigurations().get(0)
                    .actionsAsStrings());
            assertTrue(control.getAccessPointPolicyForObjectLambda(g -> g.accountId(ACCOUNT).name(name)).policy()
                    .contains("s3-object-lambda:*"));

            cfn.deleteStack(b -> b.stackName(stack));
            Stack deleted = settle(cfn, created.stackId());
            assertEquals("DELETE_COMPLETE", deleted.stackStatusAsString(), deleted.stackStatusReason());
            AwsServiceException gone = assertThrows(AwsServiceException.class,
                    () -> control.getAccessPointForObjectLambda(g -> g.accountId(ACCOUNT).name(name)));
            assertEquals("NoSuchAccessPoint", gone.awsErrorDetails().errorCode());
        }
    }

    private static Map<String, String> outputs(Stack s) {
        return s.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    /** Polls until the stack leaves every *_IN_PROGRESS status (generous: the engine works on its own threads). */
    private static Stack settle(CloudFormationClient cfn, String stack) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            Stack s = cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return s;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("stack " + stack + " never settled");
    }
}
