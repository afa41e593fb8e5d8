package io.gureum.cloudformation.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.template.TemplateReader;
import io.gureum.core.error.AwsException;
import org.junit.jupiter.api.Test;

class ServerlessTest {
    private static final Transforms TRANSFORMS = new Transforms(url -> "Value: included");

    @Test
    void aFunctionWithAnSqsEventBecomesAFunctionARoleAndAMapping() {
        ObjectNode out = TRANSFORMS.apply(TemplateReader.read("""
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Runtime: python3.12
                    Timeout: 10
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      CodeUri: s3://code/worker.zip
                      Events:
                        Jobs:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Queue.Arn
                            BatchSize: 5
                  Table:
                    Type: AWS::Serverless::SimpleTable
                """), "123456789012", "us-east-1", "aws");
        assertFalse(out.has("Transform"));
        JsonNode fn = out.path("Resources").path("Worker");
        assertEquals("AWS::Lambda::Function", fn.path("Type").asText());
        assertEquals("python3.12", fn.path("Properties").path("Runtime").asText());
        assertEquals(10, fn.path("Properties").path("Timeout").asInt());
        assertEquals("code", fn.path("Properties").path("Code").path("S3Bucket").asText());
        assertEquals("{\"Fn::GetAtt\":[\"WorkerRole\",\"Arn\"]}", fn.path("Properties").path("Role").toString());
        JsonNode role = out.path("Resources").path("WorkerRole");
        assertEquals("AWS::IAM::Role", role.path("Type").asText());
        assertEquals("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
                role.path("Properties").path("ManagedPolicyArns").get(1).asText());
        JsonNode mapping = out.path("Resources").path("WorkerJobs");
        assertEquals("AWS::Lambda::EventSourceMapping", mapping.path("Type").asText());
        assertEquals(5, mapping.path("Properties").path("BatchSize").asInt());
        JsonNode table = out.path("Resources").path("Table");
        assertEquals("AWS::DynamoDB::Table", table.path("Type").asText());
        assertEquals("PAY_PER_REQUEST", table.path("Properties").path("BillingMode").asText());
    }

    @Test
    void apiEventsAreRefusedNamingTheType() {
        AwsException e = assertThrows(AwsException.class, () -> TRANSFORMS.apply(TemplateReader.read("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      InlineCode: x
                      Handler: a.b
                      Runtime: python3.12
                      Events:
                        Web:
                          Type: Api
                """), "1", "us-east-1", "aws"));
        assertEquals("ValidationError", e.code());
    }

    @Test
    void includeInsertsTheSnippet() {
        ObjectNode out = TRANSFORMS.apply(TemplateReader.read("""
                Resources:
                  R:
                    Type: T
                    Properties:
                      Fn::Transform:
                        Name: AWS::Include
                        Parameters:
                          Location: s3://bucket/snippet.yaml
                """), "1", "us-east-1", "aws");
        assertEquals("included", out.path("Resources").path("R").path("Properties").path("Value").asText());
    }

    @Test
    void functionUrlsAsyncConfigsAndLayersBecomeTheirLambdaResources() {
        ObjectNode out = TRANSFORMS.apply(TemplateReader.read("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Failures:
                    Type: AWS::SQS::Queue
                  Shared:
                    Type: AWS::Serverless::LayerVersion
                    Properties:
                      ContentUri: s3://layers/shared.zip
                      CompatibleRuntimes: [python3.12]
                  Api:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      CodeUri: s3://code/api.zip
                      Layers: [!Ref Shared]
                      FunctionUrlConfig:
                        AuthType: NONE
                        Cors: {AllowOrigins: ['*']}
                      EventInvokeConfig:
                        MaximumRetryAttempts: 1
                        DestinationConfig:
                          OnFailure:
                            Type: SQS
                            Destination: !GetAtt Failures.Arn
                """), "123456789012", "us-east-1", "aws");
        JsonNode resources = out.path("Resources");
        JsonNode layer = resources.path("Shared");
        assertEquals("AWS::Lambda::LayerVersion", layer.path("Type").asText());
        assertEquals("Retain", layer.path("DeletionPolicy").asText());
        assertEquals("layers", layer.path("Properties").path("Content").path("S3Bucket").asText());
        assertEquals("shared.zip", layer.path("Properties").path("Content").path("S3Key").asText());
        assertEquals("Shared", layer.path("Properties").path("LayerName").asText());
        assertEquals("[{\"Ref\":\"Shared\"}]", resources.path("Api").path("Properties").path("Layers").toString());

        JsonNode url = resources.path("ApiUrl");
        assertEquals("AWS::Lambda::Url", url.path("Type").asText());
        assertEquals("{\"Ref\":\"Api\"}", url.path("Properties").path("TargetFunctionArn").toString());
        assertEquals("NONE", url.path("Properties").path("AuthType").asText());
        JsonNode permission = resources.path("ApiUrlPublicPermissions");
        assertEquals("lambda:InvokeFunctionUrl", permission.path("Properties").path("Action").asText());
        assertEquals("NONE", permission.path("Properties").path("FunctionUrlAuthType").asText());

        JsonNode async = resources.path("ApiEventInvokeConfig");
        assertEquals("AWS::Lambda::EventInvokeConfig", async.path("Type").asText());
        assertEquals("$LATEST", async.path("Properties").path("Qualifier").asText());
        assertEquals(1, async.path("Properties").path("MaximumRetryAttempts").asInt());
        assertEquals("{\"Fn::GetAtt\":[\"Failures\",\"Arn\"]}", async.path("Properties").path("DestinationConfig")
                .path("OnFailure").path("Destination").toString());
        JsonNode statement = resources.path("ApiRole").path("Properties").path("Policies").get(0)
                .path("PolicyDocument").path("Statement").get(0);
        assertEquals("sqs:SendMessage", statement.path("Action").asText());
    }
}
