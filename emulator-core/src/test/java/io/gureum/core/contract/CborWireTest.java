package io.gureum.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.AwsError;
import io.gureum.core.protocol.CborCodec;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.protocol.ResolvedOperation;
import io.gureum.core.protocol.ServiceModel;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The CBOR wire in bytes: blobs are byte strings, timestamps carry tag 1 (epoch milliseconds for awsJson
 * over CBOR, as the SDK's Kinesis client writes them; epoch seconds as a float for rpcv2Cbor), and each
 * protocol's content type and headers.
 */
class CborWireTest {
    private static final RequestContext CTX = new RequestContext("req-1", "000000000000", "us-east-1", "test",
            "test", null);
    private static final ServiceModel KINESIS = ServiceModel.load(KinesisClient.class, null);
    private static final ServiceModel CLOUDWATCH = ServiceModel.load(CloudWatchClient.class, null);
    private static final CBORMapper CBOR = new CBORMapper();
    private static final Instant T = Instant.parse("2024-01-02T03:04:05.678Z");

    /** Each scalar value of a CBOR document by field name, with its tag (-1 when untagged). */
    private static Map<String, Object[]> scalars(byte[] cbor) throws IOException {
        Map<String, Object[]> out = new LinkedHashMap<>();
        try (CBORParser p = new CBORFactory().createParser(cbor)) {
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                } else if (t.isScalarValue() && field != null) {
                    Object value = t == JsonToken.VALUE_EMBEDDED_OBJECT ? p.getBinaryValue()
                            : t.isNumeric() ? p.getNumberValue() : p.getText();
                    out.put(field, new Object[] {value, p.getCurrentTag()});
                }
            }
        }
        return out;
    }

    @Test
    void awsJsonOverCborWritesByteStringsAndTaggedEpochMillis() throws IOException {
        CborCodec codec = CborCodec.awsJson();
        GetRecordsResponse response = GetRecordsResponse.builder().millisBehindLatest(0L).records(Record.builder()
                .sequenceNumber("1").partitionKey("p").data(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff}))
                .approximateArrivalTimestamp(T).build()).build();
        AwsHttpResponse r = codec.encode(KINESIS, KINESIS.operationByWireName("GetRecords"), (SdkPojo) response, CTX);
        assertEquals("application/x-amz-cbor-1.1", r.header("Content-Type"));
        Map<String, Object[]> values = scalars(r.body());
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, (byte[]) values.get("Data")[0]);
        assertEquals(T.toEpochMilli(), ((Number) values.get("ApproximateArrivalTimestamp")[0]).longValue());
        assertEquals(1, values.get("ApproximateArrivalTimestamp")[1]);
    }

    @Test
    void awsJsonOverCborReadsByteStringsByTarget() throws IOException {
        Map<String, Object> body = Map.of("StreamName", "s", "PartitionKey", "p", "Data", new byte[] {7, 8});
        AwsHttpRequest request = new AwsHttpRequest("POST", "/", Map.of("content-type",
                List.of("application/x-amz-cbor-1.1"), "x-amz-target", List.of("Kinesis_20131202.PutRecord")),
                CBOR.writeValueAsBytes(body));
        CborCodec codec = CborCodec.awsJson();
        ResolvedOperation op = codec.resolve(KINESIS, request);
        PutRecordRequest decoded = ((PutRecordRequest.Builder) codec.decode(op, request)).build();
        assertEquals("s", decoded.streamName());
        assertArrayEquals(new byte[] {7, 8}, decoded.data().asByteArray());
    }

    @Test
    void rpcV2CborWritesTaggedEpochSecondsAndItsHeaders() throws IOException {
        CborCodec codec = CborCodec.rpcV2();
        GetMetricStatisticsResponse response = GetMetricStatisticsResponse.builder().label("l")
                .datapoints(Datapoint.builder().timestamp(T).average(Double.NaN).build()).build();
        AwsHttpResponse r = codec.encode(CLOUDWATCH, CLOUDWATCH.operationByWireName("GetMetricStatistics"),
                (SdkPojo) response, CTX);
        assertEquals("application/cbor", r.header("Content-Type"));
        assertEquals("rpc-v2-cbor", r.header("smithy-protocol"));
        Map<String, Object[]> values = scalars(r.body());
        assertEquals(1704164645.678, ((Number) values.get("Timestamp")[0]).doubleValue(), 1e-6);
        assertEquals(1, values.get("Timestamp")[1]);
        assertTrue(Double.isNaN(((Number) values.get("Average")[0]).doubleValue()), "NaN is a CBOR float");
    }

    @Test
    void rpcV2CborResolvesTheOperationFromThePath() throws IOException {
        Map<String, Object> body = Map.of("Namespace", "App", "MetricData", List.of(Map.of("MetricName", "m",
                "Value", 1.5)));
        AwsHttpRequest request = new AwsHttpRequest("POST",
                "/service/GraniteServiceVersion20100801/operation/PutMetricData",
                Map.of("content-type", List.of("application/cbor"), "smithy-protocol", List.of("rpc-v2-cbor")),
                CBOR.writeValueAsBytes(body));
        assertTrue(CborCodec.isRpcV2(request));
        CborCodec codec = CborCodec.rpcV2();
        ResolvedOperation op = codec.resolve(CLOUDWATCH, request);
        assertEquals("PutMetricData", op.operation().name());
        PutMetricDataRequest decoded = ((PutMetricDataRequest.Builder) codec.decode(op, request)).build();
        assertEquals("App", decoded.namespace());
        assertEquals(1.5, decoded.metricData().get(0).value());
    }

    @Test
    void rpcV2CborUnknownOperationIs404() {
        AwsHttpRequest request = new AwsHttpRequest("POST",
                "/service/GraniteServiceVersion20100801/operation/NoSuchThing",
                Map.of("content-type", List.of("application/cbor")), new byte[0]);
        AwsException e = assertThrows(AwsException.class, () -> CborCodec.rpcV2().resolve(CLOUDWATCH, request));
        assertEquals("UnknownOperationException", e.code());
        assertEquals(404, e.status());
    }

    @Test
    void errorsAreMapsWithTypeAndMessage() throws IOException {
        AwsHttpResponse r = CborCodec.rpcV2().encodeError(CLOUDWATCH, null,
                AwsError.of("ResourceNotFound", "no such dashboard", 404), CTX);
        assertEquals(404, r.status());
        assertEquals("ResourceNotFound", r.header("x-amzn-ErrorType"));
        var tree = CBOR.readTree(r.body());
        assertEquals("com.amazonaws.monitoring#ResourceNotFound", tree.path("__type").asText());
        assertEquals("no such dashboard", tree.path("message").asText());
        assertNull(r.header("x-amzn-query-error"));
    }
}
