package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One table: its settings, its items in {@link Partitions}, and its secondary indexes. */
final class Table {
    final String name;
    final String arn;
    final String id;
    final Instant created;
    final KeySchema key;
    final Map<String, String> attributeTypes = new LinkedHashMap<>();
    final Map<String, Index> indexes = new LinkedHashMap<>();
    /** Vector indexes by name ({@link VectorIndex}); searched over {@link #data} directly. */
    final Map<String, VectorIndex> vectorIndexes = new LinkedHashMap<>();
    final Partitions data = new Partitions();

    String status = "CREATING";
    /** When a transitional status (CREATING, UPDATING) becomes ACTIVE on the core clock. */
    Instant settlesAt;
    String billingMode = "PROVISIONED";
    long readCapacity;
    long writeCapacity;
    Instant billingModeChanged;
    Instant lastIncrease;
    Instant lastDecrease;
    boolean deletionProtection;
    String tableClass = "STANDARD";
    /** Warm throughput: what the table can serve at once; new tables start at 12,000 reads and 4,000 writes a second. */
    long warmReads = 12000;
    long warmWrites = 4000;
    /** On-demand maximums (OnDemandThroughput); -1 when unset. */
    long maxReadRequestUnits = -1;
    long maxWriteRequestUnits = -1;
    /** The KMS key of a table encrypted with a customer managed or AWS managed key; null: AWS owned key. */
    String kmsKeyArn;
    /** When DynamoDB noticed the KMS key unusable (null while usable). */
    Instant kmsInaccessibleSince;
    String ttlAttribute;
    boolean ttlEnabled;
    StreamLog stream;
    /** Whether the replicas form a version 2017.11.29 global table (DescribeTable shows no GlobalTableVersion then). */
    boolean legacyGlobal;
    /** Regions holding replicas (global tables version 2019.11.21), this region included. */
    final List<String> replicaRegions = new ArrayList<>();
    /** Resource-based policies by the ARN they are attached to: the table's or its stream's. */
    final Map<String, ResourcePolicies.Policy> policies = new LinkedHashMap<>();
    /** Contributor Insights by index name ("" for the table itself). */
    final Map<String, ContributorInsights.Setting> insights = new LinkedHashMap<>();
    /** UpdateTableReplicaAutoScaling's settings by dimension ({@link ReplicaAutoScaling}). */
    final Map<String, ReplicaAutoScaling.Setting> autoScaling = new LinkedHashMap<>();
    /** Point-in-time recovery's change history while it is enabled; null when it is off. */
    PointInTimeRecovery pitr;
    /** PITR's recovery period read from {@code --data-dir}, until the items are back and PITR starts again. */
    Integer pitrDaysAfterRestore;
    /** How this table came from a backup or a point in time; null for a table created by CreateTable. */
    software.amazon.awssdk.services.dynamodb.model.RestoreSummary restoredFrom;
    /** The database whose records ({@code --data-dir}) hold this table's items; null while it is being filled. */
    Database owner;

    Table(String name, String arn, String id, Instant created, KeySchema key) {
        this.name = name;
        this.arn = arn;
        this.id = id;
        this.created = created;
        this.key = key;
    }

    KeyValue partitionOf(Map<String, AttributeValue> keyOrItem) {
        return KeyValue.of(keyOrItem.get(key.hash()));
    }

    RowKey rowOf(Map<String, AttributeValue> keyOrItem) {
        return key.hasRange() ? new RowKey(KeyValue.of(keyOrItem.get(key.range()))) : RowKey.EMPTY;
    }

    Map<String, AttributeValue> get(Map<String, AttributeValue> keyMap) {
        return data.get(partitionOf(keyMap), rowOf(keyMap));
    }

    /** Stores an item and maintains the indexes; returns the item it replaced. */
    Map<String, AttributeValue> put(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> stored = Map.copyOf(item);
        long size = Values.itemSize(stored);
        Map<String, AttributeValue> old = data.put(partitionOf(stored), rowOf(stored), stored, size);
        for (Index ix : indexes.values()) {
            if (old != null) {
                ix.remove(old, key);
            }
            ix.put(stored, key, size);
        }
        if (owner != null) {
            owner.records.item(owner, this, stored);
        }
        if (pitr != null) {
            pitr.changed(keyOf(stored), stored);
        }
        return old;
    }

    Map<String, AttributeValue> delete(Map<String, AttributeValue> keyMap) {
        Map<String, AttributeValue> old = data.remove(partitionOf(keyMap), rowOf(keyMap));
        if (old != null) {
            for (Index ix : indexes.values()) {
                ix.remove(old, key);
            }
            if (owner != null) {
                owner.records.itemGone(owner, this, old);
            }
            if (pitr != null) {
                pitr.changed(keyOf(old), null);
            }
        }
        return old;
    }

    /** The item's primary key attributes. */
    Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        out.put(key.hash(), item.get(key.hash()));
        if (key.hasRange()) {
            out.put(key.range(), item.get(key.range()));
        }
        return out;
    }

    /** Fills an index from the table's items (a GSI added by UpdateTable backfills at once). */
    void backfill(Index ix) {
        data.all().values().forEach(p -> p.values().forEach(item -> ix.put(item, key, Values.itemSize(item))));
    }
}
