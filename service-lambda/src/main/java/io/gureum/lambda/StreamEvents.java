package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.persist.SdkJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The documents of DynamoDB stream mappings: the event a function receives
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html) and the record of a discarded batch an on-failure
 * destination receives (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
 */
final class StreamEvents {
    private StreamEvents() {
    }

    /** One stream record as the function sees it: DynamoDB Streams' record plus {@code eventSourceARN}. */
    static ObjectNode record(Record r, String streamArn) {
        JsonNode json = SdkJson.toJson(r);
        ObjectNode rec = json instanceof ObjectNode o ? o : LambdaJson.MAPPER.createObjectNode();
        rec.put("eventSourceARN", streamArn);
        return rec;
    }

    static byte[] event(List<Record> batch, String streamArn) {
        ObjectNode root = LambdaJson.MAPPER.createObjectNode();
        ArrayNode records = root.putArray("Records");
        batch.forEach(r -> records.add(record(r, streamArn)));
        return bytes(root);
    }

    /**
     * The invocation record of a batch Lambda discards.
     *
     * @param condition {@code RetryAttemptsExhausted} or {@code RecordAgeExceeded}
     * @param functionError the last attempt's error, or null when the batch was not invoked
     */
    static String failure(List<Record> batch, EventSourceMapping m, String requestId, String condition, int attempts,
            String functionError, Instant now) {
        ObjectNode r = LambdaJson.MAPPER.createObjectNode();
        ObjectNode rc = r.putObject("requestContext");
        rc.put("requestId", requestId);
        rc.put("functionArn", m.functionArn);
        rc.put("condition", condition);
        rc.put("approximateInvokeCount", attempts);
        ObjectNode resp = r.putObject("responseContext");
        resp.put("statusCode", 200);
        resp.put("executedVersion", executedVersion(m.functionArn));
        if (functionError != null) {
            resp.put("functionError", functionError);
        }
        r.put("version", "1.0");
        r.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS)));
        ObjectNode info = r.putObject("DDBStreamBatchInfo");
        info.put("shardId", m.shardId);
        info.put("startSequenceNumber", batch.get(0).dynamodb().sequenceNumber());
        info.put("endSequenceNumber", batch.get(batch.size() - 1).dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", arrival(batch.get(0)));
        info.put("approximateArrivalOfLastRecord", arrival(batch.get(batch.size() - 1)));
        info.put("batchSize", batch.size());
        info.put("streamArn", m.eventSourceArn);
        return new String(bytes(r), StandardCharsets.UTF_8);
    }

    private static String executedVersion(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length > 7 && LambdaFunction.isVersion(parts[7]) ? parts[7] : FunctionVersion.LATEST;
    }

    private static String arrival(Record r) {
        Instant t = r.dynamodb().approximateCreationDateTime();
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return LambdaJson.MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
