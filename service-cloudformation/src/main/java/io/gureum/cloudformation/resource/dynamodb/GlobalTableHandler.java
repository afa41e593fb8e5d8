package io.gureum.cloudformation.resource.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import io.gureum.core.spi.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
/**
 * {@code AWS::DynamoDB::GlobalTable} (global tables version 2019.11.21): the table in the stack's region, then
 * one UpdateTable {@code ReplicaUpdates} create per other region of {@code Replicas}, each copy waited to
 * {@code ACTIVE}. {@code Ref} is the table name; {@code Fn::GetAtt} gives {@code Arn}, {@code StreamArn} and
 * {@code TableId} of the stack region's replica. {@code TableName}, {@code KeySchema} and
 * {@code LocalSecondaryIndexes} replace it; replicas added or removed, their {@code Tags} and
 * {@code DeletionProtectionEnabled}, and {@code TimeToLiveSpecification} change in place. {@code Replicas}
 * must list the stack's region, as AWS requires. Delete removes the other regions' replicas, then the table.
 * Only on-demand billing is served ({@code BillingMode: PAY_PER_REQUEST}). No wait holds a thread
 * ({@code Polling}).
 */
public final class GlobalTableHandler implements AsyncResourceHandler {
    private static final Set<String> SERVED = Set.of("AttributeDefinitions", "BillingMode", "GlobalSecondaryIndexes",
            "KeySchema", "LocalSecondaryIndexes", "Replicas", "SSESpecification", "StreamSpecification", "TableName",
            "TimeToLiveSpecification");
    private static final Set<String> REPLICA_SERVED = Set.of("Region", "Tags", "DeletionProtectionEnabled");

    @Override
    public String type() {
        return "AWS::DynamoDB::GlobalTable";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TableName", "KeySchema", "LocalSecondaryIndexes");
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Map<String, JsonNode> replicas = check(r);
        DynamoDbClient ddb = r.client(DynamoDbClient.class);
        String name = r.has("TableName") ? r.text("TableName") : r.generatedName(255);
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        TableHandler.elements(r.property("GlobalSecondaryIndexes")).forEach(g -> gsis.add(TableHandler.gsi(g)));
        List<LocalSecondaryIndex> lsis = new ArrayList<>();
        TableHandler.elements(r.property("LocalSecondaryIndexes")).forEach(l -> lsis.add(LocalSecondaryIndex
                .builder().indexName(Json.text(l, "IndexName")).keySchema(TableHandler.keys(l.get("KeySchema")))
                .projection(TableHandler.projection(l.get("Projection"))).build()));
        JsonNode stream = r.property("StreamSpecification");
        ddb.createTable(b -> b.tableName(name).attributeDefinitions(TableHandler.attributes(r.property(
                "AttributeDefinitions"))).keySchema(TableHandler.keys(r.property("KeySchema")))
                .billingMode("PAY_PER_REQUEST").globalSecondaryIndexes(gsis.isEmpty() ? null : gsis)
                .localSecondaryIndexes(lsis.isEmpty() ? null : lsis)
                .sseSpecification(TableHandler.sse(r.property("SSESpecification")))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(stream == null
                        ? "NEW_AND_OLD_IMAGES" : Json.text(stream, "StreamViewType"))));
        CompletableFuture<Void> steps = TableHandler.awaitActive(ddb, name);
        for (String region : replicas.keySet()) {
            if (!region.equals(r.stack().region())) {
                steps = addReplica(steps, r, ddb, name, region);
            }
        }
        return steps.thenApply(x -> {
            replicas.forEach((region, replica) -> settings(r, name, region, replica, null));
            ttl(r, ddb, name, null);
            return result(ddb, name);
        });
    }

    @Override
    public Created update(ResourceRequest r) {
        return AsyncResourceHandler.join(updateAsync(r));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Map<String, JsonNode> now = check(r);
        Map<String, JsonNode> before = replicas(r.previousProperties().get("Replicas"));
        Set<String> changed = r.changedProperties();
        Set<String> unsupported = new java.util.TreeSet<>(changed);
        unsupported.removeAll(Set.of("Replicas", "TimeToLiveSpecification"));
        if (!unsupported.isEmpty()) {
            throw new ResourceFailure("Gureum does not update the " + type() + " properties " + unsupported
                    + " in place");
        }
        DynamoDbClient ddb = r.client(DynamoDbClient.class);
        String name = r.physicalId();
        CompletableFuture<Void> steps = CompletableFuture.completedFuture(null);
        for (String region : before.keySet()) {
            if (!now.containsKey(region)) {
                steps = TableHandler.changed(steps, ddb, name, () -> ddb.updateTable(b -> b.tableName(name)
                        .replicaUpdates(ReplicationGroupUpdate.builder().delete(d -> d.regionName(region)).build())));
            }
        }
        for (String region : now.keySet()) {
            if (!before.containsKey(region)) {
                steps = addReplica(steps, r, ddb, name, region);
            }
        }
        return steps.thenApply(x -> {
            now.forEach((region, replica) -> settings(r, name, region, replica, before.get(region)));
            ttl(r, ddb, name, r.previousProperties().get("TimeToLiveSpecification"));
            return result(ddb, name);
        });
    }

    @Override
    public void delete(ResourceRequest r) {
        AsyncResourceHandler.join(deleteAsync(r));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        DynamoDbClient ddb = r.client(DynamoDbClient.class);
        TableDescription t;
        try {
            t = ddb.describeTable(b -> b.tableName(r.physicalId())).table();
        } catch (ResourceNotFoundException gone) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> steps = CompletableFuture.completedFuture(null);
        for (String region : t.replicas().stream().map(x -> x.regionName())
                .filter(region -> !region.equals(r.stack().region())).toList()) {
            steps = TableHandler.changed(steps, ddb, r.physicalId(), () -> ddb.updateTable(b -> b
                    .tableName(r.physicalId()).replicaUpdates(ReplicationGroupUpdate.builder()
                            .delete(d -> d.regionName(region)).build())));
        }
        return steps.thenRun(() -> {
            try {
                ddb.deleteTable(b -> b.tableName(r.physicalId()));
            } catch (ResourceNotFoundException gone) {
                // Already deleted.
            }
        });
    }

    /** The template's replicas by region, after refusing what the handler does not apply. */
    private Map<String, JsonNode> check(ResourceRequest r) {
        Served.check(r, SERVED);
        if (r.has("BillingMode") && !"PAY_PER_REQUEST".equals(r.text("BillingMode"))) {
            throw new ResourceFailure("Gureum emulates " + type() + " with BillingMode PAY_PER_REQUEST only");
        }
        Map<String, JsonNode> replicas = replicas(r.property("Replicas"));
        for (JsonNode replica : replicas.values()) {
            Set<String> unserved = new java.util.TreeSet<>();
            replica.fieldNames().forEachRemaining(f -> {
                if (!REPLICA_SERVED.contains(f)) {
                    unserved.add(f);
                }
            });
            if (!unserved.isEmpty()) {
                throw new ResourceFailure("Gureum does not emulate the " + type() + " replica properties " + unserved);
            }
        }
        if (!replicas.containsKey(r.stack().region())) {
            throw new ResourceFailure("You must specify a replica in the region where the stack is deployed ("
                    + r.stack().region() + ")");
        }
        return replicas;
    }

    private static Map<String, JsonNode> replicas(JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        TableHandler.elements(list).forEach(x -> out.put(Json.text(x, "Region"), x));
        return out;
    }

    /** After {@code steps}: the replica in {@code region} created, and the table ACTIVE in both regions. */
    private static CompletableFuture<Void> addReplica(CompletableFuture<Void> steps, ResourceRequest r,
            DynamoDbClient ddb, String name, String region) {
        return TableHandler.changed(steps, ddb, name, () -> ddb.updateTable(b -> b.tableName(name).replicaUpdates(
                ReplicationGroupUpdate.builder().create(c -> c.regionName(region)).build())))
                .thenCompose(x -> TableHandler.awaitActive(in(r, region), name));
    }

    /** A client of DynamoDB in {@code region}, acting as the stack's caller there. */
    private static DynamoDbClient in(ResourceRequest r, String region) {
        Caller c = r.caller();
        return r.clients().client(DynamoDbClient.class, new Caller(c.accountId(), region, c.principal(),
                c.sourceArn()));
    }

    /** A replica's tags (the template's and CloudFormation's) and deletion protection. */
    private static void settings(ResourceRequest r, String name, String region, JsonNode replica, JsonNode before) {
        DynamoDbClient ddb = in(r, region);
        String arn = ddb.describeTable(b -> b.tableName(name)).table().tableArn();
        Map<String, String> tags = r.tagMap();
        TableHandler.elements(replica.get("Tags")).forEach(t -> tags.put(Json.text(t, "Key"), Json.text(t, "Value")));
        TableHandler.retag(ddb, arn, tags);
        Boolean protection = Json.bool(replica, "DeletionProtectionEnabled");
        Boolean was = before == null ? null : Json.bool(before, "DeletionProtectionEnabled");
        if (!java.util.Objects.equals(protection, was)) {
            ddb.updateTable(b -> b.tableName(name).deletionProtectionEnabled(Boolean.TRUE.equals(protection)));
        }
    }

    private static void ttl(ResourceRequest r, DynamoDbClient ddb, String name, JsonNode oldTtl) {
        JsonNode ttl = r.property("TimeToLiveSpecification");
        if (java.util.Objects.equals(ttl, oldTtl)) {
            return;
        }
        boolean on = ttl != null && Boolean.TRUE.equals(Json.bool(ttl, "Enabled"));
        String attribute = on ? Json.text(ttl, "AttributeName") : Json.text(oldTtl, "AttributeName");
        if (attribute != null && (on || oldTtl != null)) {
            ddb.updateTimeToLive(x -> x.tableName(name).timeToLiveSpecification(t -> t.enabled(on)
                    .attributeName(attribute)));
        }
    }

    private static Created result(DynamoDbClient ddb, String name) {
        TableDescription t = ddb.describeTable(x -> x.tableName(name)).table();
        return Created.of(name).attribute("Arn", t.tableArn()).attribute("StreamArn", t.latestStreamArn())
                .attribute("TableId", t.tableId());
    }
}
