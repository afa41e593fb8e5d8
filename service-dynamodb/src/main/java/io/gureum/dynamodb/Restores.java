package io.gureum.dynamodb;

import io.gureum.core.error.ModeledErrors;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * Builds the new table of RestoreTableFromBackup and RestoreTableToPointInTime from a {@link TableSnapshot},
 * with the overrides both accept (billing mode, throughput, indexes, encryption).
 */
final class Restores {
    record Overrides(String billingMode, ProvisionedThroughput throughput, List<GlobalSecondaryIndex> globalIndexes,
            List<LocalSecondaryIndex> localIndexes, SSESpecification sse,
            List<software.amazon.awssdk.services.dynamodb.model.VectorIndex> vectorIndexes) {
    }

    private Restores() {
    }

    static TableDescription restore(DynamoDbState state, Tables tables, Database db, TableSnapshot snapshot, String target,
            RestoreSummary summary, Overrides o) {
        Tables.checkTableName(target, "targetTableName");
        if (db.tables.containsKey(target)) {
            throw ModeledErrors.of(TableAlreadyExistsException.class, "Table already exists: " + target);
        }
        String arn = tables.arnOf(target);
        Table t = snapshot.newTable(target, arn, UUID.randomUUID().toString(), state.context.clock().now());
        if (o.billingMode() != null) {
            t.billingMode = o.billingMode();
        }
        if (o.throughput() != null) {
            t.readCapacity = o.throughput().readCapacityUnits();
            t.writeCapacity = o.throughput().writeCapacityUnits();
        }
        if (t.billingMode.equals("PAY_PER_REQUEST")) {
            if (o.throughput() != null) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor"
                        + " WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            t.readCapacity = 0;
            t.writeCapacity = 0;
            t.billingModeChanged = t.created;
        } else if (t.readCapacity < 1 || t.writeCapacity < 1) {
            throw DynamoErrors.validation("One or more parameter values were invalid: ReadCapacityUnits and"
                    + " WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        if (o.globalIndexes() != null) {
            t.indexes.values().removeIf(ix -> ix.global);
            for (GlobalSecondaryIndex g : o.globalIndexes()) {
                Index ix = index(t, g.indexName(), true, g.keySchema(), g.projection());
                if (g.provisionedThroughput() != null) {
                    ix.readCapacity = g.provisionedThroughput().readCapacityUnits();
                    ix.writeCapacity = g.provisionedThroughput().writeCapacityUnits();
                }
            }
        }
        if (o.localIndexes() != null) {
            t.indexes.values().removeIf(ix -> !ix.global);
            for (LocalSecondaryIndex l : o.localIndexes()) {
                index(t, l.indexName(), false, l.keySchema(), l.projection());
            }
        }
        if (o.vectorIndexes() != null) {
            // VectorIndexOverride: the restored table's vector indexes instead of the source's, checked as CreateTable
            // checks them.
            t.vectorIndexes.clear();
            VectorIndexes.create(t, t.attributeTypes, o.vectorIndexes());
        } else if (!t.vectorIndexes.isEmpty() && !t.billingMode.equals("PAY_PER_REQUEST")) {
            throw DynamoErrors.validation("One or more parameter values were invalid: A table with vector indexes must"
                    + " use on-demand capacity mode (PAY_PER_REQUEST)");
        }
        if (o.sse() != null) {
            t.kmsKeyArn = tables.encryptionKey(arn, target, o.sse());
        }
        t.restoredFrom = summary;
        t.owner = db;
        snapshot.fill(t);
        return tables.adopt(db, t);
    }

    private static Index index(Table t, String name, boolean global, List<KeySchemaElement> elements, Projection p) {
        List<String> hashes = new java.util.ArrayList<>();
        List<String> ranges = new java.util.ArrayList<>();
        for (KeySchemaElement e : elements) {
            if (!t.attributeTypes.containsKey(e.attributeName())) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Some index key attributes are not"
                        + " defined in AttributeDefinitions. Keys: [" + e.attributeName() + "], AttributeDefinitions: "
                        + t.attributeTypes.keySet());
            }
            (e.keyType() == KeyType.HASH ? hashes : ranges).add(e.attributeName());
        }
        String hash = hashes.get(0);
        String range = ranges.isEmpty() ? null : ranges.get(0);
        KeySchema key = new KeySchema(hash, t.attributeTypes.get(hash), range, range == null ? null : t.attributeTypes.get(range),
                hashes.subList(1, hashes.size()), ranges.isEmpty() ? List.of() : ranges.subList(1, ranges.size()));
        String type = p == null || p.projectionTypeAsString() == null ? "ALL" : p.projectionTypeAsString();
        Index ix = new Index(name, global, key, type, p != null && p.hasNonKeyAttributes() ? p.nonKeyAttributes() : List.of(),
                t.arn + "/index/" + name);
        t.indexes.put(name, ix);
        return ix;
    }
}
