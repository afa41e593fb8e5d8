package io.gureum.cloudformation.resource.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * {@code AWS::DynamoDB::Table} with global and local secondary indexes, streams and TTL. {@code Ref} is the
 * table name; {@code Fn::GetAtt} gives {@code Arn} and {@code StreamArn}. {@code TableName},
 * {@code KeySchema}, {@code LocalSecondaryIndexes} and {@code ImportSourceSpecification} replace the table;
 * the rest changes in place, one UpdateTable change at a time (DynamoDB takes one index creation or deletion
 * per call), each waiting for the table and its indexes to be {@code ACTIVE} as AWS's handler does, without holding
 * a thread ({@link Polling}).
 */
public final class TableHandler implements AsyncResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AttributeDefinitions", "BillingMode", "DeletionProtectionEnabled", "GlobalSecondaryIndexes",
            "KeySchema", "LocalSecondaryIndexes", "PointInTimeRecoverySpecification", "ProvisionedThroughput",
            "SSESpecification", "StreamSpecification", "TableClass", "TableName", "Tags", "TimeToLiveSpecification");

    @Override
    public String type() {
        return "AWS::DynamoDB::Table";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TableName", "KeySchema", "LocalSecondaryIndexes", "ImportSourceSpecification");
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        DynamoDbClient ddb = r.client(DynamoDbClient.class);
        String name = r.has("TableName") ? r.text("TableName") : r.generatedName(255);
        List<Tag> tags = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        elements(r.property("GlobalSecondaryIndexes")).forEach(g -> gsis.add(gsi(g)));
        List<LocalSecondaryIndex> lsis = new ArrayList<>();
        elements(r.property("LocalSecondaryIndexes")).forEach(l -> lsis.add(LocalSecondaryIndex.builder()
                .indexName(Json.text(l, "IndexName")).keySchema(keys(l.get("KeySchema")))
                .projection(projection(l.get("Projection"))).build()));
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(attributes(r.property("AttributeDefinitions"))).keySchema(keys(r.property("KeySchema")))
                .billingMode(r.text("BillingMode")).provisionedThroughput(throughput(r.property("ProvisionedThroughput")))
                .globalSecondaryIndexes(gsis.isEmpty() ? null : gsis).localSecondaryIndexes(lsis.isEmpty() ? null : lsis)
                .streamSpecification(stream(r.property("StreamSpecification"))).sseSpecification(sse(r.property(
                        "SSESpecification")))
                .tableClass(r.text("TableClass")).deletionProtectionEnabled(r.bool("DeletionProtectionEnabled"))
                .tags(tags.isEmpty() ? null : tags);
        ddb.createTable(b.build());
        return awaitActive(ddb, name).thenApply(x -> {
            JsonNode ttl = r.property("TimeToLiveSpecification");
            if (ttl != null && Boolean.TRUE.equals(Json.bool(ttl, "Enabled"))) {
                ddb.updateTimeToLive(u -> u.tableName(name).timeToLiveSpecification(t -> t.enabled(true)
                        .attributeName(Json.text(ttl, "AttributeName"))));
            }
            JsonNode pitr = r.property("PointInTimeRecoverySpecification");
            if (pitr != null && Boolean.TRUE.equals(Json.bool(pitr, "PointInTimeRecoveryEnabled"))) {
                ddb.updateContinuousBackups(u -> u.tableName(name).pointInTimeRecoverySpecification(p -> p
                        .pointInTimeRecoveryEnabled(true)));
            }
            return result(ddb, name);
        });
    }

    @Override
    public Created update(ResourceRequest r) {
        return AsyncResourceHandler.join(updateAsync(r));
    }

    /**
     * The changes one after the other, each UpdateTable followed by the wait for the table to be {@code ACTIVE}
     * ({@link #changed}); the first runs on the caller's thread, the rest when the previous wait ends.
     */
    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        DynamoDbClient ddb = r.client(DynamoDbClient.class);
        String name = r.physicalId();
        Set<String> changed = r.changedProperties();
        JsonNode before = r.previousProperties();
        List<AttributeDefinition> attributes = attributes(r.property("AttributeDefinitions"));
        CompletableFuture<Void> steps = CompletableFuture.completedFuture(null);
        if (changed.contains("BillingMode") || changed.contains("ProvisionedThroughput")) {
            String mode = r.has("BillingMode") ? r.text("BillingMode") : "PROVISIONED";
            steps = changed(steps, ddb, name, () -> ddb.updateTable(x -> x.tableName(name).billingMode(mode)
                    .provisionedThroughput("PAY_PER_REQUEST".equals(mode) ? null
                            : throughput(r.property("ProvisionedThroughput")))));
        }
        if (changed.contains("GlobalSecondaryIndexes")) {
            Map<String, JsonNode> was = byName(before.get("GlobalSecondaryIndexes"));
            Map<String, JsonNode> now = byName(r.property("GlobalSecondaryIndexes"));
            // Indexes are added and removed against the table's own: an update rollback reverting an update that
            // failed partway gets as previous properties the ones attempted, and some of those were never made.
            Set<String> onTable = new java.util.HashSet<>();
            ddb.describeTable(x -> x.tableName(name)).table().globalSecondaryIndexes()
                    .forEach(g -> onTable.add(g.indexName()));
            for (String index : onTable) {
                if (!now.containsKey(index)) {
                    steps = changed(steps, ddb, name, () -> ddb.updateTable(x -> x.tableName(name)
                            .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                                    .delete(d -> d.indexName(index)).build())));
                }
            }
            for (Map.Entry<String, JsonNode> e : now.entrySet()) {
                JsonNode old = was.get(e.getKey());
                if (!onTable.contains(e.getKey())) {
                    GlobalSecondaryIndex g = gsi(e.getValue());
                    steps = changed(steps, ddb, name, () -> ddb.updateTable(x -> x.tableName(name)
                            .attributeDefinitions(attributes).globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate
                                    .builder().create(c -> c.indexName(g.indexName()).keySchema(g.keySchema())
                                            .projection(g.projection()).provisionedThroughput(g.provisionedThroughput()))
                                    .build())));
                } else if (old != null
                        && !Objects.equals(old.get("ProvisionedThroughput"), e.getValue().get("ProvisionedThroughput"))
                        && e.getValue().has("ProvisionedThroughput")) {
                    ProvisionedThroughput t = throughput(e.getValue().get("ProvisionedThroughput"));
                    steps = changed(steps, ddb, name, () -> ddb.updateTable(x -> x.tableName(name)
                            .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                                    .update(u -> u.indexName(e.getKey()).provisionedThroughput(t)).build())));
                }
            }
        }
        if (changed.contains("StreamSpecification")) {
            if (before.hasNonNull("StreamSpecification")) {
                steps = changed(steps, ddb, name, () -> ddb.updateTable(x -> x.tableName(name)
                        .streamSpecification(s -> s.streamEnabled(false))));
            }
            if (r.has("StreamSpecification")) {
                steps = changed(steps, ddb, name, () -> ddb.updateTable(x -> x.tableName(name)
                        .streamSpecification(stream(r.property("StreamSpecification")))));
            }
        }
        if (changed.contains("SSESpecification")) {
            SSESpecification sse = r.has("SSESpecification") ? sse(r.property("SSESpecification"))
                    : SSESpecification.builder().enabled(false).build();
            steps = changed(steps, ddb, name, () -> ddb.updateTable(x -> x.tableName(name).sseSpecification(sse)));
        }
        if (changed.contains("DeletionProtectionEnabled")) {
            steps = steps.thenRun(() -> ddb.updateTable(x -> x.tableName(name).deletionProtectionEnabled(
                    Boolean.TRUE.equals(r.bool("DeletionProtectionEnabled")))));
        }
        if (changed.contains("TableClass")) {
            steps = changed(steps, ddb, name, () -> ddb.updateTable(x -> x.tableName(name).tableClass(
                    r.has("TableClass") ? r.text("TableClass") : "STANDARD")));
        }
        return steps.thenApply(x -> {
            if (changed.contains("TimeToLiveSpecification")) {
                JsonNode ttl = r.property("TimeToLiveSpecification");
                JsonNode oldTtl = before.get("TimeToLiveSpecification");
                boolean on = ttl != null && Boolean.TRUE.equals(Json.bool(ttl, "Enabled"));
                String attribute = on ? Json.text(ttl, "AttributeName") : Json.text(oldTtl, "AttributeName");
                if (attribute != null) {
                    ddb.updateTimeToLive(u -> u.tableName(name).timeToLiveSpecification(t -> t.enabled(on)
                            .attributeName(attribute)));
                }
            }
            if (changed.contains("PointInTimeRecoverySpecification")) {
                JsonNode pitr = r.property("PointInTimeRecoverySpecification");
                boolean on = pitr != null && Boolean.TRUE.equals(Json.bool(pitr, "PointInTimeRecoveryEnabled"));
                ddb.updateContinuousBackups(u -> u.tableName(name).pointInTimeRecoverySpecification(p -> p
                        .pointInTimeRecoveryEnabled(on)));
            }
            String arn = ddb.describeTable(u -> u.tableName(name)).table().tableArn();
            if (changed.contains("Tags")) {
                retag(ddb, arn, r.tagsWithTemplate("Tags"));
            }
            return result(ddb, name);
        });
    }

    /** After {@code steps}: {@code change} (an UpdateTable), then the wait for the table to be {@code ACTIVE}. */
    static CompletableFuture<Void> changed(CompletableFuture<Void> steps, DynamoDbClient ddb, String name,
            Runnable change) {
        return steps.thenCompose(x -> {
            change.run();
            return awaitActive(ddb, name);
        });
    }

    /** Makes a table's tags {@code now}: removes the others, then sets these. */
    static void retag(DynamoDbClient ddb, String arn, Map<String, String> now) {
        List<String> removed = new ArrayList<>(ddb.listTagsOfResource(x -> x.resourceArn(arn)).tags().stream()
                .map(Tag::key).toList());
        removed.removeAll(now.keySet());
        if (!removed.isEmpty()) {
            ddb.untagResource(x -> x.resourceArn(arn).tagKeys(removed));
        }
        List<Tag> tags = new ArrayList<>();
        now.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        if (!tags.isEmpty()) {
            ddb.tagResource(x -> x.resourceArn(arn).tags(tags));
        }
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            // A table with deletion protection fails the delete, as on AWS.
            r.client(DynamoDbClient.class).deleteTable(b -> b.tableName(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    /** A future completed when the table and its indexes are {@code ACTIVE} ({@link Polling#settled}). */
    static CompletableFuture<Void> awaitActive(DynamoDbClient ddb, String name) {
        return Polling.settled("Table " + name, () -> {
            TableDescription t = ddb.describeTable(x -> x.tableName(name)).table();
            return "ACTIVE".equals(t.tableStatusAsString()) && t.globalSecondaryIndexes().stream()
                    .allMatch(i -> "ACTIVE".equals(i.indexStatusAsString()));
        });
    }

    private static Created result(DynamoDbClient ddb, String name) {
        TableDescription t = ddb.describeTable(x -> x.tableName(name)).table();
        return Created.of(name).attribute("Arn", t.tableArn()).attribute("StreamArn", t.latestStreamArn());
    }

    static List<JsonNode> elements(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(out::add);
        }
        return out;
    }

    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        elements(list).forEach(g -> out.put(Json.text(g, "IndexName"), g));
        return out;
    }

    static List<AttributeDefinition> attributes(JsonNode list) {
        List<AttributeDefinition> out = new ArrayList<>();
        elements(list).forEach(a -> out.add(AttributeDefinition.builder().attributeName(Json.text(a, "AttributeName"))
                .attributeType(Json.text(a, "AttributeType")).build()));
        return out;
    }

    static List<KeySchemaElement> keys(JsonNode list) {
        List<KeySchemaElement> out = new ArrayList<>();
        elements(list).forEach(k -> out.add(KeySchemaElement.builder().attributeName(Json.text(k, "AttributeName"))
                .keyType(Json.text(k, "KeyType")).build()));
        return out;
    }

    static Projection projection(JsonNode p) {
        if (p == null) {
            return null;
        }
        List<String> nonKey = Json.strings(p.get("NonKeyAttributes"));
        return Projection.builder().projectionType(Json.text(p, "ProjectionType"))
                .nonKeyAttributes(nonKey.isEmpty() ? null : nonKey).build();
    }

    private static ProvisionedThroughput throughput(JsonNode t) {
        return t == null ? null : ProvisionedThroughput.builder()
                .readCapacityUnits(Long.valueOf(Json.text(t, "ReadCapacityUnits")))
                .writeCapacityUnits(Long.valueOf(Json.text(t, "WriteCapacityUnits"))).build();
    }

    static GlobalSecondaryIndex gsi(JsonNode g) {
        return GlobalSecondaryIndex.builder().indexName(Json.text(g, "IndexName")).keySchema(keys(g.get("KeySchema")))
                .projection(projection(g.get("Projection"))).provisionedThroughput(throughput(g.get(
                        "ProvisionedThroughput"))).build();
    }

    private static StreamSpecification stream(JsonNode s) {
        return s == null ? null : StreamSpecification.builder().streamEnabled(true)
                .streamViewType(Json.text(s, "StreamViewType")).build();
    }

    static SSESpecification sse(JsonNode s) {
        return s == null ? null : SSESpecification.builder().enabled(Json.bool(s, "SSEEnabled"))
                .sseType(Json.text(s, "SSEType")).kmsMasterKeyId(Json.text(s, "KMSMasterKeyId")).build();
    }
}
