package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Values;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A vector index of a table (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/VectorSearchWorkingWith.html):
 * the attribute holding each item's embedding, its number of dimensions, the distance function, the search schema
 * (at most one vector index partition key, {@code HASH}, and inline filters) and the projection. Gureum keeps no
 * separate structure: {@link VectorSearch} reads the table's items at search time, so the index always reflects
 * the last write. Items lacking the vector attribute, or lacking the vector index partition key, are not in the
 * index; writes whose vector has the wrong shape are refused ({@link #checkItem}).
 */
final class VectorIndex {
    /** A search schema element: the attribute and its role, {@code HASH} or {@code INLINE_FILTER}. */
    record SchemaElement(String attribute, String type) {
    }

    final String name;
    final String attribute;
    final long dimensions;
    final String distance;
    final List<SchemaElement> searchSchema;
    final String projectionType;
    final List<String> nonKeyAttributes;
    final String arn;
    String status = "ACTIVE";
    /** True while an index added by UpdateTable to an existing table is being filled. */
    boolean backfilling;

    VectorIndex(String name, String attribute, long dimensions, String distance, List<SchemaElement> searchSchema,
            String projectionType, List<String> nonKeyAttributes, String arn) {
        this.name = name;
        this.attribute = attribute;
        this.dimensions = dimensions;
        this.distance = distance;
        this.searchSchema = searchSchema == null ? List.of() : List.copyOf(searchSchema);
        this.projectionType = projectionType;
        this.nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
        this.arn = arn;
    }

    /** The vector index partition key attribute, or null. */
    String hashAttribute() {
        for (SchemaElement e : searchSchema) {
            if (e.type().equals("HASH")) {
                return e.attribute();
            }
        }
        return null;
    }

    boolean inSchema(String attribute) {
        return searchSchema.stream().anyMatch(e -> e.attribute().equals(attribute));
    }

    /**
     * The item's vector at 32-bit precision (DynamoDB stores embeddings as f32, VectorSearch.Requirements.html), or
     * null if the item is not in this index: no vector attribute, or no value for the vector index partition key.
     */
    float[] vectorOf(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(attribute);
        String hash = hashAttribute();
        if (v == null || (hash != null && item.get(hash) == null)) {
            return null;
        }
        return floats(v, (int) dimensions);
    }

    /** A List of Numbers of {@code dims} elements as floats; null if it is not one. */
    static float[] floats(AttributeValue v, int dims) {
        if (v.l() == null || !v.hasL() || v.l().size() != dims) {
            return null;
        }
        float[] out = new float[dims];
        for (int i = 0; i < dims; i++) {
            AttributeValue e = v.l().get(i);
            if (e.n() == null) {
                return null;
            }
            out[i] = new BigDecimal(e.n()).floatValue();
            if (!Float.isFinite(out[i])) {
                return null;
            }
        }
        return out;
    }

    /**
     * Refuses a write whose vector attribute is not a List of {@code Dimensions} Numbers, or whose search schema
     * attribute has another type than its attribute definition: DynamoDB rejects such writes
     * (VectorSearchTroubleshooting.html, "Write rejected ..."). The messages are Gureum's wording.
     */
    static void checkItem(Table t, Map<String, AttributeValue> item) {
        for (VectorIndex vx : t.vectorIndexes.values()) {
            if (vx.status.equals("DELETING")) {
                continue;
            }
            AttributeValue v = item.get(vx.attribute);
            if (v != null) {
                if (!"L".equals(Values.type(v))) {
                    throw DynamoErrors.validation("One or more parameter values were invalid: Invalid type for vector"
                            + " attribute " + vx.attribute + " of vector index " + vx.name + ": expected a List (L) of"
                            + " Numbers (N), actual: " + Values.type(v));
                }
                for (int i = 0; i < v.l().size(); i++) {
                    if (!"N".equals(Values.type(v.l().get(i)))) {
                        throw DynamoErrors.validation("One or more parameter values were invalid: Invalid type for"
                                + " element [" + i + "] of vector attribute " + vx.attribute + " of vector index " + vx.name
                                + ": expected N, actual: " + Values.type(v.l().get(i)));
                    }
                }
                if (v.l().size() != vx.dimensions) {
                    throw DynamoErrors.validation("One or more parameter values were invalid: Vector attribute "
                            + vx.attribute + " has " + v.l().size() + " dimensions but vector index " + vx.name
                            + " expects " + vx.dimensions);
                }
                if (floats(v, (int) vx.dimensions) == null) {
                    throw DynamoErrors.validation("One or more parameter values were invalid: Vector attribute "
                            + vx.attribute + " of vector index " + vx.name + " holds a number outside the 32-bit"
                            + " floating point range");
                }
            }
            for (SchemaElement e : vx.searchSchema) {
                AttributeValue s = item.get(e.attribute());
                String expected = t.attributeTypes.get(e.attribute());
                if (s != null && expected != null && !expected.equals(Values.type(s))) {
                    throw DynamoErrors.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                            + e.attribute() + " Expected: " + expected + " Actual: " + Values.type(s) + " IndexName: "
                            + vx.name);
                }
            }
        }
    }

    /**
     * What the index holds of {@code item}: the table's key and the search schema attributes, plus the listed
     * non-key attributes ({@code INCLUDE}), or everything ({@code ALL}).
     */
    Map<String, AttributeValue> project(Map<String, AttributeValue> item, KeySchema table) {
        if (projectionType.equals("ALL")) {
            return item;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (String k : table.names()) {
            out.put(k, item.get(k));
        }
        for (SchemaElement e : searchSchema) {
            AttributeValue v = item.get(e.attribute());
            if (v != null) {
                out.put(e.attribute(), v);
            }
        }
        if (projectionType.equals("INCLUDE")) {
            for (String k : nonKeyAttributes) {
                AttributeValue v = item.get(k);
                if (v != null) {
                    out.put(k, v);
                }
            }
        }
        return out;
    }

    /**
     * The score of {@code stored} against {@code query} (SearchVectors): COSINE is one minus the cosine similarity
     * (0 identical to 2 opposite), EUCLIDEAN the distance, DOT_PRODUCT the dot product. Null when the cosine is
     * undefined (a zero vector).
     */
    Double score(float[] query, float[] stored) {
        double dot = 0;
        double qq = 0;
        double ss = 0;
        double sq = 0;
        for (int i = 0; i < query.length; i++) {
            double q = query[i];
            double s = stored[i];
            dot += q * s;
            qq += q * q;
            ss += s * s;
            sq += (q - s) * (q - s);
        }
        return switch (distance) {
            // Clamped: rounding can take the cosine a hair beyond [-1, 1].
            case "COSINE" -> qq == 0 || ss == 0 ? null
                    : Math.min(2, Math.max(0, 1 - dot / (Math.sqrt(qq) * Math.sqrt(ss))));
            case "EUCLIDEAN" -> Math.sqrt(sq);
            default -> dot;
        };
    }

    /** Whether higher scores are more similar (DOT_PRODUCT) rather than lower ones. */
    boolean higherIsCloser() {
        return distance.equals("DOT_PRODUCT");
    }
}
