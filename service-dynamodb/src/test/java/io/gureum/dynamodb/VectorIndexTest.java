package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Scores, vector shapes and index membership of {@link VectorIndex}, without a server. */
class VectorIndexTest {
    private static VectorIndex index(String distance, List<VectorIndex.SchemaElement> schema) {
        return new VectorIndex("idx", "emb", 2, distance, schema, "ALL", List.of(), "arn:aws:dynamodb:r:1:table/t/index/idx");
    }

    private static AttributeValue list(String... ns) {
        return AttributeValue.fromL(java.util.Arrays.stream(ns).map(AttributeValue::fromN).toList());
    }

    @Test
    void scoresFollowTheDistanceFunction() {
        VectorIndex cos = index("COSINE", List.of());
        assertEquals(0.0, cos.score(new float[] {1, 1}, new float[] {3, 3}), 1e-9);
        assertEquals(2.0, cos.score(new float[] {1, 0}, new float[] {-5, 0}), 1e-9);
        assertEquals(1.0, cos.score(new float[] {1, 0}, new float[] {0, 2}), 1e-9);
        assertNull(cos.score(new float[] {0, 0}, new float[] {1, 0}));
        assertFalse(cos.higherIsCloser());
        assertEquals(5.0, index("EUCLIDEAN", List.of()).score(new float[] {0, 0}, new float[] {3, 4}), 1e-9);
        VectorIndex dot = index("DOT_PRODUCT", List.of());
        assertEquals(-2.0, dot.score(new float[] {1, 2}, new float[] {2, -2}), 1e-9);
        assertTrue(dot.higherIsCloser());
    }

    @Test
    void vectorsAreListsOfNumbersOfTheRightLengthAt32BitPrecision() {
        assertArrayEquals(new float[] {0.1f, 2f}, VectorIndex.floats(list("0.1", "2"), 2));
        assertNull(VectorIndex.floats(list("1"), 2));
        assertNull(VectorIndex.floats(AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("2"))), 2));
        assertNull(VectorIndex.floats(AttributeValue.fromS("1,2"), 2));
        assertNull(VectorIndex.floats(list("1", "1E+39"), 2));
    }

    @Test
    void anItemIsInTheIndexWithItsVectorAndItsVectorIndexPartitionKey() {
        VectorIndex vx = index("COSINE", List.of(new VectorIndex.SchemaElement("cat", "HASH"),
                new VectorIndex.SchemaElement("color", "INLINE_FILTER")));
        assertEquals("cat", vx.hashAttribute());
        assertTrue(vx.inSchema("color"));
        assertTrue(vx.vectorOf(Map.of("emb", list("1", "2"), "cat", AttributeValue.fromS("x"))) != null);
        assertNull(vx.vectorOf(Map.of("emb", list("1", "2"))));
        assertNull(vx.vectorOf(Map.of("cat", AttributeValue.fromS("x"))));
    }
}
