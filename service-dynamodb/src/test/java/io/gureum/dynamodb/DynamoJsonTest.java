package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Restore reads item records with a streaming parser: it must read what the tree reader reads. */
class DynamoJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theStreamingReaderReadsEveryTypeAsTheTreeReaderDoes() throws Exception {
        Map<String, AttributeValue> item = Map.ofEntries(
                Map.entry("pk", AttributeValue.fromS("item-1 \u00e9\u4e2d \"quoted\"")),
                Map.entry("n", AttributeValue.fromN("-12.5E3")),
                Map.entry("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff}))),
                Map.entry("t", AttributeValue.fromBool(true)),
                Map.entry("f", AttributeValue.fromBool(false)),
                Map.entry("nul", AttributeValue.fromNul(true)),
                Map.entry("ss", AttributeValue.fromSs(List.of("a", "b"))),
                Map.entry("ns", AttributeValue.fromNs(List.of("1", "2.5"))),
                Map.entry("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("yz")))),
                Map.entry("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("deep",
                        AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("two")))))))),
                Map.entry("emptyMap", AttributeValue.fromM(Map.of())),
                Map.entry("l", AttributeValue.fromL(List.of(AttributeValue.fromNul(true),
                        AttributeValue.fromL(List.of()), AttributeValue.fromSs(List.of("s"))))));
        byte[] record = JSON.writeValueAsBytes(DynamoJson.item(item));
        Map<String, AttributeValue> streamed = DynamoJson.item(record);
        assertEquals(DynamoJson.item(JSON.readTree(record)), streamed);
        assertEquals(item, streamed);
    }

    @Test
    void anEmptyItemAndAnUnknownValueType() {
        assertEquals(Map.of(), DynamoJson.item("{}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class,
                () -> DynamoJson.item("{\"a\":{\"X\":1}}".getBytes(StandardCharsets.UTF_8)));
    }
}
