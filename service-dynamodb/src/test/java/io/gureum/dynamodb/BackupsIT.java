package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

class BackupsIT extends DynamoDbTestSupport {

    private static void put(String table, String pk, String v) {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "v", s(v))));
    }

    private static int count(String table) {
        return ddb.scan(b -> b.tableName(table)).count();
    }

    @Test
    void createDescribeRestoreAndDeleteABackup() {
        String t = table(null, null);
        put(t, "a", "1");
        put(t, "b", "1");
        BackupDetails created = ddb.createBackup(b -> b.tableName(t).backupName("nightly")).backupDetails();
        assertTrue(created.backupArn().startsWith(tableArn(t) + "/backup/"));
        assertEquals(BackupStatus.CREATING, created.backupStatus());
        assertEquals(BackupType.USER, created.backupType());
        put(t, "c", "after the backup");

        BackupDescription d = ddb.describeBackup(b -> b.backupArn(created.backupArn())).backupDescription();
        assertEquals(BackupStatus.AVAILABLE, d.backupDetails().backupStatus());
        assertEquals(2L, d.sourceTableDetails().itemCount());
        assertEquals(t, d.sourceTableDetails().tableName());
        assertEquals(BillingMode.PAY_PER_REQUEST, d.sourceTableDetails().billingMode());

        String target = unique("restored");
        TableDescription restored = ddb.restoreTableFromBackup(b -> b.backupArn(created.backupArn()).targetTableName(target))
                .tableDescription();
        assertEquals(TableStatus.CREATING, restored.tableStatus());
        assertEquals(created.backupArn(), restored.restoreSummary().sourceBackupArn());
        assertTrue(restored.restoreSummary().restoreInProgress());
        TableDescription settled = ddb.describeTable(b -> b.tableName(target)).table();
        assertFalse(settled.restoreSummary().restoreInProgress());
        assertEquals(2, count(target));

        TableAlreadyExistsException exists = assertThrows(TableAlreadyExistsException.class,
                () -> ddb.restoreTableFromBackup(b -> b.backupArn(created.backupArn()).targetTableName(target)));
        assertEquals(400, exists.statusCode());
        assertEquals("Table already exists: " + target, exists.awsErrorDetails().errorMessage());

        assertEquals(BackupStatus.DELETED, ddb.deleteBackup(b -> b.backupArn(created.backupArn())).backupDescription()
                .backupDetails().backupStatus());
        BackupNotFoundException gone = assertThrows(BackupNotFoundException.class,
                () -> ddb.describeBackup(b -> b.backupArn(created.backupArn())));
        assertEquals(400, gone.statusCode());
        TableNotFoundException noTable = assertThrows(TableNotFoundException.class,
                () -> ddb.createBackup(b -> b.tableName("no-such-table").backupName("xyz")));
        assertEquals("Table not found: no-such-table", noTable.awsErrorDetails().errorMessage());
    }

    @Test
    void listBackupsFiltersAndPages() {
        String t1 = table(null, null);
        String t2 = table(null, null);
        Instant before = Instant.now().minusSeconds(3600);
        for (int i = 0; i < 3; i++) {
            int n = i;
            ddb.createBackup(b -> b.tableName(t1).backupName("bak" + n));
        }
        ddb.createBackup(b -> b.tableName(tableArn(t2)).backupName("other"));
        List<BackupSummary> forT1 = ddb.listBackups(b -> b.tableName(t1)).backupSummaries();
        assertEquals(List.of("bak0", "bak1", "bak2"), forT1.stream().map(BackupSummary::backupName).toList());
        ListBackupsResponse page = ddb.listBackups(b -> b.tableName(t1).limit(2));
        assertEquals(2, page.backupSummaries().size());
        assertNotNull(page.lastEvaluatedBackupArn());
        ListBackupsResponse rest = ddb.listBackups(b -> b.tableName(t1).limit(2).exclusiveStartBackupArn(page.lastEvaluatedBackupArn()));
        assertEquals(List.of("bak2"), rest.backupSummaries().stream().map(BackupSummary::backupName).toList());
        assertNull(rest.lastEvaluatedBackupArn());
        assertTrue(ddb.listBackups(b -> b.tableName(t1).timeRangeUpperBound(before)).backupSummaries().isEmpty());
        assertTrue(ddb.listBackups(b -> b.tableName(t1).backupType(BackupTypeFilter.SYSTEM)).backupSummaries().isEmpty());
    }

    @Test
    void pointInTimeRecoveryRestoresTheTableAsItWasOnTheClock() throws Exception {
        String t = table(null, null);
        put(t, "a", "1");
        ContinuousBackupsDescription off = ddb.describeContinuousBackups(b -> b.tableName(t)).continuousBackupsDescription();
        assertEquals(ContinuousBackupsStatus.ENABLED, off.continuousBackupsStatus());
        assertEquals(PointInTimeRecoveryStatus.DISABLED, off.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus());
        PointInTimeRecoveryUnavailableException unavailable = assertThrows(PointInTimeRecoveryUnavailableException.class,
                () -> ddb.restoreTableToPointInTime(b -> b.sourceTableName(t).targetTableName(unique("r"))
                        .useLatestRestorableTime(true)));
        assertEquals(400, unavailable.statusCode());

        PointInTimeRecoveryDescription on = ddb.updateContinuousBackups(b -> b.tableName(t)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(7)))
                .continuousBackupsDescription().pointInTimeRecoveryDescription();
        assertEquals(PointInTimeRecoveryStatus.ENABLED, on.pointInTimeRecoveryStatus());
        assertEquals(7, on.recoveryPeriodInDays());
        Instant earliest = on.earliestRestorableDateTime();

        StreamsTtlIT.advanceClock(60);
        put(t, "b", "1");
        ddb.deleteItem(b -> b.tableName(t).key(key("a")));
        Instant afterFirstChanges = ddb.describeContinuousBackups(b -> b.tableName(t)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().latestRestorableDateTime();
        StreamsTtlIT.advanceClock(60);
        put(t, "b", "2");
        put(t, "c", "1");

        String atEnable = unique("r");
        ddb.restoreTableToPointInTime(b -> b.sourceTableName(t).targetTableName(atEnable).restoreDateTime(earliest));
        assertEquals(List.of("a"), pks(atEnable));
        String middle = unique("r");
        ddb.restoreTableToPointInTime(b -> b.sourceTableArn(tableArn(t)).targetTableName(middle).restoreDateTime(afterFirstChanges));
        assertEquals(List.of("b"), pks(middle));
        assertEquals("1", ddb.getItem(b -> b.tableName(middle).key(key("b"))).item().get("v").s());
        String latest = unique("r");
        TableDescription d = ddb.restoreTableToPointInTime(b -> b.sourceTableName(t).targetTableName(latest)
                .useLatestRestorableTime(true).billingModeOverride(BillingMode.PROVISIONED)
                .provisionedThroughputOverride(p -> p.readCapacityUnits(3L).writeCapacityUnits(4L))).tableDescription();
        assertEquals(tableArn(t), d.restoreSummary().sourceTableArn());
        assertEquals(3L, d.provisionedThroughput().readCapacityUnits());
        assertEquals(List.of("b", "c"), pks(latest));

        InvalidRestoreTimeException tooEarly = assertThrows(InvalidRestoreTimeException.class,
                () -> ddb.restoreTableToPointInTime(b -> b.sourceTableName(t).targetTableName(unique("r"))
                        .restoreDateTime(earliest.minusSeconds(1))));
        assertEquals(400, tooEarly.statusCode());

        // Deleting a table with PITR on leaves a SYSTEM backup, listed with BackupType SYSTEM or ALL.
        ddb.deleteTable(b -> b.tableName(t));
        List<BackupSummary> system = ddb.listBackups(b -> b.tableName(t).backupType(BackupTypeFilter.SYSTEM)).backupSummaries();
        assertEquals(1, system.size());
        assertEquals(t + "$DeletedTableBackup", system.get(0).backupName());
        assertNotNull(system.get(0).backupExpiryDateTime());
    }

    private static List<String> pks(String table) {
        return ddb.scan(b -> b.tableName(table)).items().stream().map(i -> i.get("pk").s()).sorted().toList();
    }

    private static String tableArn(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table().tableArn();
    }
}
