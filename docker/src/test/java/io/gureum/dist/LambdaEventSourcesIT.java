package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Functions invoked by other services, across modules, through core's lookup by ARN: an SNS
 * subscription (https://docs.aws.amazon.com/sns/latest/dg/sns-lambda-as-subscriber.html) and an S3
 * event notification, with the function calling back into Gureum through its SDK (boto3 reads
 * {@code AWS_ENDPOINT_URL}).
 */
class LambdaEventSourcesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().build();
    static Gureum gureum;
    static LambdaClient lambda;
    static S3Client s3;
    static SqsClient sqs;
    static SnsClient sns;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        lambda = AwsClients.client(LambdaClient.builder(), gureum);
        s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
        sns = AwsClients.client(SnsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        lambda.close();
        s3.close();
        sqs.close();
        sns.close();
    }

    static SdkBytes zip(String name, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(source.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    private static String createFunction(String name, String source, Map<String, String> env) throws IOException {
        // Generous: a busy machine imports boto3 slower than Lambda's default 3 s timeout.
        return lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).timeout(60)
                .handler("app.handler").code(c -> c.zipFile(zipUnchecked(source)))
                .environment(e -> e.variables(env))).functionArn();
    }

    private static SdkBytes zipUnchecked(String source) {
        try {
            return zip("app.py", source);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String awaitFile(Path file) throws Exception {
        for (int i = 0; i < 200 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), "the function never ran: " + file);
        return Files.readString(file);
    }

    @Test
    void anSnsSubscriptionInvokesTheFunctionWithTheSnsEvent(@TempDir Path out) throws Exception {
        Path file = out.resolve("event.json");
        String fn = createFunction("sns-reader", """
                import json, os
                def handler(event, context):
                    with open(os.environ["OUT_FILE"] + ".tmp", "w") as f:
                        json.dump(event, f)
                    os.rename(os.environ["OUT_FILE"] + ".tmp", os.environ["OUT_FILE"])
                """, Map.of("OUT_FILE", file.toString()));
        String topic = sns.createTopic(b -> b.name("orders")).topicArn();
        lambda.addPermission(b -> b.functionName("sns-reader").statementId("sns").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn(topic));
        sns.subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint(fn));
        sns.publish(b -> b.topicArn(topic).message("order 42").subject("new order"));

        JsonNode record = JSON.readTree(awaitFile(file)).get("Records").get(0);
        assertEquals("aws:sns", record.get("EventSource").asText());
        assertEquals("order 42", record.get("Sns").get("Message").asText());
        assertEquals("new order", record.get("Sns").get("Subject").asText());
        assertEquals(topic, record.get("Sns").get("TopicArn").asText());
    }

    @Test
    void anS3UploadInvokesAFunctionThatCallsGureumBackThroughItsSdk() throws Exception {
        String url = sqs.createQueue(b -> b.queueName("thumbnails")).queueUrl();
        String fn = createFunction("thumbnailer", """
                import boto3, os
                def handler(event, context):
                    key = event["Records"][0]["s3"]["object"]["key"]
                    boto3.client("sqs").send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody="made " + key)
                    return key
                """, Map.of("QUEUE_URL", url));
        s3.createBucket(b -> b.bucket("photos-for-lambda"));
        s3.putBucketNotificationConfiguration(b -> b.bucket("photos-for-lambda").notificationConfiguration(n -> n
                .lambdaFunctionConfigurations(l -> l.lambdaFunctionArn(fn).events(Event.S3_OBJECT_CREATED))));
        s3.putObject(b -> b.bucket("photos-for-lambda").key("cat.jpg"), RequestBody.fromString("meow"));

        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
        assertEquals(1, got.size(), "the function's SDK call reached Gureum's queue");
        assertEquals("made cat.jpg", got.get(0).body());
    }

    @Test
    void aNotificationNamingAFunctionThatDoesNotExistIsRefused() {
        s3.createBucket(b -> b.bucket("no-function-here"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> s3.putBucketNotificationConfiguration(b -> b.bucket("no-function-here")
                        .notificationConfiguration(n -> n.lambdaFunctionConfigurations(l -> l
                                .lambdaFunctionArn("arn:aws:lambda:us-east-1:000000000000:function:absent")
                                .events(Event.S3_OBJECT_CREATED)))));
        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
    }

    @Test
    void anAsynchronousInvocationsRecordReachesAnOnSuccessTopicAndItsQueue() throws Exception {
        createFunction("doubler", """
                def handler(event, context):
                    return {"doubled": event["n"] * 2}
                """, Map.of());
        String topic = sns.createTopic(b -> b.name("lambda-results")).topicArn();
        String url = sqs.createQueue(b -> b.queueName("lambda-results-q")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("doubler")
                .destinationConfig(d -> d.onSuccess(o -> o.destination(topic))));

        assertEquals(202, lambda.invoke(b -> b.functionName("doubler").invocationType("Event")
                .payload(SdkBytes.fromUtf8String("{\"n\":21}"))).statusCode());
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
        assertEquals(1, got.size());
        JsonNode record = JSON.readTree(got.get(0).body());
        assertEquals("Success", record.at("/requestContext/condition").asText());
        assertEquals(21, record.at("/requestPayload/n").asInt());
        assertEquals(42, record.at("/responsePayload/doubled").asInt());
    }

    @Test
    void whatAFunctionPrintsIsInCloudWatchLogs() throws Exception {
        createFunction("printer", """
                def handler(event, context):
                    print("processing order", event["order"])
                    return "done"
                """, Map.of());
        String requestId = lambda.invoke(b -> b.functionName("printer")
                .payload(SdkBytes.fromUtf8String("{\"order\":7}"))).responseMetadata().requestId();
        try (CloudWatchLogsClient logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum)) {
            List<String> lines = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/printer")
                    .filterPattern("\"processing order\"")).events().stream()
                    .map(FilteredLogEvent::message).toList();
            assertEquals(List.of("processing order 7"), lines.stream().map(String::strip).toList());
            String stream = logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/printer"))
                    .logStreams().get(0).logStreamName();
            assertTrue(stream.matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"), stream);
            List<String> inOrder = logs.getLogEvents(b -> b.logGroupName("/aws/lambda/printer").logStreamName(stream)
                    .startFromHead(true)).events().stream().map(e -> e.message().strip()).toList();
            assertTrue(inOrder.get(0).startsWith("START RequestId: " + requestId), inOrder.toString());
            assertEquals("processing order 7", inOrder.get(1), "the output comes after START, as in AWS");
            assertTrue(inOrder.get(2).startsWith("END RequestId: " + requestId), inOrder.toString());
            assertTrue(inOrder.get(3).startsWith("REPORT RequestId: " + requestId), inOrder.toString());
        }
    }
}
