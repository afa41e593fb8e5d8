package io.gureum.cloudformation.resource.s3;

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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.GetAccessPointForObjectLambdaResponse;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaConfiguration;

/**
 * A template with a bucket and an access point on it, through the engine: Ref/GetAtt, an in-place update, delete;
 * and the S3 Object Lambda types on such an access point.
 */
class AccessPointStackIT {
    static final String ACCOUNT = "000000000000";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();

    static final String TEMPLATE = """
            {"Resources": {
              "Bucket": {"Type": "AWS::S3::Bucket"},
              "Ap": {"Type": "AWS::S3::AccessPoint", "Properties": {"Bucket": {"Ref": "Bucket"}%s}}},
             "Outputs": {
              "Name": {"Value": {"Ref": "Ap"}},
              "NameAtt": {"Value": {"Fn::GetAtt": ["Ap", "Name"]}},
              "Alias": {"Value": {"Fn::GetAtt": ["Ap", "Alias"]}},
              "Arn": {"Value": {"Fn::GetAtt": ["Ap", "Arn"]}},
              "Origin": {"Value": {"Fn::GetAtt": ["Ap", "NetworkOrigin"]}},
              "BucketName": {"Value": {"Ref": "Bucket"}}}}
            """;

    @Test
    void deployedUpdatedAndDeleted() {
        Gureum gureum = aws.gureum();
        String stack = "ap-" + UUID.randomUUID().toString().substring(0, 8);
        try (CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), gureum);
                S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum)) {
            S3ControlClient control = gureum.context().clients().client(S3ControlClient.class,
                    Caller.root(ACCOUNT, "us-east-1"));
            cfn.createStack(b -> b.stackName(stack).templateBody(TEMPLATE.formatted("")));
            Stack created = settle(cfn, stack);
            assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
            Map<String, String> out = outputs(created);
            String name = out.get("Name");
            assertEquals(name, out.get("NameAtt"));
            assertTrue(name.matches("[a-z0-9][a-z0-9-]{1,48}[a-z0-9]"), name);
            assertEquals("arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/" + name, out.get("Arn"));
            assertEquals("Internet", out.get("Origin"));
            GetAccessPointResponse ap = control.getAccessPoint(g -> g.accountId(ACCOUNT).name(name));
            assertEquals(out.get("BucketName"), ap.bucket());
            assertEquals(out.get("Alias"), ap.alias());
            s3.putObject(b -> b.bucket(out.get("Alias")).key("k"), RequestBody.fromString("v"));
            assertEquals("v", s3.getObjectAsBytes(b -> b.bucket(out.get("BucketName")).key("k")).asUtf8String());

            // The policy names the access point's ARN literally (its own GetAtt would be a circular reference).
            String policy = ", \"Policy\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                    + " \"Principal\": {\"AWS\": \"arn:aws:iam::" + ACCOUNT + ":root\"}, \"Action\": \"s3:GetObject\","
                    + " \"Resource\": \"" + out.get("Arn") + "/object/*\"}]}";
            cfn.updateStack(b -> b.stackName(stack).templateBody(TEMPLATE.formatted(policy)));
            Stack updated = settle(cfn, stack);
            assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
            assertEquals(name, outputs(updated).get("Name"), "a policy is changed in place");
            assertTrue(control.getAccessPointPolicy(g -> g.accountId(ACCOUNT).name(name)).policy()
                    .contains(out.get("Arn") + "/object/*"));

            s3.deleteObject(b -> b.bucket(out.get("BucketName")).key("k")); // the bucket must be empty to go
            cfn.deleteStack(b -> b.stackName(stack));
            Stack deleted = settle(cfn, created.stackId());
            assertEquals("DELETE_COMPLETE", deleted.stackStatusAsString(), deleted.stackStatusReason());
            AwsServiceException gone = assertThrows(AwsServiceException.class,
                    () -> control.getAccessPoint(g -> g.accountId(ACCOUNT).name(name)));
            assertEquals("NoSuchAccessPoint", gone.awsErrorDetails().errorCode());
        }
    }

    static final String FUNCTION = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:transform";

    static final String OBJECT_LAMBDA_TEMPLATE = """
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

    static String objectLambdaTemplate(String actions, String action) {
        return OBJECT_LAMBDA_TEMPLATE.formatted(actions, FUNCTION, ACCOUNT, action);
    }

    /**
     * AWS::S3ObjectLambda::AccessPoint and AccessPointPolicy on a bucket and a standard access point of the same
     * template: Ref/GetAtt, drift in sync, an in-place update of the configuration and the policy, the stack deleted.
     */
    @Test
    void objectLambdaAccessPointAndPolicyDeployedUpdatedAndDeleted() {
        Gureum gureum = aws.gureum();
        String stack = "ol-" + UUID.randomUUID().toString().substring(0, 8);
        try (CloudFormationClient cfn = AwsClients.client(CloudFormationClient.builder(), gureum)) {
            S3ControlClient control = gureum.context().clients().client(S3ControlClient.class,
                    Caller.root(ACCOUNT, "us-east-1"));
            cfn.createStack(b -> b.stackName(stack).templateBody(objectLambdaTemplate("[\"GetObject\"]",
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
                var drift = cfn.detectStackResourceDrift(b -> b.stackName(stack).logicalResourceId(logical))
                        .stackResourceDrift();
                assertEquals("IN_SYNC", drift.stackResourceDriftStatusAsString(), logical + " "
                        + drift.propertyDifferences());
            }

            cfn.updateStack(b -> b.stackName(stack).templateBody(objectLambdaTemplate("[\"GetObject\", \"HeadObject\"]",
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
