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
    static final String STREAM_RECORD = "streamrecord";
    /** A stream's next sequence number, recorded when records are trimmed, so numbering never goes back. */
    static final String STREAM_NEXT = "streamnext";
    /**
     * Point-in-time recovery's history: {@code tableId/enabledAt/b/<key>} holds an item of the baseline,
     * {@code tableId/enabledAt/c/<sequence>} a change since.
     */
    static final String PITR = "pitr";

    /** A change in PITR's history ({@code item} null for a delete). */
    record PitrChangeState(long sequence, long at, JsonNode key, JsonNode item) {
    }

    /** A stream record: when it was written, its sequence number, and the record as DynamoDB Streams returns it. */
    record StreamRecordState(long at, long sequence, String eventId, String eventName, String region, boolean byTtl,
            long approximateSeconds, JsonNode keys, JsonNode newImage, JsonNode oldImage, long sizeBytes) {
    }

    record IndexState(String name, boolean global, KeySchema key, String projectionType, List<String> nonKeyAttributes,
            String arn, String status, long readCapacity, long writeCapacity) {
    }

    record VectorIndexState(String name, String attribute, long dimensions, String distance,
            List<VectorIndex.SchemaElement> searchSchema, String projectionType, List<String> nonKeyAttributes, String arn,
            String status, boolean backfilling) {
    }

    record StreamState(String label, String viewType, String shardId, boolean enabled) {
    }

    record TableState(String name, String arn, String id, long created, KeySchema key, Map<String, String> attributeTypes,
            List<IndexState> indexes, String status, Long settlesAt, String billingMode, long readCapacity,
            long writeCapacity, Long billingModeChanged, Long lastIncrease, Long lastDecrease,
            boolean deletionProtection, String tableClass, String kmsKeyArn, Long kmsInaccessibleSince,
            String ttlAttribute, boolean ttlEnabled, StreamState stream, List<String> replicaRegions,
            Map<String, String> tags, Integer pitrDays, Map<String, ResourcePolicies.Policy> policies,
            Map<String, InsightState> insights, Long warmReads, Long warmWrites, Long maxReadRequestUnits,
            Long maxWriteRequestUnits, Boolean legacyGlobal, Long pitrEnabledAt,
            Map<String, ReplicaAutoScaling.Setting> autoScaling, List<VectorIndexState> vectorIndexes) {
    }

    record InsightState(String status, String mode, long updated) {
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

    /** Records a stream record of {@code t}'s current stream; the caller holds the database's write lock. */
    void streamRecord(Database db, Table t, StreamLog stream, StreamLog.Entry e) {
        if (state.enabled()) {
            state.put(SERVICE, db.account, db.region, STREAM_RECORD, streamKey(t, stream, e), streamState(e));
        }
    }

    void streamRecordGone(Database db, Table t, StreamLog stream, StreamLog.Entry e) {
        if (state.enabled()) {
            state.delete(SERVICE, db.account, db.region, STREAM_RECORD, streamKey(t, stream, e));
            state.put(SERVICE, db.account, db.region, STREAM_NEXT, t.id + "/" + stream.label,
                    com.fasterxml.jackson.databind.node.LongNode.valueOf(stream.nextSequence()));
        }
    }

    /** Records an export as it is now (started, or ended). */
    void export(Database db, Export e) {
        if (state.enabled()) {
            state.put(SERVICE, db.account, db.region, TaskRecords.EXPORT, e.arn, TaskRecords.of(e));
        }
    }

    /** Records an import as it is now (started, or ended). */
    void imported(Database db, Import i) {
        if (state.enabled()) {
            state.put(SERVICE, db.account, db.region, TaskRecords.IMPORT, i.arn, TaskRecords.of(i));
        }
    }

    /** Records an item entering PITR's baseline; the caller holds the database's write lock. */
    void pitrBaseline(Database db, Table t, PointInTimeRecovery pitr, Map<String, AttributeValue> item) {
        if (state.enabled()) {
            state.put(SERVICE, db.account, db.region, PITR, pitrBaseKey(t, pitr, t.keyOf(item)), DynamoJson.item(item));
        }
    }

    void pitrChange(Database db, Table t, PointInTimeRecovery pitr, PointInTimeRecovery.Change c) {
        if (state.enabled()) {
            state.put(SERVICE, db.account, db.region, PITR, pitrChangeKey(t, pitr, c.sequence()), pitrChangeState(c));
        }
    }

    /** Records a change leaving the window: it is folded into the baseline. */
    void pitrFolded(Database db, Table t, PointInTimeRecovery pitr, PointInTimeRecovery.Change c) {
        if (state.enabled()) {
            state.delete(SERVICE, db.account, db.region, PITR, pitrChangeKey(t, pitr, c.sequence()));
            if (c.item() == null) {
                state.delete(SERVICE, db.account, db.region, PITR, pitrBaseKey(t, pitr, c.key()));
            } else {
                state.put(SERVICE, db.account, db.region, PITR, pitrBaseKey(t, pitr, c.key()), DynamoJson.item(c.item()));
            }
        }
    }

    private static String pitrPrefix(Table t, PointInTimeRecovery pitr) {
        return t.id + "/" + pitr.enabledAt.toEpochMilli() + "/";
    }

    private static String pitrBaseKey(Table t, PointInTimeRecovery pitr, Map<String, AttributeValue> key) {
        return pitrPrefix(t, pitr) + "b/" + DynamoJson.item(key);
    }

    private static String pitrChangeKey(Table t, PointInTimeRecovery pitr, long sequence) {
        return pitrPrefix(t, pitr) + "c/" + String.format("%019d", sequence);
    }

    private static PitrChangeState pitrChangeState(PointInTimeRecovery.Change c) {
        return new PitrChangeState(c.sequence(), c.at().toEpochMilli(), DynamoJson.item(c.key()),
                c.item() == null ? null : DynamoJson.item(c.item()));
    }

    private static String streamKey(Table t, StreamLog stream, StreamLog.Entry e) {
        return t.id + "/" + stream.label + "/" + StreamLog.sequence(e.sequence());
    }

    private static StreamRecordState streamState(StreamLog.Entry e) {
        software.amazon.awssdk.services.dynamodb.model.Record r = e.record();
        software.amazon.awssdk.services.dynamodb.model.StreamRecord d = r.dynamodb();
        return new StreamRecordState(e.at().toEpochMilli(), e.sequence(), r.eventID(), r.eventNameAsString(), r.awsRegion(),
                r.userIdentity() != null, d.approximateCreationDateTime().getEpochSecond(), DynamoJson.item(d.keys()),
                d.hasNewImage() ? DynamoJson.item(d.newImage()) : null, d.hasOldImage() ? DynamoJson.item(d.oldImage()) : null,
                d.sizeBytes());
    }

    private static StreamLog.Entry entry(StreamRecordState s, String viewType) {
        software.amazon.awssdk.services.dynamodb.model.StreamRecord.Builder d =
                software.amazon.awssdk.services.dynamodb.model.StreamRecord.builder()
                        .approximateCreationDateTime(Instant.ofEpochSecond(s.approximateSeconds()))
                        .keys(DynamoJson.item(s.keys())).sequenceNumber(StreamLog.sequence(s.sequence()))
                        .sizeBytes(s.sizeBytes()).streamViewType(viewType);
        if (s.newImage() != null && !s.newImage().isNull()) {
            d.newImage(DynamoJson.item(s.newImage()));
        }
        if (s.oldImage() != null && !s.oldImage().isNull()) {
            d.oldImage(DynamoJson.item(s.oldImage()));
        }
        software.amazon.awssdk.services.dynamodb.model.Record.Builder r = software.amazon.awssdk.services.dynamodb.model.Record
                .builder().eventID(s.eventId()).eventName(s.eventName()).eventVersion("1.1").eventSource("aws:dynamodb")
                .awsRegion(s.region()).dynamodb(d.build());
        if (s.byTtl()) {
            r.userIdentity(software.amazon.awssdk.services.dynamodb.model.Identity.builder().type("Service")
                    .principalId("dynamodb.amazonaws.com").build());
        }
        return new StreamLog.Entry(s.sequence(), Instant.ofEpochMilli(s.at()), r.build());
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
        syncBackups(db);
    }

    /** Records backups taken and deletes the records of backups gone since last time; the caller holds its lock. */
    private void syncBackups(Database db) {
        for (Backup b : db.backups.values()) {
            if (db.recordedBackups.add(b.arn)) {
                state.put(SERVICE, db.account, db.region, BackupRecords.BACKUP, b.arn, BackupRecords.of(b));
            }
        }
        db.recordedBackups.removeIf(arn -> {
            if (db.backups.containsKey(arn)) {
                return false;
            }
            state.delete(SERVICE, db.account, db.region, BackupRecords.BACKUP, arn);
            return true;
        });
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
                new ArrayList<>(t.replicaRegions), tags, t.pitr == null ? null : t.pitr.recoveryPeriodDays,
                new LinkedHashMap<>(t.policies), insights(t), t.warmReads, t.warmWrites, t.maxReadRequestUnits,
                t.maxWriteRequestUnits, t.legacyGlobal, t.pitr == null ? null : t.pitr.enabledAt.toEpochMilli(),
                new LinkedHashMap<>(t.autoScaling), vectorIndexes(t));
    }

    private static List<VectorIndexState> vectorIndexes(Table t) {
        List<VectorIndexState> out = new ArrayList<>();
        t.vectorIndexes.values().forEach(v -> out.add(new VectorIndexState(v.name, v.attribute, v.dimensions, v.distance,
                v.searchSchema, v.projectionType, v.nonKeyAttributes, v.arn, v.status, v.backfilling)));
        return out;
    }

    private static Map<String, InsightState> insights(Table t) {
        Map<String, InsightState> out = new LinkedHashMap<>();
        t.insights.forEach((k, v) -> out.put(k, new InsightState(v.status(), v.mode(), v.updated().toEpochMilli())));
        return out;
    }

    /** Every record of the current tables, one database at a time under its read lock. */
    void capture(DynamoDbState dynamo, Consumer<StateRecord> sink) {
        dynamo.databases.forEach((k, db) -> db.read(() -> {
            for (Table t : db.tables.values()) {
                sink.accept(StateRecord.of(SERVICE, db.account, db.region, TABLE, t.name, tableState(t)));
            }
            for (Backup b : db.backups.values()) {
                sink.accept(StateRecord.of(SERVICE, db.account, db.region, BackupRecords.BACKUP, b.arn,
                        BackupRecords.of(b)));
            }
            for (Export x : db.exports.values()) {
                sink.accept(StateRecord.of(SERVICE, db.account, db.region, TaskRecords.EXPORT, x.arn, TaskRecords.of(x)));
            }
            for (Import x : db.imports.values()) {
                sink.accept(StateRecord.of(SERVICE, db.account, db.region, TaskRecords.IMPORT, x.arn, TaskRecords.of(x)));
            }
            for (Table t : db.tables.values()) {
                t.data.all().values().forEach(p -> p.values().forEach(item -> sink.accept(StateRecord.of(SERVICE,
                        db.account, db.region, ITEM, itemKey(t, item), DynamoJson.item(item)))));
                if (t.pitr != null) {
                    PointInTimeRecovery pitr = t.pitr;
                    pitr.capture(item -> sink.accept(StateRecord.of(SERVICE, db.account, db.region, PITR,
                            pitrBaseKey(t, pitr, t.keyOf(item)), DynamoJson.item(item))),
                            c -> sink.accept(StateRecord.of(SERVICE, db.account, db.region, PITR,
                                    pitrChangeKey(t, pitr, c.sequence()), pitrChangeState(c))));
                }
                if (t.stream != null) {
                    sink.accept(StateRecord.of(SERVICE, db.account, db.region, STREAM_NEXT, t.id + "/" + t.stream.label,
                            com.fasterxml.jackson.databind.node.LongNode.valueOf(t.stream.nextSequence())));
                    for (StreamLog.Entry e : t.stream.entries()) {
                        sink.accept(StateRecord.of(SERVICE, db.account, db.region, STREAM_RECORD, streamKey(t, t.stream, e),
                                streamState(e)));
                    }
                }
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
        Map<DbKey, List<StateRecord>> streamRecords = new LinkedHashMap<>();
        Map<DbKey, List<StateRecord>> pitrRecords = new LinkedHashMap<>();
        for (StateRecord r : records) {
            DbKey k = new DbKey(r.account(), r.region());
            if (r.kind().equals(TABLE)) {
                tables.computeIfAbsent(k, x -> new ArrayList<>()).add(r.value(TableState.class));
            } else if (r.kind().equals(ITEM)) {
                items.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            } else if (r.kind().equals(PITR)) {
                pitrRecords.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            } else if (r.kind().equals(STREAM_RECORD) || r.kind().equals(STREAM_NEXT)) {
                streamRecords.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            } else if (r.kind().equals(TaskRecords.EXPORT) || r.kind().equals(TaskRecords.IMPORT)) {
                Database db = dynamo.database(r.account(), r.region());
                db.write(() -> {
                    if (r.kind().equals(TaskRecords.EXPORT)) {
                        Export x = TaskRecords.export(r.value(TaskRecords.ExportState.class));
                        db.exports.put(x.arn, x);
                    } else {
                        Import x = TaskRecords.imported(r.value(TaskRecords.ImportState.class));
                        db.imports.put(x.arn, x);
                    }
                    return null;
                });
            } else if (r.kind().equals(BackupRecords.BACKUP)) {
                tables.computeIfAbsent(k, x -> new ArrayList<>());
                Database db = dynamo.database(r.account(), r.region());
                Backup b = BackupRecords.backup(r.value(BackupRecords.BackupState.class));
                db.write(() -> {
                    db.backups.put(b.arn, b);
                    db.recordedBackups.add(b.arn);
                    return null;
                });
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
                for (TableState s : e.getValue()) {
                    if (s.pitrDays() != null) {
                        Table t = byId.get(s.id());
                        t.pitrDaysAfterRestore = s.pitrDays();
                    }
                }
                Map<String, Long> pitrSince = new HashMap<>();
                for (TableState s : e.getValue()) {
                    if (s.pitrDays() != null && s.pitrEnabledAt() != null) {
                        pitrSince.put(s.id(), s.pitrEnabledAt());
                    }
                }
                record History(List<Map<String, AttributeValue>> baseline, List<PointInTimeRecovery.Change> changes) {
                }
                Map<String, History> histories = new HashMap<>();
                for (StateRecord r : pitrRecords.getOrDefault(e.getKey(), List.of())) {
                    String[] parts = r.key().split("/", 4);
                    Long since = pitrSince.get(parts[0]);
                    if (since == null || !parts[1].equals(Long.toString(since))) {
                        continue; // PITR turned off (or on again since), or a table deleted
                    }
                    History h = histories.computeIfAbsent(parts[0], x -> new History(new ArrayList<>(), new ArrayList<>()));
                    if (parts[2].equals("b")) {
                        h.baseline().add(DynamoJson.item(r.value()));
                    } else {
                        PitrChangeState c = r.value(PitrChangeState.class);
                        h.changes().add(new PointInTimeRecovery.Change(c.sequence(), Instant.ofEpochMilli(c.at()),
                                DynamoJson.item(c.key()), c.item() == null || c.item().isNull() ? null : DynamoJson.item(c.item())));
                    }
                }
                for (StateRecord r : items.getOrDefault(e.getKey(), List.of())) {
                    Table t = byId.get(r.key().substring(0, r.key().indexOf('/')));
                    if (t != null) {
                        t.put(DynamoJson.item(r.value()));
                    }
                }
                // Stream records go back with their sequence numbers, in order; those of an older stream of the
                // table (disabled, then enabled again) or of a deleted table are dropped.
                List<StateRecord> streamed = new ArrayList<>(streamRecords.getOrDefault(e.getKey(), List.of()));
                streamed.sort(java.util.Comparator.comparing(StateRecord::key));
                for (StateRecord r : streamed) {
                    String[] parts = r.key().split("/", 3);
                    Table t = byId.get(parts[0]);
                    if (t == null || t.stream == null || !t.stream.label.equals(parts[1])) {
                        continue;
                    }
                    if (r.kind().equals(STREAM_NEXT)) {
                        t.stream.continueAt(r.value(JsonNode.class).asLong());
                    } else {
                        t.stream.restore(entry(r.value(StreamRecordState.class), t.stream.viewType));
                    }
                }
                for (Table t : byId.values()) {
                    t.owner = db;
                    if (t.pitrDaysAfterRestore != null) {
                        Long since = pitrSince.get(t.id);
                        if (since == null) {
                            // Recorded before PITR's history was journaled: the window starts again at the restart.
                            t.pitr = new PointInTimeRecovery(context.clock(), t, t.pitrDaysAfterRestore);
                        } else {
                            History h = histories.getOrDefault(t.id, new History(List.of(), new ArrayList<>()));
                            h.changes().sort(java.util.Comparator.comparingLong(PointInTimeRecovery.Change::sequence));
                            t.pitr = new PointInTimeRecovery(context.clock(), t, t.pitrDaysAfterRestore,
                                    Instant.ofEpochMilli(since), h.baseline(), h.changes());
                        }
                        t.pitrDaysAfterRestore = null;
                    }
                }
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
        if (t.status.equals("CREATING") && t.settlesAt == null) {
            // An import that a restart interrupted: its worker is gone, so the table becomes usable with what it has.
            t.settlesAt = t.created;
        }
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
        if (s.policies() != null) {
            t.policies.putAll(s.policies());
        }
        if (s.insights() != null) {
            s.insights().forEach((k, v) -> t.insights.put(k, new ContributorInsights.Setting(v.status(), v.mode(),
                    Instant.ofEpochMilli(v.updated()))));
        }
        if (s.warmReads() != null) {
            t.warmReads = s.warmReads();
            t.warmWrites = s.warmWrites();
        }
        if (s.maxReadRequestUnits() != null) {
            t.maxReadRequestUnits = s.maxReadRequestUnits();
            t.maxWriteRequestUnits = s.maxWriteRequestUnits();
        }
        t.legacyGlobal = Boolean.TRUE.equals(s.legacyGlobal());
        if (s.autoScaling() != null) {
            t.autoScaling.putAll(s.autoScaling());
        }
        if (s.vectorIndexes() != null) {
            for (VectorIndexState v : s.vectorIndexes()) {
                VectorIndex vx = new VectorIndex(v.name(), v.attribute(), v.dimensions(), v.distance(), v.searchSchema(),
                        v.projectionType(), v.nonKeyAttributes(), v.arn());
                vx.status = v.status();
                vx.backfilling = v.backfilling();
                t.vectorIndexes.put(vx.name, vx);
            }
        }
        return t;
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
