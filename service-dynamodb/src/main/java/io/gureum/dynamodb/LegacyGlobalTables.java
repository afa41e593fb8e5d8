package io.gureum.dynamodb;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * Global tables version 2017.11.29: CreateGlobalTable joins identically named, empty tables of several regions
 * whose streams show new and old images into one replication group; from then on {@link Replication} copies
 * their changes as it does for version 2019.11.21 replicas. DescribeGlobalTable, ListGlobalTables and
 * UpdateGlobalTable (add or remove a region) complete the API
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables.V1.html).
 */
final class LegacyGlobalTables {
    /** A replication group. */
    static final class GlobalTable {
        final String name;
        final String arn;
        final Instant created;
        final List<String> regions = new ArrayList<>();

        GlobalTable(String name, String arn, Instant created) {
            this.name = name;
            this.arn = arn;
            this.created = created;
        }
    }

    private final DynamoDbState state;

    LegacyGlobalTables(DynamoDbState state) {
        this.state = state;
    }

    private static String key(String account, String name) {
        return account + "/" + name;
    }

    public CreateGlobalTableResponse createGlobalTable(CreateGlobalTableRequest r) {
        String account = RequestContext.current().accountId();
        synchronized (state.legacyGlobalTables) {
            if (state.legacyGlobalTables.containsKey(key(account, r.globalTableName()))) {
                throw ModeledErrors.of(GlobalTableAlreadyExistsException.class, "Global table with this name already exists");
            }
            List<String> regions = new ArrayList<>();
            r.replicationGroup().forEach(rep -> regions.add(rep.regionName()));
            for (String region : regions) {
                checkReplica(account, region, r.globalTableName());
            }
            GlobalTable g = new GlobalTable(r.globalTableName(), "arn:aws:dynamodb::" + account + ":global-table/"
                    + r.globalTableName(), state.context.clock().now());
            g.regions.addAll(regions);
            link(account, g);
            state.legacyGlobalTables.put(key(account, g.name), g);
            return CreateGlobalTableResponse.builder().globalTableDescription(describe(g)).build();
        }
    }

    public DescribeGlobalTableResponse describeGlobalTable(DescribeGlobalTableRequest r) {
        return DescribeGlobalTableResponse.builder().globalTableDescription(describe(require(r.globalTableName()))).build();
    }

    public ListGlobalTablesResponse listGlobalTables(ListGlobalTablesRequest r) {
        String account = RequestContext.current().accountId();
        TreeMap<String, GlobalTable> mine = new TreeMap<>();
        state.legacyGlobalTables.values().forEach(g -> {
            if (g.arn.contains("::" + account + ":") && (r.regionName() == null || g.regions.contains(r.regionName()))) {
                mine.put(g.name, g);
            }
        });
        int limit = r.limit() == null ? 100 : r.limit();
        List<GlobalTable> page = new ArrayList<>((r.exclusiveStartGlobalTableName() == null ? mine
                : mine.tailMap(r.exclusiveStartGlobalTableName(), false)).values());
        ListGlobalTablesResponse.Builder b = ListGlobalTablesResponse.builder();
        if (page.size() > limit) {
            page = page.subList(0, limit);
            b.lastEvaluatedGlobalTableName(page.get(limit - 1).name);
        }
        List<GlobalTable> out = page;
        return b.globalTables(out.stream().map(g -> software.amazon.awssdk.services.dynamodb.model.GlobalTable.builder()
                .globalTableName(g.name).replicationGroup(g.regions.stream().map(rg -> Replica.builder().regionName(rg)
                        .build()).toList()).build()).toList()).build();
    }

    public UpdateGlobalTableResponse updateGlobalTable(UpdateGlobalTableRequest r) {
        String account = RequestContext.current().accountId();
        synchronized (state.legacyGlobalTables) {
            GlobalTable g = require(r.globalTableName());
            for (ReplicaUpdate u : r.replicaUpdates()) {
                if (u.create() != null) {
                    String region = u.create().regionName();
                    if (g.regions.contains(region)) {
                        throw ModeledErrors.of(ReplicaAlreadyExistsException.class, "Replica already exists in region: "
                                + region);
                    }
                    checkReplica(account, region, g.name);
                    g.regions.add(region);
                } else if (u.delete() != null) {
                    String region = u.delete().regionName();
                    if (!g.regions.remove(region)) {
                        throw ModeledErrors.of(ReplicaNotFoundException.class, "Replica not found in region: " + region);
                    }
                    Database db = state.database(account, region);
                    db.write(() -> {
                        Table t = db.tables.get(g.name);
                        if (t != null) {
                            t.replicaRegions.clear();
                            t.replicaRegions.add(region);
                            t.legacyGlobal = false;
                        }
                        state.records.syncTables(db);
                        return null;
                    });
                }
            }
            link(account, g);
            return UpdateGlobalTableResponse.builder().globalTableDescription(describe(g)).build();
        }
    }

    private GlobalTable require(String name) {
        GlobalTable g = state.legacyGlobalTables.get(key(RequestContext.current().accountId(), name));
        if (g == null) {
            throw ModeledErrors.of(GlobalTableNotFoundException.class, "Global table not found");
        }
        return g;
    }

    /** A table that may join: it exists, is empty, and streams new and old images. */
    private void checkReplica(String account, String region, String name) {
        Database db = state.database(account, region);
        db.write(() -> {
            Table t = db.tables.get(name);
            if (t == null) {
                throw ModeledErrors.of(TableNotFoundException.class, "Table not found: " + name + " in region " + region);
            }
            if (t.stream == null || !t.stream.enabled || !t.stream.viewType.equals("NEW_AND_OLD_IMAGES")) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Table: " + name + " in region "
                        + region + " must have DynamoDB Streams enabled with StreamViewType set to NEW_AND_OLD_IMAGES");
            }
            if (t.data.count() > 0) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Table: " + name + " in region "
                        + region + " must be empty");
            }
            return null;
        });
    }

    /** Every member table replicates to every region of the group. */
    private void link(String account, GlobalTable g) {
        for (String region : g.regions) {
            Database db = state.database(account, region);
            db.write(() -> {
                Table t = db.tables.get(g.name);
                if (t != null) {
                    t.replicaRegions.clear();
                    t.replicaRegions.addAll(g.regions);
                    t.legacyGlobal = true;
                }
                state.records.syncTables(db);
                return null;
            });
        }
    }

    private static GlobalTableDescription describe(GlobalTable g) {
        return GlobalTableDescription.builder().globalTableName(g.name).globalTableArn(g.arn).creationDateTime(g.created)
                .globalTableStatus(GlobalTableStatus.ACTIVE).replicationGroup(g.regions.stream().map(rg ->
                        ReplicaDescription.builder().regionName(rg).replicaStatus(ReplicaStatus.ACTIVE).build()).toList())
                .build();
    }
}
