package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SQS event document, batch item failures, ArnLike matching and function names: pure functions. */
class EventDocumentsTest {
    static final SqsSource.Received A = new SqsSource.Received("id-a", "rh-a", "body a", "md5a",
            Map.of("ApproximateReceiveCount", "1"), Map.of("bin", new SqsSource.Attribute("Binary", null,
                    new byte[] {1, 2})), "md5attrs", "arn:aws:sqs:eu-west-1:000000000000:q");
    static final SqsSource.Received B = new SqsSource.Received("id-b", "rh-b", "body b", "md5b", Map.of(),
            Map.of(), null, "arn:aws:sqs:eu-west-1:000000000000:q");

    @Test
    void theSqsEventUsesLambdasCamelCaseShape() throws Exception {
        JsonNode doc = LambdaJson.MAPPER.readTree(QueuePoller.event(List.of(A, B), "eu-west-1"));
        JsonNode a = doc.get("Records").get(0);
        assertEquals("id-a", a.get("messageId").asText());
        assertEquals("rh-a", a.get("receiptHandle").asText());
        assertEquals("AQI=", a.at("/messageAttributes/bin/binaryValue").asText());
        assertEquals("Binary", a.at("/messageAttributes/bin/dataType").asText());
        assertEquals("md5attrs", a.get("md5OfMessageAttributes").asText());
        assertEquals("aws:sqs", a.get("eventSource").asText());
        assertEquals("eu-west-1", a.get("awsRegion").asText());
        assertFalse(doc.get("Records").get(1).has("md5OfMessageAttributes"));
    }

    @Test
    void batchItemFailuresNameTheFailedMessagesOrFailTheWholeBatchWhenMalformed() {
        List<SqsSource.Received> batch = List.of(A, B);
        assertEquals(Set.of(), QueuePoller.failures(bytes("{\"batchItemFailures\":[]}"), batch));
        assertEquals(Set.of(), QueuePoller.failures(bytes("null"), batch));
        assertEquals(Set.of(), QueuePoller.failures(bytes("\"ok\""), batch));
        assertEquals(Set.of("id-b"), QueuePoller.failures(
                bytes("{\"batchItemFailures\":[{\"itemIdentifier\":\"id-b\"}]}"), batch));
        assertEquals(Set.of("id-a", "id-b"), QueuePoller.failures(
                bytes("{\"batchItemFailures\":[{\"itemIdentifier\":\"unknown\"}]}"), batch));
        assertEquals(Set.of("id-a", "id-b"), QueuePoller.failures(
                bytes("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}"), batch));
        assertEquals(Set.of("id-a", "id-b"), QueuePoller.failures(bytes("not json {"), batch),
                "an invalid JSON response fails the whole batch");
    }

    @Test
    void arnLikeMatchesWildcards() {
        assertTrue(Policies.wildcard("arn:aws:sns:us-east-1:*:topic-*", "arn:aws:sns:us-east-1:123456789012:topic-a"));
        assertTrue(Policies.wildcard("arn:aws:s3:::bucket?", "arn:aws:s3:::bucket1"));
        assertFalse(Policies.wildcard("arn:aws:s3:::bucket", "arn:aws:s3:::bucket-2"));
        assertFalse(Policies.wildcard("arn:aws:s3:::a.b", "arn:aws:s3:::axb"));
    }

    @Test
    void functionNamesComeAsNamesArnsAndPartialArnsWithQualifiers() {
        FunctionRef full = FunctionRef.parse("arn:aws:lambda:eu-west-1:123456789012:function:fn:live", null);
        assertEquals(new FunctionRef("123456789012", "eu-west-1", "fn", "live"), full);
        assertEquals(new FunctionRef("123456789012", null, "fn", null), FunctionRef.parse("123456789012:function:fn", null));
        assertEquals(new FunctionRef(null, null, "fn", "3"), FunctionRef.parse("fn", "3"));
        assertEquals(new FunctionRef(null, null, "fn", "$LATEST"), FunctionRef.parse("fn:$LATEST", null));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
