package io.gureum.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A backup as one record for {@code --data-dir}: its description and the table definition and items it
 * holds (items as DynamoDB JSON). Backups never change after they are taken (their status settles on the
 * clock from {@code settlesAt}), so each is recorded once and deleted when it goes.
 */
final class BackupRecords {
    static final String BACKUP = "backup";

    record SnapshotState(String name, String arn, String id, KeySchema key, Map<String, String> attributeTypes,
            List<TableSnapshot.IndexDefinition> indexes, String billingMode, long readCapacity, long writeCapacity,
            String tableClass, String kmsKeyArn, List<JsonNode> items, long bytes, long at,
            List<TableSnapshot.VectorDefinition> vectorIndexes) {
    }

    record BackupState(String arn, String name, String type, long created, Long expires, long tableCreated,
            Long settlesAt, String status, SnapshotState table) {
    }

    private BackupRecords() {
    }

    static BackupState of(Backup b) {
        TableSnapshot t = b.table;
        List<JsonNode> items = new ArrayList<>(t.items().size());
        t.items().forEach(i -> items.add(DynamoJson.item(i)));
        SnapshotState s = new SnapshotState(t.name(), t.arn(), t.id(), t.key(), t.attributeTypes(), t.indexes(),
                t.billingMode(), t.readCapacity(), t.writeCapacity(), t.tableClass(), t.kmsKeyArn(), items, t.bytes(),
                t.at().toEpochMilli(), t.vectorIndexes());
        return new BackupState(b.arn, b.name, b.type, b.created.toEpochMilli(),
                b.expires == null ? null : b.expires.toEpochMilli(), b.tableCreated.toEpochMilli(),
                b.settlesAt == null ? null : b.settlesAt.toEpochMilli(), b.status, s);
    }

    static Backup backup(BackupState b) {
        SnapshotState s = b.table();
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = new ArrayList<>();
        s.items().forEach(i -> items.add(DynamoJson.item(i)));
        TableSnapshot t = new TableSnapshot(s.name(), s.arn(), s.id(), s.key(), s.attributeTypes(), s.indexes(),
                s.billingMode(), s.readCapacity(), s.writeCapacity(), s.tableClass(), s.kmsKeyArn(), List.copyOf(items),
                s.bytes(), Instant.ofEpochMilli(s.at()), s.vectorIndexes());
        Backup out = new Backup(b.arn(), b.name(), b.type(), Instant.ofEpochMilli(b.created()),
                b.expires() == null ? null : Instant.ofEpochMilli(b.expires()), t, Instant.ofEpochMilli(b.tableCreated()));
        out.status = b.status();
        out.settlesAt = b.settlesAt() == null ? null : Instant.ofEpochMilli(b.settlesAt());
        return out;
    }
}
