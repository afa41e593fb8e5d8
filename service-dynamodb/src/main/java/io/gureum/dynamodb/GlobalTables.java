package io.gureum.dynamodb;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;

/**
 * UpdateTable ReplicaUpdates (global tables version 2019.11.21): creating a replica copies the table's
 * definition and items to the same account in another region of the emulator; from then on
 * {@link Replication} carries every change both ways.
 */
final class GlobalTables {
    private GlobalTables() {
    }

    /** Caller holds {@code db}'s write lock. */
    static void update(DynamoDbState state, Database db, Table t, List<ReplicationGroupUpdate> updates) {
        // Version 2019.11.21 turns the stream on itself; a stream of another view type is refused.
        if (t.stream == null || !t.stream.enabled) {
            t.stream = new StreamLog(t.arn, t.name, t, state.context.clock().now(), "NEW_AND_OLD_IMAGES",
                    state.context.ids().hex(8));
        }
        if (!t.stream.viewType.equals("NEW_AND_OLD_IMAGES")) {
            throw DynamoErrors.validation("Table must have DynamoDB Streams enabled with StreamViewType set to"
                    + " NEW_AND_OLD_IMAGES in order to be used as a replica");
        }
        for (ReplicationGroupUpdate u : updates) {
            if (u.create() != null) {
                String region = u.create().regionName();
                if (t.replicaRegions.contains(region)) {
                    throw DynamoErrors.validation("Failed to create a the new replica of table with name: '" + t.name
                            + "' because one or more replicas already existed as tables.");
                }
                Database target = state.database(db.account, region);
                if (target == db) {
                    throw DynamoErrors.validation("Cannot add replica in the same region as the table");
                }
                target.write(() -> {
                    if (target.tables.containsKey(t.name)) {
                        throw DynamoErrors.validation("Failed to create a the new replica of table with name: '" + t.name
                                + "' because one or more replicas already existed as tables.");
                    }
                    Table copy = new Table(t.name, t.arn.replace(":" + db.region + ":", ":" + region + ":"),
                            java.util.UUID.randomUUID().toString(), state.context.clock().now(), t.key);
                    copy.attributeTypes.putAll(t.attributeTypes);
                    copy.billingMode = t.billingMode;
                    copy.readCapacity = t.readCapacity;
                    copy.writeCapacity = t.writeCapacity;
                    copy.status = "ACTIVE";
                    for (Index ix : t.indexes.values()) {
                        Index c = new Index(ix.name, ix.global, ix.key, ix.projectionType, ix.nonKeyAttributes,
                                copy.arn + "/index/" + ix.name);
                        copy.indexes.put(c.name, c);
                    }
                    copy.stream = new StreamLog(copy.arn, copy.name, copy, state.context.clock().now(),
                            "NEW_AND_OLD_IMAGES", state.context.ids().hex(8));
                    copy.owner = target;
                    t.data.all().values().forEach(p -> p.values().forEach(copy::put));
                    t.replicaRegions.add(region);
                    copy.replicaRegions.addAll(t.replicaRegions);
                    target.tables.put(copy.name, copy);
                    state.context.registry().register(db.account, region, "dynamodb", "table/" + copy.name,
                            io.gureum.core.ids.Arn.parse(copy.arn));
                    state.records.syncTables(target);
                    return null;
                });
                for (String other : t.replicaRegions) {
                    if (!other.equals(db.region) && !other.equals(region)) {
                        Database o = state.database(db.account, other);
                        o.write(() -> {
                            Table ot = o.tables.get(t.name);
                            if (ot != null && !ot.replicaRegions.contains(region)) {
                                ot.replicaRegions.add(region);
                            }
                            state.records.syncTables(o);
                            return null;
                        });
                    }
                }
            } else if (u.delete() != null) {
                String region = u.delete().regionName();
                if (!t.replicaRegions.remove(region)) {
                    throw DynamoErrors.validation("Cannot delete a replica that does not exist: " + region);
                }
                Database target = state.database(db.account, region);
                target.write(() -> {
                    Table removed = target.tables.remove(t.name);
                    if (removed != null) {
                        state.context.registry().unregister(io.gureum.core.ids.Arn.parse(removed.arn));
                    }
                    state.records.syncTables(target);
                    return null;
                });
                for (String other : t.replicaRegions) {
                    if (!other.equals(db.region)) {
                        Database o = state.database(db.account, other);
                        o.write(() -> {
                            Table ot = o.tables.get(t.name);
                            if (ot != null) {
                                ot.replicaRegions.remove(region);
                            }
                            state.records.syncTables(o);
                            return null;
                        });
                    }
                }
            }
        }
    }

    static Map<String, AttributeValue> none() {
        return null;
    }
}
