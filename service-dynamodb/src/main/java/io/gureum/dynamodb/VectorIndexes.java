package io.gureum.dynamodb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * CreateTable's {@code VectorIndexes}, UpdateTable's {@code VectorIndexUpdates} and DescribeTable's vector index
 * descriptions. The limits are the API reference's (CreateVectorIndexAction, SearchSchemaElement,
 * VectorAttributeDefinition) and CloudFormation's {@code AWS::DynamoDB::Table VectorIndex} (at most 4096 dimensions);
 * vector indexes need an on-demand table (VectorSearchWorkingWith.html, "Before you begin"). Messages DynamoDB
 * documents (VectorSearchTroubleshooting.html) are its own; the others are Gureum's wording.
 */
final class VectorIndexes {
    static final long MAX_DIMENSIONS = 4096;
    private static final Set<String> DISTANCES = Set.of("COSINE", "DOT_PRODUCT", "EUCLIDEAN");
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_.-]+");

    private VectorIndexes() {
    }

    /** The index a CreateTable {@code VectorIndex} or an UpdateTable {@code Create} action describes, validated. */
    static VectorIndex build(Table t, Map<String, String> types, String field, String name,
            VectorAttributeDefinition attribute, Long dimensions, String distance, List<SearchSchemaElement> schema,
            boolean schemaSent, Projection projection) {
        if (name == null) {
            throw DynamoErrors.constraint(null, field + ".indexName", "Member must not be null");
        }
        if (name.length() < 3 || name.length() > 255) {
            throw DynamoErrors.constraint(name, field + ".indexName", name.length() < 3
                    ? "Member must have length greater than or equal to 3" : "Member must have length less than or equal to 255");
        }
        if (!NAME.matcher(name).matches()) {
            throw DynamoErrors.constraint(name, field + ".indexName",
                    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        if (attribute == null || attribute.attributeName() == null) {
            throw DynamoErrors.constraint(null, field + ".vectorAttribute" + (attribute == null ? "" : ".attributeName"),
                    "Member must not be null");
        }
        String attr = attribute.attributeName();
        if (attr.isEmpty() || attr.length() > 255) {
            throw DynamoErrors.constraint(attr, field + ".vectorAttribute.attributeName", attr.isEmpty()
                    ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 255");
        }
        if (dimensions == null) {
            throw DynamoErrors.constraint(null, field + ".dimensions", "Member must not be null");
        }
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw DynamoErrors.constraint(dimensions, field + ".dimensions", dimensions < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to " + MAX_DIMENSIONS);
        }
        if (distance == null || !DISTANCES.contains(distance)) {
            throw DynamoErrors.constraint(distance, field + ".distanceFunction",
                    distance == null ? "Member must not be null" : "Member must satisfy enum value set: [COSINE, DOT_PRODUCT, EUCLIDEAN]");
        }
        if (projection == null) {
            throw DynamoErrors.constraint(null, field + ".projection", "Member must not be null");
        }
        String type = projection.projectionTypeAsString() == null ? "ALL" : projection.projectionTypeAsString();
        List<String> nonKey = projection.hasNonKeyAttributes() ? projection.nonKeyAttributes() : List.of();
        if (!type.equals("INCLUDE") && !nonKey.isEmpty()) {
            throw DynamoErrors.validation("One or more parameter values were invalid: ProjectionType is " + type
                    + ", but NonKeyAttributes is specified");
        }
        if (schemaSent && (schema == null || schema.isEmpty())) {
            throw DynamoErrors.constraint("[]", field + ".searchSchema", "Member must have length greater than or equal to 1");
        }
        List<VectorIndex.SchemaElement> elements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int hashes = 0;
        for (SearchSchemaElement e : schema == null ? List.<SearchSchemaElement>of() : schema) {
            String role = e.searchSchemaElementTypeAsString();
            if (e.attributeName() == null || role == null) {
                throw DynamoErrors.constraint(null, field + ".searchSchema.member."
                        + (e.attributeName() == null ? "attributeName" : "searchSchemaElementType"), "Member must not be null");
            }
            if (!role.equals("HASH") && !role.equals("INLINE_FILTER")) {
                throw DynamoErrors.constraint(role, field + ".searchSchema.member.searchSchemaElementType",
                        "Member must satisfy enum value set: [HASH, INLINE_FILTER]");
            }
            if (!types.containsKey(e.attributeName())) {
                throw DynamoErrors.validation("One element in SearchSchema is not defined in attribute definitions");
            }
            if (!seen.add(e.attributeName())) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Duplicate attribute in SearchSchema: "
                        + e.attributeName() + " for vector index: " + name);
            }
            if (role.equals("HASH") && ++hashes > 1) {
                throw DynamoErrors.validation("One or more parameter values were invalid: A vector index SearchSchema can have"
                        + " at most one HASH element: " + name);
            }
            elements.add(new VectorIndex.SchemaElement(e.attributeName(), role));
        }
        if (types.containsKey(attr) || seen.contains(attr)) {
            throw DynamoErrors.validation("One or more parameter values were invalid: The vector attribute " + attr
                    + " of vector index " + name + " cannot be a key or SearchSchema attribute");
        }
        if (!"PAY_PER_REQUEST".equals(t.billingMode)) {
            throw DynamoErrors.validation("One or more parameter values were invalid: Vector indexes are supported only on"
                    + " tables that use on-demand capacity mode (PAY_PER_REQUEST)");
        }
        if (t.indexes.containsKey(name) || t.vectorIndexes.containsKey(name)) {
            throw DynamoErrors.validation("One or more parameter values were invalid: Duplicate index name: " + name);
        }
        for (VectorIndex other : t.vectorIndexes.values()) {
            if (other.attribute.equals(attr) && other.dimensions != dimensions && !other.status.equals("DELETING")) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Vector indexes on the same"
                        + " attribute must use the same number of dimensions. Attribute: " + attr + ", index " + other.name
                        + ": " + other.dimensions + ", index " + name + ": " + dimensions);
            }
        }
        return new VectorIndex(name, attr, dimensions, distance, elements, type, nonKey, t.arn + "/index/" + name);
    }

    /** CreateTable's vector indexes, CREATING until the table is ACTIVE. Returns the search schema attributes. */
    static Set<String> create(Table t, Map<String, String> types, List<software.amazon.awssdk.services.dynamodb.model.VectorIndex> in) {
        Set<String> used = new HashSet<>();
        for (software.amazon.awssdk.services.dynamodb.model.VectorIndex v : in) {
            VectorIndex vx = build(t, types, "vectorIndexes.member", v.indexName(), v.vectorAttribute(), v.dimensions(),
                    v.distanceFunctionAsString(), v.searchSchema(), v.hasSearchSchema(), v.projection());
            vx.status = "CREATING";
            t.vectorIndexes.put(vx.name, vx);
            vx.searchSchema.forEach(e -> used.add(e.attribute()));
        }
        return used;
    }

    /**
     * UpdateTable's {@code VectorIndexUpdates}: a created index is CREATING and backfilling until the table settles,
     * a deleted one DELETING until then. A refused update changes nothing.
     */
    static void update(Table t, Map<String, String> types, List<VectorIndexUpdate> updates) {
        List<VectorIndex> created = new ArrayList<>();
        List<VectorIndex> deleted = new ArrayList<>();
        Map<String, VectorIndex> before = new java.util.LinkedHashMap<>(t.vectorIndexes);
        try {
            for (VectorIndexUpdate u : updates) {
                if ((u.create() == null) == (u.delete() == null)) {
                    throw DynamoErrors.validation("One or more parameter values were invalid: One of Create or Delete must be"
                            + " specified in a VectorIndexUpdate");
                }
                if (u.create() != null) {
                    CreateVectorIndexAction c = u.create();
                    VectorIndex vx = build(t, types, "vectorIndexUpdates.member.create", c.indexName(), c.vectorAttribute(),
                            c.dimensions(), c.distanceFunctionAsString(), c.searchSchema(), c.hasSearchSchema(), c.projection());
                    vx.status = "CREATING";
                    vx.backfilling = true;
                    t.vectorIndexes.put(vx.name, vx);
                    created.add(vx);
                } else {
                    String name = u.delete().indexName();
                    VectorIndex vx = name == null ? null : t.vectorIndexes.get(name);
                    if (vx == null || vx.status.equals("DELETING")) {
                        throw DynamoErrors.notFound();
                    }
                    if (vx.status.equals("CREATING")) {
                        throw DynamoErrors.inUse("Attempt to change a resource which is still in use: Index is being created: "
                                + name);
                    }
                    deleted.add(vx);
                }
            }
        } catch (RuntimeException e) {
            t.vectorIndexes.clear();
            t.vectorIndexes.putAll(before);
            throw e;
        }
        deleted.forEach(vx -> vx.status = "DELETING");
        for (VectorIndex vx : created) {
            vx.searchSchema.forEach(e -> t.attributeTypes.put(e.attribute(), types.get(e.attribute())));
        }
    }

    /** Settles vector indexes with their table: CREATING becomes ACTIVE, DELETING ones are gone. */
    static void settle(Table t) {
        t.vectorIndexes.values().removeIf(vx -> vx.status.equals("DELETING"));
        for (VectorIndex vx : t.vectorIndexes.values()) {
            vx.status = "ACTIVE";
            vx.backfilling = false;
        }
    }

    /**
     * Adds to a write's {@code ConsumedCapacity} (asked with {@code INDEXES}) the {@code VectorIndexes} map: for each
     * vector index whose entry for the item changed, {@code VectorWriteRequestBytes}, here the size of what the index
     * holds of the item after the write (before it, for a delete). A write that leaves an index's entry as it was
     * consumes nothing there (VectorSearchMonitoring.html).
     */
    static ConsumedCapacity withWrites(ConsumedCapacity c, String mode, Table t,
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> old,
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> next) {
        return withWrites(c, mode, writes(t, old, next));
    }

    /** {@code c} with the vector write bytes by index, when asked with {@code INDEXES} and there are any. */
    static ConsumedCapacity withWrites(ConsumedCapacity c, String mode, Map<String, Double> writes) {
        if (c == null || !"INDEXES".equals(mode) || writes == null || writes.isEmpty()) {
            return c;
        }
        Map<String, VectorCapacity> m = new java.util.LinkedHashMap<>();
        writes.forEach((k, v) -> m.put(k, VectorCapacity.builder().vectorWriteRequestBytes(v).build()));
        return c.toBuilder().vectorIndexes(m).build();
    }

    /** The vector write bytes one item's change costs each vector index whose entry changed. */
    static Map<String, Double> writes(Table t, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> old,
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> next) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (VectorIndex vx : t.vectorIndexes.values()) {
            if (vx.status.equals("DELETING")) {
                continue;
            }
            var before = old == null || vx.vectorOf(old) == null ? null : vx.project(old, t.key);
            var after = next == null || vx.vectorOf(next) == null ? null : vx.project(next, t.key);
            if (!java.util.Objects.equals(before, after)) {
                out.put(vx.name, (double) io.gureum.dynamodb.expression.Values.itemSize(after != null ? after : before));
            }
        }
        return out;
    }

    static List<VectorIndexDescription> describe(Table t) {
        List<VectorIndexDescription> out = new ArrayList<>();
        for (VectorIndex vx : t.vectorIndexes.values()) {
            long count = 0;
            long bytes = 0;
            for (var p : t.data.all().values()) {
                for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item : p.values()) {
                    if (vx.vectorOf(item) != null) {
                        count++;
                        bytes += io.gureum.dynamodb.expression.Values.itemSize(vx.project(item, t.key));
                    }
                }
            }
            Projection.Builder p = Projection.builder().projectionType(vx.projectionType);
            if (!vx.nonKeyAttributes.isEmpty()) {
                p.nonKeyAttributes(vx.nonKeyAttributes);
            }
            VectorIndexDescription.Builder b = VectorIndexDescription.builder().indexName(vx.name)
                    .vectorAttribute(VectorAttributeDefinition.builder().attributeName(vx.attribute).build())
                    .dimensions(vx.dimensions).distanceFunction(vx.distance).projection(p.build())
                    .indexStatus(vx.status).itemCount(count).indexSizeBytes(bytes).indexArn(vx.arn);
            if (!vx.searchSchema.isEmpty()) {
                b.searchSchema(vx.searchSchema.stream().map(e -> SearchSchemaElement.builder().attributeName(e.attribute())
                        .searchSchemaElementType(e.type()).build()).toList());
            }
            if (vx.backfilling) {
                b.backfilling(true);
            }
            out.add(b.build());
        }
        return out;
    }
}
