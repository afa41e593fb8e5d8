package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AWS::Lambda::LayerVersion, LayerVersionPermission, Url and EventInvokeConfig deployed by CreateStack: their
 * Ref/GetAtt values in outputs, an in-place update, a replacing update and the delete, read back through Lambda.
 */
class LambdaResourceTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Bucket: {Type: String}
              LayerName: {Type: String}
              LayerDescription: {Type: String}
              AuthType: {Type: String}
              Retries: {Type: Number}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
              Layer:
                Type: AWS::Lambda::LayerVersion
                Properties:
                  LayerName: !Ref LayerName
                  Description: !Ref LayerDescription
                  CompatibleRuntimes: [python3.12]
                  LicenseInfo: MIT
                  Content:
                    S3Bucket: !Ref Bucket
                    S3Key: layer.zip
              LayerShare:
                Type: AWS::Lambda::LayerVersionPermission
                Properties:
                  Action: lambda:GetLayerVersion
                  LayerVersionArn: !Ref Layer
                  Principal: '111122223333'
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: !GetAtt Role.Arn
                  Layers: [!Ref Layer]
                  Code:
                    ZipFile: |
                      def handler(event, context):
                          return 'ok'
              FnUrl:
                Type: AWS::Lambda::Url
                Properties:
                  TargetFunctionArn: !GetAtt Fn.Arn
                  AuthType: !Ref AuthType
                  Cors:
                    AllowOrigins: ['https://example.com']
                    MaxAge: 60
              AsyncConfig:
                Type: AWS::Lambda::EventInvokeConfig
                Properties:
                  FunctionName: !Ref Fn
                  Qualifier: $LATEST
                  MaximumRetryAttempts: !Ref Retries
                  MaximumEventAgeInSeconds: 600
            Outputs:
              LayerRef: {Value: !Ref Layer}
              LayerArn: {Value: !GetAtt Layer.LayerVersionArn}
              ShareRef: {Value: !Ref LayerShare}
              ShareId: {Value: !GetAtt LayerShare.Id}
              FunctionName: {Value: !Ref Fn}
              UrlRef: {Value: !Ref FnUrl}
              UrlFunctionArn: {Value: !GetAtt FnUrl.FunctionArn}
              Url: {Value: !GetAtt FnUrl.FunctionUrl}
              AsyncRef: {Value: !Ref AsyncConfig}
            """;

    private static S3Client s3;
    private static LambdaClient lambda;
    private static String bucket;

    @BeforeAll
    static void layerZip() throws IOException {
        s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum);
        lambda = AwsClients.client(LambdaClient.builder(), gureum);
        bucket = unique("layers");
        s3.createBucket(b -> b.bucket(bucket));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("python/shared.py"));
            out.write("VALUE = 1\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        s3.putObject(b -> b.bucket(bucket).key("layer.zip"), RequestBody.fromBytes(zip.toByteArray()));
    }

    @AfterAll
    static void close() {
        s3.close();
        lambda.close();
    }

    private static List<Parameter> parameters(String layer, String description, String authType, int retries) {
        return List.of(p("Bucket", bucket), p("LayerName", layer), p("LayerDescription", description),
                p("AuthType", authType), p("Retries", String.valueOf(retries)));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    @Test
    void layersUrlsAndAsyncConfigsAreCreatedUpdatedReplacedAndDeleted() {
        String name = unique("lambda-types");
        String layer = unique("shared");
        cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters(layer, "first", "NONE", 2)));
        Stack created = settle(name);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());

        String layerArn = output(created, "LayerRef");
        assertEquals("arn:aws:lambda:us-east-1:000000000000:layer:" + layer + ":1", layerArn);
        assertEquals(layerArn, output(created, "LayerArn"));
        var version = lambda.getLayerVersionByArn(b -> b.arn(layerArn));
        assertEquals("first", version.description());
        assertEquals("MIT", version.licenseInfo());
        assertEquals(List.of("python3.12"), version.compatibleRuntimesAsStrings());

        String share = output(created, "ShareRef");
        assertTrue(share.startsWith(layerArn + "#"), share);
        assertEquals(share, output(created, "ShareId"));
        String policy = lambda.getLayerVersionPolicy(b -> b.layerName(layerArn.substring(0, layerArn.lastIndexOf(':')))
                .versionNumber(1L)).policy();
        assertTrue(policy.contains(share.substring(share.indexOf('#') + 1)), policy);
        assertTrue(policy.contains("111122223333"), policy);

        String function = output(created, "FunctionName");
        String functionArn = lambda.getFunction(b -> b.functionName(function)).configuration().functionArn();
        assertEquals(layerArn, lambda.getFunction(b -> b.functionName(function)).configuration().layers().get(0)
                .arn());
        assertEquals(functionArn, output(created, "UrlRef"));
        assertEquals(functionArn, output(created, "UrlFunctionArn"));
        GetFunctionUrlConfigResponse url = lambda.getFunctionUrlConfig(b -> b.functionName(function));
        assertEquals("NONE", url.authTypeAsString());
        assertEquals(List.of("https://example.com"), url.cors().allowOrigins());
        assertEquals(url.functionUrl(), output(created, "Url"));

        assertEquals(function + "|$LATEST", output(created, "AsyncRef"));
        assertEquals(2, lambda.getFunctionEventInvokeConfig(b -> b.functionName(function).qualifier("$LATEST"))
                .maximumRetryAttempts());
        assertEquals(600, lambda.getFunctionEventInvokeConfig(b -> b.functionName(function).qualifier("$LATEST"))
                .maximumEventAgeInSeconds());

        // In place: AuthType (AWS::Lambda::Url) and MaximumRetryAttempts (EventInvokeConfig) are "No interruption".
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters(layer, "first", "AWS_IAM", 0)));
        Stack inPlace = settle(name);
        assertEquals("UPDATE_COMPLETE", inPlace.stackStatusAsString(), inPlace.stackStatusReason());
        assertEquals("AWS_IAM", lambda.getFunctionUrlConfig(b -> b.functionName(function)).authTypeAsString());
        assertEquals(url.functionUrl(), output(inPlace, "Url"), "the URL is kept");
        assertEquals(0, lambda.getFunctionEventInvokeConfig(b -> b.functionName(function).qualifier("$LATEST"))
                .maximumRetryAttempts());
        assertEquals(layerArn, output(inPlace, "LayerRef"));
        assertEquals(share, output(inPlace, "ShareRef"));

        // Replacement: every LayerVersion property publishes a new version; the permission follows its ARN.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters(layer, "second", "AWS_IAM", 0)));
        Stack replaced = settle(name);
        assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), replaced.stackStatusReason());
        String layerArn2 = output(replaced, "LayerRef");
        assertEquals("arn:aws:lambda:us-east-1:000000000000:layer:" + layer + ":2", layerArn2);
        assertEquals("second", lambda.getLayerVersionByArn(b -> b.arn(layerArn2)).description());
        assertTrue(output(replaced, "ShareRef").startsWith(layerArn2 + "#"));
        assertNotEquals(share, output(replaced, "ShareRef"));
        fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                () -> lambda.getLayerVersionByArn(b -> b.arn(layerArn)));
        assertEquals(layerArn2, lambda.getFunction(b -> b.functionName(function)).configuration().layers().get(0)
                .arn());

        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(replaced.stackId()).stackStatusAsString());
        fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                () -> lambda.getLayerVersionByArn(b -> b.arn(layerArn2)));
        fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                () -> lambda.getFunction(b -> b.functionName(function)));
    }

    @Test
    void aRefusedConfigurationFailsTheResourceWithLambdasReason() {
        String name = unique("lambda-fail");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  AsyncConfig:
                    Type: AWS::Lambda::EventInvokeConfig
                    Properties:
                      FunctionName: no-such-function
                      Qualifier: $LATEST
                      MaximumRetryAttempts: 1
                """)).stackId();
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString());
        String reason = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("AsyncConfig") && e.resourceStatusAsString().equals(
                        "CREATE_FAILED")).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function")
                && reason.contains("HandlerErrorCode: NotFound"), reason);
    }

    @Test
    void theSamTransformDeploysFunctionUrlsAsyncConfigsAndLayers() {
        String name = unique("sam-lambda-types");
        String layer = unique("samlayer");
        cfn.createStack(b -> b.stackName(name).capabilities(Capability.CAPABILITY_IAM,
                Capability.CAPABILITY_AUTO_EXPAND).templateBody("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Failures:
                    Type: AWS::SQS::Queue
                  Shared:
                    Type: AWS::Serverless::LayerVersion
                    Properties:
                      LayerName: %s
                      ContentUri: s3://%s/layer.zip
                      RetentionPolicy: Delete
                  Api:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: index.handler
                      InlineCode: |
                        def handler(event, context):
                            return 'ok'
                      Layers: [!Ref Shared]
                      FunctionUrlConfig:
                        AuthType: NONE
                      EventInvokeConfig:
                        MaximumRetryAttempts: 1
                        DestinationConfig:
                          OnFailure:
                            Type: SQS
                            Destination: !GetAtt Failures.Arn
                Outputs:
                  FunctionName: {Value: !Ref Api}
                  Url: {Value: !GetAtt ApiUrl.FunctionUrl}
                  Layer: {Value: !Ref Shared}
                """.formatted(layer, bucket)));
        Stack created = settle(name);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
        String function = output(created, "FunctionName");
        assertEquals(output(created, "Url"), lambda.getFunctionUrlConfig(b -> b.functionName(function)).functionUrl());
        assertTrue(lambda.getPolicy(b -> b.functionName(function)).policy().contains("lambda:InvokeFunctionUrl"));
        var async = lambda.getFunctionEventInvokeConfig(b -> b.functionName(function).qualifier("$LATEST"));
        assertEquals(1, async.maximumRetryAttempts());
        assertTrue(async.destinationConfig().onFailure().destination().endsWith(":" + sqs.getQueueAttributes(q -> q
                .queueUrl(physicalId(name, "Failures")).attributeNamesWithStrings("QueueArn")).attributesAsStrings()
                .get("QueueArn").split(":")[5]));
        assertEquals(output(created, "Layer"), lambda.getFunction(b -> b.functionName(function)).configuration()
                .layers().get(0).arn());

        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(created.stackId()).stackStatusAsString());
        fails(ResourceNotFoundException.class, 404, "ResourceNotFoundException",
                () -> lambda.getLayerVersionByArn(b -> b.arn(output(created, "Layer"))));
    }
}
