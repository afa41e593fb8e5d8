package io.gureum.ec2.ebs;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotTierStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotTierStatusResponse;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotTierRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotTierResponse;
import software.amazon.awssdk.services.ec2.model.RestoreSnapshotTierRequest;
import software.amazon.awssdk.services.ec2.model.RestoreSnapshotTierResponse;
import software.amazon.awssdk.services.ec2.model.SnapshotTierStatus;

/**
 * The EBS Snapshots Archive tier (https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-archive.html):
 * ModifySnapshotTier moves a completed snapshot to {@code archive}, RestoreSnapshotTier brings an archived one
 * back to {@code standard} for a number of days or for good. AWS takes up to 24–72 hours for either; here
 * each completes {@link #ARCHIVAL} or {@link #RESTORE} after it starts, on the core clock, and a temporary
 * restore returns to the archive tier when its days are over.
 */
public final class SnapshotTiers {
    static final Duration ARCHIVAL = Duration.ofHours(24);
    static final Duration RESTORE = Duration.ofHours(24);
    private static final int MAX_RESTORE_DAYS = 180;

    private final Compute compute;
    private final Ebs ebs;
    private final Ec2Filters<Snapshot> filters;

    public SnapshotTiers(Compute compute, Ebs ebs) {
        this.compute = compute;
        this.ebs = ebs;
        this.filters = new Ec2Filters<Snapshot>(x -> (java.util.Map<String, String>) x.tags)
                .on("snapshot-id", x -> x.id)
                .on("volume-id", x -> x.volumeId)
                .on("last-tiering-operation", x -> operationStatus(x, compute.now()));
    }

    private Snapshot owned(ComputeStore s, String id) {
        Snapshot snap = ebs.requireSnapshot(s, id);
        if (!snap.ownerId.equals(s.account)) {
            throw Ec2Error.INVALID_SNAPSHOT_NOT_FOUND.of(snap.id);
        }
        return snap;
    }

    /** {@code archival-in-progress}, {@code temporary-restore-completed} …, or null for a snapshot never tiered. */
    static String operationStatus(Snapshot x, Instant now) {
        if (x.tiering == null) {
            return null;
        }
        return x.tiering.operation + (now.isBefore(x.tiering.completesAt) ? "-in-progress" : "-completed");
    }

    public ModifySnapshotTierResponse modifySnapshotTier(ModifySnapshotTierRequest r) {
        ComputeStore s = compute.store();
        Snapshot snap = owned(s, r.snapshotId());
        Instant now = compute.now();
        if (r.storageTierAsString() != null && !r.storageTierAsString().equals("archive")) {
            throw Ec2Errors.invalidValue(r.storageTierAsString(), "StorageTier", "Valid value is archive.");
        }
        if (!snap.state(now).equals("completed")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The snapshot '" + snap.id + "' is not in the completed state. "
                    + "Only completed snapshots can be archived.");
        }
        String op = operationStatus(snap, now);
        if (snap.tier(now).equals("archive") || "archival-in-progress".equals(op)
                || (op != null && op.endsWith("restore-in-progress"))) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The snapshot '" + snap.id + "' is already archived or has a "
                    + "tiering operation in progress.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Snapshot.Tiering t = new Snapshot.Tiering();
        t.operation = "archival";
        t.startTime = now;
        t.completesAt = now.plus(ARCHIVAL);
        t.archivalCompleteTime = t.completesAt;
        snap.tiering = t;
        return ModifySnapshotTierResponse.builder().snapshotId(snap.id).tieringStartTime(now).build();
    }

    /**
     * Restores an archived snapshot, or changes a temporary restore's days or makes it permanent. Exactly
     * one of TemporaryRestoreDays and PermanentRestore=true.
     */
    public RestoreSnapshotTierResponse restoreSnapshotTier(RestoreSnapshotTierRequest r) {
        ComputeStore s = compute.store();
        Snapshot snap = owned(s, r.snapshotId());
        Instant now = compute.now();
        boolean permanent = Boolean.TRUE.equals(r.permanentRestore());
        Integer days = r.temporaryRestoreDays();
        if (permanent && days != null) {
            throw Ec2Errors.combination("You can't specify both TemporaryRestoreDays and PermanentRestore.");
        }
        if (!permanent && days == null) {
            throw Ec2Errors.missing("TemporaryRestoreDays");
        }
        if (days != null && (days < 1 || days > MAX_RESTORE_DAYS)) {
            throw Ec2Errors.invalidValue(String.valueOf(days), "TemporaryRestoreDays",
                    "The restore period must be between 1 and " + MAX_RESTORE_DAYS + " days.");
        }
        String op = operationStatus(snap, now);
        boolean temporarilyRestored = "temporary-restore-completed".equals(op) && snap.tier(now).equals("standard");
        if (!snap.tier(now).equals("archive") && !temporarilyRestored || (op != null && op.endsWith("-in-progress"))) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The snapshot '" + snap.id + "' is not in the archive tier.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Snapshot.Tiering t = new Snapshot.Tiering();
        t.archivalCompleteTime = snap.tiering == null ? null : snap.tiering.archivalCompleteTime;
        t.startTime = now;
        if (temporarilyRestored) {
            // Already in the standard tier: only the period or the kind of restore changes.
            t.completesAt = now;
            t.operation = permanent ? "permanent-restore" : "temporary-restore";
        } else {
            t.completesAt = now.plus(RESTORE);
            t.operation = permanent ? "permanent-restore" : "temporary-restore";
        }
        if (!permanent) {
            t.restoreDays = days;
            t.restoreExpiryTime = t.completesAt.plus(Duration.ofDays(days));
        }
        snap.tiering = t;
        return RestoreSnapshotTierResponse.builder().snapshotId(snap.id).restoreStartTime(now)
                .restoreDuration(days).isPermanentRestore(permanent).build();
    }

    /** The caller's snapshots that were ever archived, with their last tiering operation. */
    public DescribeSnapshotTierStatusResponse describeSnapshotTierStatus(DescribeSnapshotTierStatusRequest r) {
        ComputeStore s = compute.store();
        Instant now = compute.now();
        var keep = filters.predicate(r.filters());
        List<Snapshot> matching = compute.images(s.region).snapshots().stream()
                .filter(x -> x.ownerId.equals(s.account) && x.tiering != null).filter(keep).toList();
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 1000);
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeSnapshotTierStatusResponse.builder().snapshotTierStatuses(page.items().stream()
                .map(x -> SnapshotTierStatus.builder().snapshotId(x.id).volumeId(x.volumeId)
                        .status(x.state(now)).ownerId(x.ownerId).tags(TagSpecifications.toSdk(x.tags))
                        .storageTier(x.tier(now)).lastTieringStartTime(x.tiering.startTime)
                        .lastTieringProgress(now.isBefore(x.tiering.completesAt) ? 0 : 100)
                        .lastTieringOperationStatus(operationStatus(x, now))
                        .archivalCompleteTime(x.tiering.archivalCompleteTime == null
                                || now.isBefore(x.tiering.archivalCompleteTime) ? null : x.tiering.archivalCompleteTime)
                        .restoreExpiryTime(x.tiering.restoreExpiryTime).build()).toList())
                .nextToken(page.nextToken()).build();
    }
}
