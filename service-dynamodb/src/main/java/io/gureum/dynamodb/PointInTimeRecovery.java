package io.gureum.dynamodb;

import io.gureum.core.time.GureumClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table's point-in-time recovery while it is enabled: the items as they were at the start of the
 * recovery window (the baseline) and every change since, on the core clock. Changes older than the
 * window ({@code RecoveryPeriodInDays}, 35 by default) are folded into the baseline as they age, so the
 * history stays bounded by the window; turning PITR off drops it, as AWS does
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html).
 * Guarded by the database's write lock. With {@code --data-dir} the baseline and the changes are journaled
 * as they move ({@link DynamoRecords}), under the time PITR was enabled, so the window survives a restart.
 */
final class PointInTimeRecovery {
    record Change(long sequence, Instant at, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
    }

    private final GureumClock clock;
    private final Table table;
    private final Partitions baseline = new Partitions();
    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    /** When PITR was enabled: the name its journaled history is kept under. */
    final Instant enabledAt;
    /** The earliest restorable time: when PITR was enabled, or the start of the window once it has passed. */
    private Instant earliest;
    private long nextSequence;
    int recoveryPeriodDays;

    PointInTimeRecovery(GureumClock clock, Table table, int recoveryPeriodDays) {
        this.clock = clock;
        this.table = table;
        this.recoveryPeriodDays = recoveryPeriodDays;
        this.enabledAt = now();
        this.earliest = enabledAt;
        table.data.all().values().forEach(p -> p.values().forEach(this::toBaseline));
    }

    /**
     * PITR as journaled before a restart: its baseline and changes (in sequence order). The earliest
     * restorable time is where the window stands now, or when PITR was enabled if that is later.
     */
    PointInTimeRecovery(GureumClock clock, Table table, int recoveryPeriodDays, Instant enabledAt,
            List<Map<String, AttributeValue>> baselineItems, List<Change> history) {
        this.clock = clock;
        this.table = table;
        this.recoveryPeriodDays = recoveryPeriodDays;
        this.enabledAt = enabledAt;
        this.earliest = enabledAt;
        baselineItems.forEach(item -> baseline.put(table.partitionOf(item), table.rowOf(item), item, 0));
        for (Change c : history) {
            changes.addLast(c);
            nextSequence = Math.max(nextSequence, c.sequence() + 1);
        }
        fold();
    }

    /** The clock's present to the millisecond, the precision times have on the wire. */
    private Instant now() {
        return clock.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    Instant earliest() {
        fold();
        return earliest;
    }

    /** Records a write ({@code item} null for a delete). */
    void changed(Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        Change c = new Change(nextSequence++, now(), key, item);
        changes.addLast(c);
        if (table.owner != null) {
            table.owner.records.pitrChange(table.owner, table, this, c);
        }
        fold();
    }

    /** The baseline's items and the changes since, for a snapshot of the data directory. */
    void capture(java.util.function.Consumer<Map<String, AttributeValue>> baselineItems, java.util.function.Consumer<Change> history) {
        baseline.all().values().forEach(rows -> rows.values().forEach(baselineItems));
        changes.forEach(history);
    }

    /** The table's items as they were at {@code at} (between {@link #earliest} and now). */
    List<Map<String, AttributeValue>> itemsAt(Instant at) {
        Partitions p = new Partitions();
        baseline.all().forEach((pk, rows) -> rows.forEach((rk, item) -> p.put(pk, rk, item, 0)));
        for (Change c : changes) {
            if (c.at().isAfter(at)) {
                break;
            }
            if (c.item() == null) {
                p.remove(table.partitionOf(c.key()), table.rowOf(c.key()));
            } else {
                p.put(table.partitionOf(c.item()), table.rowOf(c.item()), c.item(), 0);
            }
        }
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        p.all().values().forEach(rows -> out.addAll(rows.values()));
        return out;
    }

    /** An item changed between two instants: its images before and after, and when it was last written. */
    record Delta(Map<String, AttributeValue> key, Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage, Instant written) {
    }

    /** Every item written in ({@code from}, {@code to}], for incremental exports. */
    List<Delta> deltas(Instant from, Instant to) {
        Map<String, Map<String, AttributeValue>> before = byKey(itemsAt(from));
        Map<String, Map<String, AttributeValue>> after = byKey(itemsAt(to));
        Map<String, Change> last = new java.util.LinkedHashMap<>();
        for (Change c : changes) {
            if (c.at().isAfter(to)) {
                break;
            }
            if (c.at().isAfter(from)) {
                last.put(DynamoJson.item(c.key()).toString(), c);
            }
        }
        List<Delta> out = new ArrayList<>();
        last.forEach((k, c) -> out.add(new Delta(c.key(), before.get(k), after.get(k), c.at())));
        return out;
    }

    private Map<String, Map<String, AttributeValue>> byKey(List<Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> out = new java.util.HashMap<>();
        items.forEach(i -> out.put(DynamoJson.item(table.keyOf(i)).toString(), i));
        return out;
    }

    /** Moves changes older than the window into the baseline. */
    private void fold() {
        Instant windowStart = now().minus(Duration.ofDays(recoveryPeriodDays));
        for (Iterator<Change> it = changes.iterator(); it.hasNext();) {
            Change c = it.next();
            if (!c.at().isBefore(windowStart)) {
                break;
            }
            if (c.item() == null) {
                baseline.remove(table.partitionOf(c.key()), table.rowOf(c.key()));
            } else {
                baseline.put(table.partitionOf(c.item()), table.rowOf(c.item()), c.item(), 0);
            }
            it.remove();
            if (table.owner != null) {
                table.owner.records.pitrFolded(table.owner, table, this, c);
            }
        }
        if (earliest.isBefore(windowStart)) {
            earliest = windowStart;
        }
    }

    private void toBaseline(Map<String, AttributeValue> item) {
        baseline.put(table.partitionOf(item), table.rowOf(item), item, 0);
        if (table.owner != null) {
            table.owner.records.pitrBaseline(table.owner, table, this, item);
        }
    }
}
