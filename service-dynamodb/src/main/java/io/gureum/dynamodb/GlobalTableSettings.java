package io.gureum.dynamodb;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * DescribeGlobalTableSettings and UpdateGlobalTableSettings over the replicas of a global table (either
 * version), each region's table read and changed under its own database's lock
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeGlobalTableSettings.html).
 */
final class GlobalTableSettings {
    private final DynamoDbState state;
    private final Tables tables;

    GlobalTableSettings(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    /** The regions of the global table {@code name}, starting from this region's table. */
    private List<String> regions(String name) {
        Database db = state.database();
        List<String> regions = db.read(() -> {
            Table t = db.tables.get(name);
            return t == null ? List.<String>of() : List.copyOf(t.replicaRegions);
        });
        if (regions.size() < 2) {
            throw ModeledErrors.of(GlobalTableNotFoundException.class, "Global table not found");
        }
        return regions;
    }

    public DescribeGlobalTableSettingsResponse describeGlobalTableSettings(DescribeGlobalTableSettingsRequest r) {
        List<String> regions = regions(r.globalTableName());
        return DescribeGlobalTableSettingsResponse.builder().globalTableName(r.globalTableName())
                .replicaSettings(settings(r.globalTableName(), regions)).build();
    }

    public UpdateGlobalTableSettingsResponse updateGlobalTableSettings(UpdateGlobalTableSettingsRequest r) {
        List<String> regions = regions(r.globalTableName());
        String account = RequestContext.current().accountId();
        if (r.hasReplicaSettingsUpdate()) {
            for (ReplicaSettingsUpdate u : r.replicaSettingsUpdate()) {
                if (!regions.contains(u.regionName())) {
                    throw ModeledErrors.of(ReplicaNotFoundException.class, "Replica not found in region: " + u.regionName());
                }
            }
        }
        for (String region : regions) {
            Database db = state.database(account, region);
            db.write(() -> {
                Table t = db.tables.get(r.globalTableName());
                if (t == null) {
                    return null;
                }
                if (r.globalTableBillingModeAsString() != null && !r.globalTableBillingModeAsString().equals(t.billingMode)) {
                    t.billingMode = r.globalTableBillingModeAsString();
                    t.billingModeChanged = state.context.clock().now();
                    if (t.billingMode.equals("PAY_PER_REQUEST")) {
                        t.readCapacity = 0;
                        t.writeCapacity = 0;
                    }
                }
                if (r.globalTableProvisionedWriteCapacityUnits() != null) {
                    t.writeCapacity = r.globalTableProvisionedWriteCapacityUnits();
                }
                if (r.hasGlobalTableGlobalSecondaryIndexSettingsUpdate()) {
                    for (GlobalTableGlobalSecondaryIndexSettingsUpdate g : r.globalTableGlobalSecondaryIndexSettingsUpdate()) {
                        Index ix = t.indexes.get(g.indexName());
                        if (ix == null) {
                            throw ModeledErrors.of(IndexNotFoundException.class, "Index not found: " + g.indexName());
                        }
                        if (g.provisionedWriteCapacityUnits() != null) {
                            ix.writeCapacity = g.provisionedWriteCapacityUnits();
                        }
                    }
                }
                if (r.hasReplicaSettingsUpdate()) {
                    for (ReplicaSettingsUpdate u : r.replicaSettingsUpdate()) {
                        if (!u.regionName().equals(region)) {
                            continue;
                        }
                        if (u.replicaProvisionedReadCapacityUnits() != null) {
                            t.readCapacity = u.replicaProvisionedReadCapacityUnits();
                        }
                        if (u.replicaTableClassAsString() != null) {
                            t.tableClass = u.replicaTableClassAsString();
                        }
                        if (u.hasReplicaGlobalSecondaryIndexSettingsUpdate()) {
                            for (ReplicaGlobalSecondaryIndexSettingsUpdate g : u.replicaGlobalSecondaryIndexSettingsUpdate()) {
                                Index ix = t.indexes.get(g.indexName());
                                if (ix == null) {
                                    throw ModeledErrors.of(IndexNotFoundException.class, "Index not found: " + g.indexName());
                                }
                                if (g.provisionedReadCapacityUnits() != null) {
                                    ix.readCapacity = g.provisionedReadCapacityUnits();
                                }
                            }
                        }
                    }
                }
                state.records.syncTables(db);
                return null;
            });
        }
        return UpdateGlobalTableSettingsResponse.builder().globalTableName(r.globalTableName())
                .replicaSettings(settings(r.globalTableName(), regions)).build();
    }

    private List<ReplicaSettingsDescription> settings(String name, List<String> regions) {
        String account = RequestContext.current().accountId();
        List<ReplicaSettingsDescription> out = new ArrayList<>();
        for (String region : regions) {
            Database db = state.database(account, region);
            ReplicaSettingsDescription d = db.read(() -> {
                Table t = db.tables.get(name);
                if (t == null) {
                    return null;
                }
                List<ReplicaGlobalSecondaryIndexSettingsDescription> gsis = new ArrayList<>();
                t.indexes.values().stream().filter(ix -> ix.global).forEach(ix -> gsis.add(
                        ReplicaGlobalSecondaryIndexSettingsDescription.builder().indexName(ix.name).indexStatus(ix.status)
                                .provisionedReadCapacityUnits(ix.readCapacity).provisionedWriteCapacityUnits(ix.writeCapacity)
                                .build()));
                return ReplicaSettingsDescription.builder().regionName(region).replicaStatus(ReplicaStatus.ACTIVE)
                        .replicaBillingModeSummary(BillingModeSummary.builder().billingMode(t.billingMode).build())
                        .replicaProvisionedReadCapacityUnits(t.readCapacity)
                        .replicaProvisionedWriteCapacityUnits(t.writeCapacity)
                        .replicaGlobalSecondaryIndexSettings(gsis)
                        .replicaTableClassSummary(TableClassSummary.builder().tableClass(t.tableClass).build()).build();
            });
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }
}
