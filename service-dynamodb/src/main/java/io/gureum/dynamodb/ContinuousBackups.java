package io.gureum.dynamodb;

import io.gureum.core.error.ModeledErrors;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * Point-in-time recovery: UpdateContinuousBackups, DescribeContinuousBackups and RestoreTableToPointInTime,
 * over each table's {@link PointInTimeRecovery} history on the core clock. AWS's latest restorable time lags
 * the present by about five minutes; here it is the clock's present, so a restore sees every acknowledged
 * write (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html).
 */
final class ContinuousBackups {
    static final int DEFAULT_RECOVERY_PERIOD_DAYS = 35;

    private final DynamoDbState state;
    private final Tables tables;

    ContinuousBackups(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    private Table table(Database db, String nameOrArn) {
        String name = Tables.nameOf(db, nameOrArn);
        Table t = name == null ? null : db.tables.get(name);
        if (t == null) {
            throw ModeledErrors.of(TableNotFoundException.class, "Table not found: " + nameOrArn);
        }
        return t;
    }

    public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest r) {
        Database db = state.database();
        Table t = table(db, r.tableName());
        PointInTimeRecoverySpecification spec = r.pointInTimeRecoverySpecification();
        boolean enable = Boolean.TRUE.equals(spec.pointInTimeRecoveryEnabled());
        if (!enable && spec.recoveryPeriodInDays() != null) {
            throw DynamoErrors.validation("RecoveryPeriodInDays can only be specified when PointInTimeRecoveryEnabled is true");
        }
        int days = spec.recoveryPeriodInDays() == null ? DEFAULT_RECOVERY_PERIOD_DAYS : spec.recoveryPeriodInDays();
        if (enable && t.pitr == null) {
            t.pitr = new PointInTimeRecovery(state.context.clock(), t, days);
        } else if (enable) {
            t.pitr.recoveryPeriodDays = days;
        } else {
            t.pitr = null;
        }
        return UpdateContinuousBackupsResponse.builder().continuousBackupsDescription(describe(t)).build();
    }

    public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest r) {
        Table t = table(state.database(), r.tableName());
        return DescribeContinuousBackupsResponse.builder().continuousBackupsDescription(describe(t)).build();
    }

    private ContinuousBackupsDescription describe(Table t) {
        PointInTimeRecoveryDescription.Builder p = PointInTimeRecoveryDescription.builder();
        if (t.pitr == null) {
            p.pointInTimeRecoveryStatus(PointInTimeRecoveryStatus.DISABLED);
        } else {
            p.pointInTimeRecoveryStatus(PointInTimeRecoveryStatus.ENABLED).recoveryPeriodInDays(t.pitr.recoveryPeriodDays)
                    .earliestRestorableDateTime(t.pitr.earliest()).latestRestorableDateTime(now());
        }
        return ContinuousBackupsDescription.builder().continuousBackupsStatus(ContinuousBackupsStatus.ENABLED)
                .pointInTimeRecoveryDescription(p.build()).build();
    }

    private Instant now() {
        return state.context.clock().now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public RestoreTableToPointInTimeResponse restoreTableToPointInTime(RestoreTableToPointInTimeRequest r) {
        Database db = state.database();
        if (r.sourceTableArn() == null && r.sourceTableName() == null) {
            throw DynamoErrors.validation("Either SourceTableArn or SourceTableName must be specified");
        }
        if (r.sourceTableArn() != null && r.sourceTableName() != null) {
            throw DynamoErrors.validation("Only one of SourceTableArn or SourceTableName can be specified");
        }
        boolean latest = Boolean.TRUE.equals(r.useLatestRestorableTime());
        if (latest && r.restoreDateTime() != null) {
            throw DynamoErrors.validation("Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
        }
        if (!latest && r.restoreDateTime() == null) {
            throw DynamoErrors.validation("Either RestoreDateTime or UseLatestRestorableTime must be specified");
        }
        Table source = table(db, r.sourceTableArn() != null ? r.sourceTableArn() : r.sourceTableName());
        if (source.pitr == null) {
            throw ModeledErrors.of(PointInTimeRecoveryUnavailableException.class,
                    "Point in time recovery is not enabled for table '" + source.name + "'");
        }
        Instant now = now();
        Instant earliest = source.pitr.earliest();
        Instant at = latest ? now : r.restoreDateTime();
        if (at.isBefore(earliest) || at.isAfter(now)) {
            throw ModeledErrors.of(InvalidRestoreTimeException.class, "Only a restore time between " + earliest + " and "
                    + now + " can be specified");
        }
        TableSnapshot snapshot = TableSnapshot.of(source, source.pitr.itemsAt(at), at);
        RestoreSummary summary = RestoreSummary.builder().sourceTableArn(source.arn).restoreDateTime(at)
                .restoreInProgress(true).build();
        TableDescription d = Restores.restore(state, tables, db, snapshot, r.targetTableName(), summary,
                new Restores.Overrides(r.billingModeOverrideAsString(), r.provisionedThroughputOverride(),
                        r.hasGlobalSecondaryIndexOverride() ? r.globalSecondaryIndexOverride() : null,
                        r.hasLocalSecondaryIndexOverride() ? r.localSecondaryIndexOverride() : null,
                        r.sseSpecificationOverride(), r.hasVectorIndexOverride() ? r.vectorIndexOverride() : null));
        return RestoreTableToPointInTimeResponse.builder().tableDescription(d).build();
    }
}
