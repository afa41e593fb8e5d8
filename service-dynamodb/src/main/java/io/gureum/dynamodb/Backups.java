package io.gureum.dynamodb;

import io.gureum.core.error.ModeledErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * On-demand backups: CreateBackup, DescribeBackup, ListBackups, DeleteBackup and RestoreTableFromBackup. A
 * backup is a {@link TableSnapshot} taken under the write lock, so it is consistent to the instant
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/BackupRestore.html).
 */
final class Backups {
    /** How long DynamoDB keeps the SYSTEM backup of a deleted table that had PITR on. */
    static final Duration SYSTEM_BACKUP_RETENTION = Duration.ofDays(35);

    private final DynamoDbState state;
    private final Tables tables;

    Backups(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    private Instant now() {
        return state.context.clock().now();
    }

    public CreateBackupResponse createBackup(CreateBackupRequest r) {
        Database db = state.database();
        Table t = tableForBackup(db, r.tableName());
        Backup b = take(state, db, t, r.backupName(), "USER", null);
        return CreateBackupResponse.builder().backupDetails(details(b)).build();
    }

    /** Takes a backup of {@code t} now; also used by DeleteTable for the SYSTEM backup. Caller holds the write lock. */
    static Backup take(DynamoDbState state, Database db, Table t, String name, String type, Instant expires) {
        Instant now = state.context.clock().now();
        // Backup ARNs end in the creation time in milliseconds and eight hex digits:
        // arn:aws:dynamodb:us-east-1:123456789012:table/Music/backup/01489602797149-73d8d5bc
        String id = String.format("%017d", now.toEpochMilli()) + "-" + state.context.ids().hex(8);
        Backup b = new Backup(t.arn + "/backup/" + id, name, type, now, expires, TableSnapshot.of(t, now), t.created);
        b.settlesAt = now.plus(Tables.settleDelay());
        db.backups.put(b.arn, b);
        return b;
    }

    private Table tableForBackup(Database db, String nameOrArn) {
        String name = Tables.nameOf(db, nameOrArn);
        Table t = name == null ? null : db.tables.get(name);
        if (t == null) {
            throw ModeledErrors.of(TableNotFoundException.class, "Table not found: " + nameOrArn);
        }
        tables.settle(t);
        if (!t.status.equals("ACTIVE")) {
            throw ModeledErrors.of(TableInUseException.class, "Table is being " + t.status.toLowerCase() + ": " + t.name);
        }
        return t;
    }

    private Backup backup(Database db, String arn) {
        Backup b = db.backups.get(arn);
        if (b == null || b.expires != null && !now().isBefore(b.expires)) {
            throw ModeledErrors.of(BackupNotFoundException.class, "Backup not found: " + arn);
        }
        b.settle(now());
        return b;
    }

    public DescribeBackupResponse describeBackup(DescribeBackupRequest r) {
        Backup b = backup(state.database(), r.backupArn());
        return DescribeBackupResponse.builder().backupDescription(description(b)).build();
    }

    public DeleteBackupResponse deleteBackup(DeleteBackupRequest r) {
        Database db = state.database();
        Backup b = backup(db, r.backupArn());
        if (b.status.equals("CREATING")) {
            throw ModeledErrors.of(BackupInUseException.class, "Backup is being created: " + b.arn);
        }
        db.backups.remove(b.arn);
        b.status = "DELETED";
        return DeleteBackupResponse.builder().backupDescription(description(b)).build();
    }

    /**
     * Newest-last, filtered by table, creation time (lower bound inclusive, upper exclusive) and type (USER
     * unless asked), paged by {@code ExclusiveStartBackupArn}
     * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListBackups.html).
     */
    public ListBackupsResponse listBackups(ListBackupsRequest r) {
        Database db = state.database();
        String table = r.tableName() == null ? null : Tables.nameOf(db, r.tableName());
        String type = r.backupTypeAsString() == null ? "USER" : r.backupTypeAsString();
        int limit = r.limit() == null ? 100 : r.limit();
        boolean started = r.exclusiveStartBackupArn() == null;
        List<BackupSummary> out = new ArrayList<>();
        String last = null;
        for (Backup b : List.copyOf(db.backups.values())) {
            if (!started) {
                started = b.arn.equals(r.exclusiveStartBackupArn());
                continue;
            }
            if (b.expires != null && !now().isBefore(b.expires)) {
                db.backups.remove(b.arn);
                continue;
            }
            b.settle(now());
            if (table != null && !b.table.name().equals(table)
                    || r.timeRangeLowerBound() != null && b.created.isBefore(r.timeRangeLowerBound())
                    || r.timeRangeUpperBound() != null && !b.created.isBefore(r.timeRangeUpperBound())
                    || !type.equals("ALL") && !type.equals(b.type)) {
                continue;
            }
            if (out.size() == limit) {
                break;
            }
            out.add(summary(b));
            last = b.arn;
        }
        ListBackupsResponse.Builder resp = ListBackupsResponse.builder().backupSummaries(out);
        if (out.size() == limit && last != null && hasMore(db, last)) {
            resp.lastEvaluatedBackupArn(last);
        }
        return resp.build();
    }

    private static boolean hasMore(Database db, String arn) {
        boolean after = false;
        for (String k : db.backups.keySet()) {
            if (after) {
                return true;
            }
            after = k.equals(arn);
        }
        return false;
    }

    public RestoreTableFromBackupResponse restoreTableFromBackup(RestoreTableFromBackupRequest r) {
        Database db = state.database();
        Backup b = backup(db, r.backupArn());
        if (!b.status.equals("AVAILABLE")) {
            throw ModeledErrors.of(BackupInUseException.class, "Backup is being created: " + b.arn);
        }
        RestoreSummary summary = RestoreSummary.builder().sourceBackupArn(b.arn).sourceTableArn(b.table.arn())
                .restoreDateTime(b.created).restoreInProgress(true).build();
        TableDescription d = Restores.restore(state, tables, db, b.table, r.targetTableName(), summary,
                new Restores.Overrides(r.billingModeOverrideAsString(), r.provisionedThroughputOverride(),
                        r.hasGlobalSecondaryIndexOverride() ? r.globalSecondaryIndexOverride() : null,
                        r.hasLocalSecondaryIndexOverride() ? r.localSecondaryIndexOverride() : null,
                        r.sseSpecificationOverride(), r.hasVectorIndexOverride() ? r.vectorIndexOverride() : null));
        return RestoreTableFromBackupResponse.builder().tableDescription(d).build();
    }

    private static BackupDetails details(Backup b) {
        BackupDetails.Builder d = BackupDetails.builder().backupArn(b.arn).backupName(b.name)
                .backupSizeBytes(b.table.bytes()).backupStatus(b.status).backupType(b.type)
                .backupCreationDateTime(b.created);
        if (b.expires != null) {
            d.backupExpiryDateTime(b.expires);
        }
        return d.build();
    }

    private static BackupSummary summary(Backup b) {
        BackupSummary.Builder s = BackupSummary.builder().tableName(b.table.name()).tableId(b.table.id())
                .tableArn(b.table.arn()).backupArn(b.arn).backupName(b.name).backupCreationDateTime(b.created)
                .backupStatus(b.status).backupType(b.type).backupSizeBytes(b.table.bytes());
        if (b.expires != null) {
            s.backupExpiryDateTime(b.expires);
        }
        return s.build();
    }

    private static BackupDescription description(Backup b) {
        TableSnapshot t = b.table;
        SourceTableDetails.Builder source = SourceTableDetails.builder().tableName(t.name()).tableId(t.id())
                .tableArn(t.arn()).tableSizeBytes(t.bytes()).keySchema(t.key().toSdk()).tableCreationDateTime(b.tableCreated)
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(t.readCapacity())
                        .writeCapacityUnits(t.writeCapacity()).build())
                .itemCount(b.itemCount).billingMode(t.billingMode());
        List<LocalSecondaryIndexInfo> lsis = new ArrayList<>();
        List<GlobalSecondaryIndexInfo> gsis = new ArrayList<>();
        for (TableSnapshot.IndexDefinition ix : t.indexes()) {
            Projection.Builder p = Projection.builder().projectionType(ix.projectionType());
            if (!ix.nonKeyAttributes().isEmpty()) {
                p.nonKeyAttributes(ix.nonKeyAttributes());
            }
            if (ix.global()) {
                gsis.add(GlobalSecondaryIndexInfo.builder().indexName(ix.name()).keySchema(ix.key().toSdk())
                        .projection(p.build()).provisionedThroughput(ProvisionedThroughput.builder()
                                .readCapacityUnits(ix.readCapacity()).writeCapacityUnits(ix.writeCapacity()).build())
                        .build());
            } else {
                lsis.add(LocalSecondaryIndexInfo.builder().indexName(ix.name()).keySchema(ix.key().toSdk())
                        .projection(p.build()).build());
            }
        }
        SourceTableFeatureDetails.Builder features = SourceTableFeatureDetails.builder();
        if (t.vectorIndexes() != null && !t.vectorIndexes().isEmpty()) {
            features.vectorIndexes(t.vectorIndexes().stream().map(v -> {
                Projection.Builder p = Projection.builder().projectionType(v.projectionType());
                if (!v.nonKeyAttributes().isEmpty()) {
                    p.nonKeyAttributes(v.nonKeyAttributes());
                }
                VectorIndexInfo.Builder i = VectorIndexInfo.builder().indexName(v.name())
                        .vectorAttribute(a -> a.attributeName(v.attribute())).dimensions(v.dimensions())
                        .distanceFunction(v.distance()).projection(p.build());
                if (!v.searchSchema().isEmpty()) {
                    i.searchSchema(v.searchSchema().stream().map(e -> SearchSchemaElement.builder()
                            .attributeName(e.attribute()).searchSchemaElementType(e.type()).build()).toList());
                }
                return i.build();
            }).toList());
        }
        if (!lsis.isEmpty()) {
            features.localSecondaryIndexes(lsis);
        }
        if (!gsis.isEmpty()) {
            features.globalSecondaryIndexes(gsis);
        }
        if (t.kmsKeyArn() != null) {
            features.sseDescription(SSEDescription.builder().status("ENABLED").sseType("KMS").kmsMasterKeyArn(t.kmsKeyArn())
                    .build());
        }
        return BackupDescription.builder().backupDetails(details(b)).sourceTableDetails(source.build())
                .sourceTableFeatureDetails(features.build()).build();
    }
}
