package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * DynamoDB stream event source mappings: the event's shape, starting positions, batching, retries with bisection and
 * partial failures, the on-failure record, and event filtering.
 */
class StreamMappingsIT extends LambdaTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prints the event; fails while an item's "fail" attribute is set, or reports the items marked "bad". */
    private static final String RECORDER = """
            import json
            def handler(event, context):
                print("EVENT " + json.dumps(event))
                bad = []
                for r in event["Records"]:
                    image = r["dynamodb"].get("NewImage", {})
                    if "fail" in image:
                        raise Exception("boom")
                    if "bad" in image:
                        bad.append({"itemIdentifier": r["dynamodb"]["SequenceNumber"]})
                return {"batchItemFailures": bad}
            """;
    static DynamoDbClient ddb;

    @BeforeAll
    static void dynamo() {
        ddb = AwsClients.client(DynamoDbClient.builder(), gureum);
    }

    @AfterAll
    static void closeDynamo() {
        ddb.close();
    }

    private static String table() {
        String t = unique("t");
        return ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    private static String tableName(String streamArn) {
        return streamArn.split("/")[1];
    }

    private static void put(String streamArn, String pk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(more);
        item.put("pk", AttributeValue.fromS(pk));
        ddb.putItem(b -> b.tableName(tableName(streamArn)).item(item));
    }

    private static void put(String streamArn, String pk) {
        put(streamArn, pk, Map.of());
    }

    /** The events a function printed, oldest first, once it has been invoked {@code n} times. */
    private static List<JsonNode> events(String function, int n) throws Exception {
        JsonNode logs = awaitInvocations(function, n);
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode invocation : logs) {
            for (String line : invocation.get("Log").asText().split("\n")) {
                if (line.startsWith("EVENT ")) {
                    events.add(JSON.readTree(line.substring(6)));
                }
            }
        }
        return events;
    }

    private static List<String> keys(JsonNode event) {
        List<String> keys = new ArrayList<>();
        event.get("Records").forEach(r -> keys.add(r.at("/dynamodb/Keys/pk/S").asText()));
        return keys;
    }

    @Test
    void trimHorizonDeliversEveryChangeInLambdasEventShape() throws Exception {
        String stream = table();
        put(stream, "a", Map.of("v", AttributeValue.fromN("1")));
        put(stream, "a", Map.of("v", AttributeValue.fromN("2")));
        String fn = unique("ddb");
        createPython(fn, RECORDER);
        CreateEventSourceMappingResponse m = lambda.createEventSourceMapping(b -> b.functionName(fn)
                .eventSourceArn(stream).startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10));
        assertEquals("Creating", m.state());
        assertEquals(EventSourcePosition.TRIM_HORIZON, m.startingPosition());
        assertEquals(-1, m.maximumRetryAttempts());
        assertEquals(-1, m.maximumRecordAgeInSeconds());
        assertEquals(1, m.parallelizationFactor());

        JsonNode event = events(fn, 1).get(0);
        JsonNode insert = event.get("Records").get(0);
        assertEquals("INSERT", insert.get("eventName").asText());
        assertEquals("aws:dynamodb", insert.get("eventSource").asText());
        assertEquals("us-east-1", insert.get("awsRegion").asText());
        assertEquals(stream, insert.get("eventSourceARN").asText());
        assertEquals("1", insert.at("/dynamodb/NewImage/v/N").asText());
        assertEquals("NEW_AND_OLD_IMAGES", insert.at("/dynamodb/StreamViewType").asText());
        assertTrue(insert.at("/dynamodb/ApproximateCreationDateTime").isNumber(), insert.toString());
        JsonNode modify = event.get("Records").get(1);
        assertEquals("MODIFY", modify.get("eventName").asText());
        assertEquals("1", modify.at("/dynamodb/OldImage/v/N").asText());
        assertEquals("2", modify.at("/dynamodb/NewImage/v/N").asText());
        assertEquals("OK", lambda.getEventSourceMapping(b -> b.uuid(m.uuid())).lastProcessingResult());
    }

    @Test
    void latestStartsWithWhatIsWrittenAfterTheMappingAndBatchSizeSplitsBatches() throws Exception {
        String stream = table();
        put(stream, "before");
        String fn = unique("ddb");
        createPython(fn, RECORDER);
        lambda.createEventSourceMapping(b -> b.functionName(fn).eventSourceArn(stream)
                .startingPosition(EventSourcePosition.LATEST).batchSize(2).maximumBatchingWindowInSeconds(5));
        put(stream, "x1");
        put(stream, "x2");
        put(stream, "x3");
        List<JsonNode> events = events(fn, 2);
        assertEquals(List.of("x1", "x2"), keys(events.get(0)));
        assertEquals(List.of("x3"), keys(events.get(1)), "the window closed on the clock with one record");
    }

    @Test
    void aFailingBatchIsBisectedRetriedAndItsRecordSentToTheOnFailureDestination() throws Exception {
        String stream = table();
        String queue = createQueue(unique("ddb-failures"));
        String fn = unique("ddb");
        createPython(fn, RECORDER);
        put(stream, "ok");
        put(stream, "poison", Map.of("fail", AttributeValue.fromBool(true)));
        CreateEventSourceMappingResponse m = lambda.createEventSourceMapping(b -> b.functionName(fn)
                .eventSourceArn(stream).startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10)
                .bisectBatchOnFunctionError(true).maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(o -> o.destination(queueArn(queue)))));
        assertEquals(true, m.bisectBatchOnFunctionError());
        assertEquals(queueArn(queue), m.destinationConfig().onFailure().destination());

        Message failed = receiveOne(queue);
        JsonNode record = JSON.readTree(failed.body());
        assertEquals("RetryAttemptsExhausted", record.at("/requestContext/condition").asText());
        assertEquals(2, record.at("/requestContext/approximateInvokeCount").asInt());
        assertEquals("Unhandled", record.at("/responseContext/functionError").asText());
        assertEquals(1, record.at("/DDBStreamBatchInfo/batchSize").asInt(), "bisecting isolated the poison record");
        assertEquals(stream, record.at("/DDBStreamBatchInfo/streamArn").asText());
        assertEquals(record.at("/DDBStreamBatchInfo/startSequenceNumber").asText(),
                record.at("/DDBStreamBatchInfo/endSequenceNumber").asText());

        // [ok, poison] failed, was split; [ok] succeeded; [poison] failed twice; then the stream moves on.
        put(stream, "after");
        List<JsonNode> events = events(fn, 5);
        assertEquals(List.of("ok", "poison"), keys(events.get(0)));
        assertEquals(List.of("ok"), keys(events.get(1)));
        assertEquals(List.of("poison"), keys(events.get(2)));
        assertEquals(List.of("poison"), keys(events.get(3)));
        assertEquals(List.of("after"), keys(events.get(4)));
    }

    @Test
    void reportedItemFailuresAreRetriedFromTheLowestFailedRecord() throws Exception {
        String stream = table();
        String queue = createQueue(unique("ddb-partial"));
        String fn = unique("ddb");
        createPython(fn, RECORDER);
        put(stream, "a");
        put(stream, "b", Map.of("bad", AttributeValue.fromBool(true)));
        put(stream, "c");
        lambda.createEventSourceMapping(b -> b.functionName(fn).eventSourceArn(stream)
                .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10).maximumRetryAttempts(0)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .destinationConfig(d -> d.onFailure(o -> o.destination(queueArn(queue)))));

        JsonNode record = JSON.readTree(receiveOne(queue).body());
        assertEquals(2, record.at("/DDBStreamBatchInfo/batchSize").asInt(), "b and c: from the failed record on");
        List<JsonNode> events = events(fn, 1);
        assertEquals(List.of("a", "b", "c"), keys(events.get(0)));
    }

    @Test
    void filtersDropRecordsThatDoNotMatch() throws Exception {
        String stream = table();
        String fn = unique("ddb");
        createPython(fn, RECORDER);
        lambda.createEventSourceMapping(b -> b.functionName(fn).eventSourceArn(stream)
                .startingPosition(EventSourcePosition.LATEST).batchSize(10)
                .filterCriteria(f -> f.filters(x -> x.pattern(
                        "{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"colour\": {\"S\": [\"red\"]}}}}"))));
        put(stream, "blue", Map.of("colour", AttributeValue.fromS("blue")));
        put(stream, "red", Map.of("colour", AttributeValue.fromS("red")));
        put(stream, "red", Map.of("colour", AttributeValue.fromS("red"), "v", AttributeValue.fromN("2")));
        put(stream, "red2", Map.of("colour", AttributeValue.fromS("red")));
        List<String> seen = new ArrayList<>();
        for (JsonNode e : events(fn, 1)) {
            seen.addAll(keys(e));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (seen.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen.clear();
            for (JsonNode e : events(fn, 1)) {
                seen.addAll(keys(e));
            }
        }
        assertEquals(List.of("red", "red2"), seen, "blue and the MODIFY of red are filtered out");
    }

    @Test
    void invalidStreamSettingsAreRefused() {
        String stream = table();
        String fn = unique("ddb");
        createEcho(fn);
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.createEventSourceMapping(b -> b.functionName(fn).eventSourceArn(stream)
                        .startingPosition(EventSourcePosition.AT_TIMESTAMP)));
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.createEventSourceMapping(b -> b.functionName(fn).eventSourceArn(stream)));
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.createEventSourceMapping(b -> b.functionName(fn).eventSourceArn(stream)
                        .startingPosition(EventSourcePosition.LATEST)
                        .filterCriteria(f -> f.filters(x -> x.pattern("{\"eventName\": \"INSERT\"}")))));
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.createEventSourceMapping(b -> b.functionName(fn).eventSourceArn(stream + "x")
                        .startingPosition(EventSourcePosition.LATEST)));
    }
}
