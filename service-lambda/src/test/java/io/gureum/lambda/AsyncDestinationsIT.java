package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** EventBridge event buses and S3 buckets as destinations of asynchronous invocations' records. */
class AsyncDestinationsIT extends LambdaTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void invokeEvent(String name, String payload) {
        assertEquals(202, lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).statusCode());
    }

    @Test
    void aSuccessGoesToAnEventBusAsALambdaEvent() throws Exception {
        String bus = unique("bus");
        String queue = createQueue(unique("from-bus"));
        String name = unique("ok");
        createEcho(name);
        String busArn;
        try (EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), gureum)) {
            busArn = events.createEventBus(b -> b.name(bus)).eventBusArn();
            events.putRule(b -> b.eventBusName(bus).name("all").eventPattern("{\"source\": [\"lambda\"]}"));
            events.putTargets(b -> b.eventBusName(bus).rule("all").targets(t -> t.id("q").arn(queueArn(queue))));
        }
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(busArn))));
        invokeEvent(name, "{\"n\": 5}");

        JsonNode event = JSON.readTree(receiveOne(queue).body());
        assertEquals("lambda", event.get("source").asText());
        assertEquals("Lambda Function Invocation Result - Success", event.get("detail-type").asText());
        assertTrue(event.get("resources").toString().contains(busArn), event.toString());
        assertEquals("Success", event.at("/detail/requestContext/condition").asText());
        assertEquals(5, event.at("/detail/requestPayload/n").asInt());
        assertEquals(5, event.at("/detail/responsePayload/n").asInt());
    }

    @Test
    void aFailureGoesToABucketUnderTheFunctionsPrefix() throws Exception {
        String bucket = unique("failures");
        String name = unique("failing");
        createPython(name, AsyncInvokeIT.FAILING);
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum)) {
            s3.createBucket(b -> b.bucket(bucket));
            lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(0)
                    .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:s3:::" + bucket))));
            invokeEvent(name, "{\"n\": 6}");

            String prefix = "aws/lambda/async/" + name + "/";
            List<S3Object> objects = List.of();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (objects.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                objects = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents();
            }
            assertEquals(1, objects.size());
            String key = objects.get(0).key();
            assertTrue(key.matches(java.util.regex.Pattern.quote(prefix)
                    + "\\d{4}/\\d\\d/\\d\\d/\\d\\d/\\d{4}-\\d\\d-\\d\\dT\\d\\d\\.\\d\\d\\.\\d\\d-[0-9a-f-]{36}"), key);
            JsonNode record = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            assertEquals("RetriesExhausted", record.at("/requestContext/condition").asText());
            assertEquals(6, record.at("/requestPayload/n").asInt());
        }
    }
}
