package io.gureum.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's records for {@code --data-dir}: a table's settings (key schema, indexes, capacity, TTL,
 * stream, tags) under its name, and each item under {@code tableId/key} as DynamoDB JSON. Items are
 * recorded by {@link Table#put} and {@link Table#delete} under the database's write lock; table settings
 * are recorded again after every operation that is not an item read or write ({@link #syncTables}),
 * comparing each table's settings with what was recorded last. Items of a table whose ID no longer
 * matches a table record (deleted, then created again) are ignored at restore and left out of the
 * next snapshot.
 */
final class DynamoRecords {
    static final String SERVICE = "dynamodb";
    static final String TABLE = "table";
    static final String ITEM = "item";

    record IndexState(String name, boolean global, KeySchema key, String projectionType, List<String> nonKeyAttributes,
            String arn, String status, long readCapacity, long writeCapacity) {
    }

    record StreamState(String label, String viewType, String shardId, boolean enabled) {
    }

    record TableState(String name, String arn, String id, long created, KeySchema key, Map<String, String> attributeTypes,
            List<IndexState> indexes, String status, Long settlesAt, String billingMode, long readCapacity,
            long writeCapacity, Long billingModeChanged, Long lastIncrease, Long lastDecrease,
            boolean deletionProtection, String tableClass, String kmsKeyArn, Long kmsInaccessibleSince,
            String ttlAttribute, boolean ttlEnabled, StreamState stream, List<String> replicaRegions,
            Map<String, String> tags) {
    }

    private final ServiceContext context;
    private final StateStore state;

    DynamoRecords(ServiceContext context) {
        this.context = context;
        this.state = context.state();
    }

    boolean enabled() {
        return state.enabled();
    }

    /** Records an item written to {@code t}; the caller holds the database's write lock. */
    void item(Database db, Table t, Map<String, AttributeValue> item) {
        if (state.enabled()) {
            state.put(SERVICE, db.account, db.region, ITEM, itemKey(t, item), DynamoJson.item(item));
        }
    }

    void itemGone(Database db, Table t, Map<String, AttributeValue> old) {
        if (state.enabled()) {
            state.delete(SERVICE, db.account, db.region, ITEM, itemKey(t, old));
        }
    }

    private static String itemKey(Table t, Map<String, AttributeValue> item) {
        return t.id + "/" + DynamoJson.item(t.keyOf(item));
    }

    /** Records the settings of the database's tables that changed since last time; the caller holds its lock. */
    void syncTables(Database db) {
        if (!state.enabled()) {
            return;
        }
        Map<String, JsonNode> now = new HashMap<>();
        for (Table t : db.tables.values()) {
            JsonNode json = io.gureum.core.persist.StateRecord.of(SERVICE, "", "", TABLE, t.name, tableState(t))
                    .value(JsonNode.class);
            now.put(t.name, json);
            if (!json.equals(db.recorded.get(t.name))) {
                state.put(SERVICE, db.account, db.region, TABLE, t.name, json);
            }
        }
        for (String gone : new ArrayList<>(db.recorded.keySet())) {
            if (!now.containsKey(gone)) {
                state.delete(SERVICE, db.account, db.region, TABLE, gone);
            }
        }
        db.recorded.clear();
        db.recorded.putAll(now);
    }

    TableState tableState(Table t) {
        List<IndexState> indexes = new ArrayList<>();
        t.indexes.values().forEach(ix -> indexes.add(new IndexState(ix.name, ix.global, ix.key, ix.projectionType,
                ix.nonKeyAttributes, ix.arn, ix.status, ix.readCapacity, ix.writeCapacity)));
        StreamState stream = t.stream == null ? null
                : new StreamState(t.stream.label, t.stream.viewType, t.stream.shardId, t.stream.enabled);
        Map<String, String> tags = new LinkedHashMap<>(context.registry().tags(Arn.parse(t.arn)));
        return new TableState(t.name, t.arn, t.id, t.created.toEpochMilli(), t.key, new LinkedHashMap<>(t.attributeTypes),
                indexes, t.status, millis(t.settlesAt), t.billingMode, t.readCapacity, t.writeCapacity,
                millis(t.billingModeChanged), millis(t.lastIncrease), millis(t.lastDecrease), t.deletionProtection,
                t.tableClass, t.kmsKeyArn, millis(t.kmsInaccessibleSince), t.ttlAttribute, t.ttlEnabled, stream,
                new ArrayList<>(t.replicaRegions), tags);
    }

    /** Every record of the current tables, one database at a time under its read lock. */
    void capture(DynamoDbState dynamo, Consumer<StateRecord> sink) {
        dynamo.databases.forEach((k, db) -> db.read(() -> {
            for (Table t : db.tables.values()) {
                sink.accept(StateRecord.of(SERVICE, db.account, db.region, TABLE, t.name, tableState(t)));
                t.data.all().values().forEach(p -> p.values().forEach(item -> sink.accept(StateRecord.of(SERVICE,
                        db.account, db.region, ITEM, itemKey(t, item), DynamoJson.item(item)))));
            }
            return null;
        }));
    }

    /** Rebuilds the tables and their items, each database under its write lock. */
    void restore(List<StateRecord> records, DynamoDbState dynamo) {
        record DbKey(String account, String region) {
        }
        Map<DbKey, List<TableState>> tables = new LinkedHashMap<>();
        Map<DbKey, List<StateRecord>> items = new LinkedHashMap<>();
        for (StateRecord r : records) {
            DbKey k = new DbKey(r.account(), r.region());
            if (r.kind().equals(TABLE)) {
                tables.computeIfAbsent(k, x -> new ArrayList<>()).add(r.value(TableState.class));
            } else if (r.kind().equals(ITEM)) {
                items.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<DbKey, List<TableState>> e : tables.entrySet()) {
            Database db = dynamo.database(e.getKey().account(), e.getKey().region());
            db.write(() -> {
                Map<String, Table> byId = new HashMap<>();
                for (TableState s : e.getValue()) {
                    Table t = table(s);
                    db.tables.put(t.name, t);
                    byId.put(t.id, t);
                    context.registry().register(db.account, db.region, "dynamodb", "table/" + t.name, Arn.parse(t.arn),
                            s.tags() == null ? Map.of() : s.tags());
                }
                for (StateRecord r : items.getOrDefault(e.getKey(), List.of())) {
                    Table t = byId.get(r.key().substring(0, r.key().indexOf('/')));
                    if (t != null) {
                        t.put(DynamoJson.item(r.value(JsonNode.class)));
                    }
                }
                byId.values().forEach(t -> t.owner = db);
                syncTables(db);
                return null;
            });
        }
    }

    private static Table table(TableState s) {
        Table t = new Table(s.name(), s.arn(), s.id(), Instant.ofEpochMilli(s.created()), s.key());
        t.attributeTypes.putAll(s.attributeTypes());
        for (IndexState i : s.indexes()) {
            Index ix = new Index(i.name(), i.global(), i.key(), i.projectionType(), i.nonKeyAttributes(), i.arn());
            ix.status = i.status();
            ix.readCapacity = i.readCapacity();
            ix.writeCapacity = i.writeCapacity();
            t.indexes.put(ix.name, ix);
        }
        t.status = s.status();
        t.settlesAt = instant(s.settlesAt());
        t.billingMode = s.billingMode();
        t.readCapacity = s.readCapacity();
        t.writeCapacity = s.writeCapacity();
        t.billingModeChanged = instant(s.billingModeChanged());
        t.lastIncrease = instant(s.lastIncrease());
        t.lastDecrease = instant(s.lastDecrease());
        t.deletionProtection = s.deletionProtection();
        t.tableClass = s.tableClass();
        t.kmsKeyArn = s.kmsKeyArn();
        t.kmsInaccessibleSince = instant(s.kmsInaccessibleSince());
        t.ttlAttribute = s.ttlAttribute();
        t.ttlEnabled = s.ttlEnabled();
        if (s.stream() != null) {
            StreamState st = s.stream();
            String suffix = st.shardId().substring(st.shardId().lastIndexOf('-') + 1);
            t.stream = new StreamLog(s.arn(), s.name(), t, Instant.parse(st.label() + "Z"), st.viewType(), suffix);
            t.stream.enabled = st.enabled();
        }
        t.replicaRegions.addAll(s.replicaRegions());
        return t;
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
