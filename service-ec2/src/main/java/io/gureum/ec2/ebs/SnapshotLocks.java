package io.gureum.ec2.ebs;

import io.gureum.core.error.AwsException;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeLockedSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLockedSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.LockSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.LockSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.LockedSnapshotsInfo;
import software.amazon.awssdk.services.ec2.model.UnlockSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.UnlockSnapshotResponse;

/**
 * Snapshot lock (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshot-lock.html): a locked snapshot
 * cannot be deleted until its lock expires. Governance locks can be unlocked and changed at any time; a
 * compliance lock only during its cooling-off period, after which it can only be extended. All on the core clock.
 */
public final class SnapshotLocks {
    private static final int MAX_COOL_OFF_HOURS = 72;
    private static final int MAX_DURATION_DAYS = 36500;

    private final Compute compute;
    private final Ebs ebs;
    private final Ec2Filters<Snapshot> filters;

    public SnapshotLocks(Compute compute, Ebs ebs) {
        this.compute = compute;
        this.ebs = ebs;
        this.filters = new Ec2Filters<Snapshot>(x -> (java.util.Map<String, String>) x.tags)
                .on("lock-state", x -> x.lock.state(compute.now()));
    }

    /** DeleteSnapshot's refusal of a snapshot whose lock has not expired. */
    public static AwsException lockedError(Snapshot snap) {
        return Ec2Error.INCORRECT_STATE.withMessage("The snapshot '" + snap.id + "' is locked and can't be "
                + "deleted until the lock expires.");
    }

    private Snapshot owned(ComputeStore s, String id) {
        Snapshot snap = ebs.requireSnapshot(s, id);
        if (!snap.ownerId.equals(s.account)) {
            throw Ec2Error.INVALID_SNAPSHOT_NOT_FOUND.of(snap.id);
        }
        return snap;
    }

    public LockSnapshotResponse lockSnapshot(LockSnapshotRequest r) {
        ComputeStore s = compute.store();
        Snapshot snap = owned(s, r.snapshotId());
        String mode = r.lockModeAsString();
        if (mode == null) {
            throw Ec2Errors.missing("LockMode");
        }
        if (!mode.equals("governance") && !mode.equals("compliance")) {
            throw Ec2Errors.invalidValue(mode, "LockMode", "Valid values are governance and compliance.");
        }
        if ((r.lockDuration() == null) == (r.expirationDate() == null)) {
            throw Ec2Errors.combination("You must specify either LockDuration or ExpirationDate, but not both.");
        }
        if (r.lockDuration() != null && (r.lockDuration() < 1 || r.lockDuration() > MAX_DURATION_DAYS)) {
            throw Ec2Errors.invalidValue(String.valueOf(r.lockDuration()), "LockDuration",
                    "The lock duration must be between 1 and " + MAX_DURATION_DAYS + " days.");
        }
        Instant now = compute.now();
        Instant expires = r.expirationDate() != null ? r.expirationDate()
                : now.plus(Duration.ofDays(r.lockDuration()));
        if (!expires.isAfter(now)) {
            throw Ec2Errors.invalidValue(r.expirationDate().toString(), "ExpirationDate",
                    "The expiration date must be in the future.");
        }
        Integer coolOff = r.coolOffPeriod();
        if (coolOff != null && mode.equals("governance")) {
            throw Ec2Errors.combination("CoolOffPeriod can be specified only for snapshots locked in compliance mode.");
        }
        if (coolOff != null && (coolOff < 1 || coolOff > MAX_COOL_OFF_HOURS)) {
            throw Ec2Errors.invalidValue(String.valueOf(coolOff), "CoolOffPeriod",
                    "The cooling-off period must be between 1 and " + MAX_COOL_OFF_HOURS + " hours.");
        }
        Snapshot.Lock old = snap.locked(now) ? snap.lock : null;
        if (old != null && old.state(now).equals("compliance")) {
            // After the cooling-off period a compliance lock can only be extended.
            if (mode.equals("governance")) {
                throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The snapshot '" + snap.id + "' is locked in "
                        + "compliance mode and its cooling-off period has expired: the lock mode can't be changed.");
            }
            if (coolOff != null) {
                throw Ec2Errors.combination("CoolOffPeriod can't be specified for a snapshot locked in compliance "
                        + "mode after its cooling-off period has expired.");
            }
            if (expires.isBefore(old.expiresOn)) {
                throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The snapshot '" + snap.id + "' is locked in "
                        + "compliance mode and its cooling-off period has expired: the lock duration can only be "
                        + "increased.");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Snapshot.Lock lock = new Snapshot.Lock();
        lock.mode = mode;
        lock.createdOn = old != null ? old.createdOn : now;
        lock.durationStartTime = now;
        lock.expiresOn = expires;
        lock.duration = r.lockDuration();
        if (old != null && old.state(now).equals("compliance")) {
            lock.coolOffPeriod = old.coolOffPeriod;
            lock.coolOffExpiresOn = old.coolOffExpiresOn;
        } else if (coolOff != null) {
            lock.coolOffPeriod = coolOff;
            lock.coolOffExpiresOn = now.plus(Duration.ofHours(coolOff));
        }
        snap.lock = lock;
        return LockSnapshotResponse.builder().snapshotId(snap.id).lockState(lock.state(now))
                .lockDuration(lock.duration).coolOffPeriod(lock.coolOffPeriod)
                .coolOffPeriodExpiresOn(lock.coolOffExpiresOn).lockCreatedOn(lock.createdOn)
                .lockExpiresOn(lock.expiresOn).lockDurationStartTime(lock.durationStartTime).build();
    }

    public UnlockSnapshotResponse unlockSnapshot(UnlockSnapshotRequest r) {
        ComputeStore s = compute.store();
        Snapshot snap = owned(s, r.snapshotId());
        Instant now = compute.now();
        if (snap.lock == null) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The snapshot '" + snap.id + "' is not locked.");
        }
        if (snap.lock.state(now).equals("compliance")) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The snapshot '" + snap.id + "' is locked in "
                    + "compliance mode and its cooling-off period has expired: it can't be unlocked.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        snap.lock = null;
        return UnlockSnapshotResponse.builder().snapshotId(snap.id).build();
    }

    /** The caller's locked snapshots (expired locks included, until the snapshot is unlocked or deleted). */
    public DescribeLockedSnapshotsResponse describeLockedSnapshots(DescribeLockedSnapshotsRequest r) {
        ComputeStore s = compute.store();
        List<Snapshot> found = new ArrayList<>();
        if (r.hasSnapshotIds() && !r.snapshotIds().isEmpty()) {
            for (String id : new LinkedHashSet<>(r.snapshotIds())) {
                Snapshot snap = owned(s, id);
                if (snap.lock != null) {
                    found.add(snap);
                }
            }
        } else {
            for (Snapshot snap : compute.images(s.region).snapshots()) {
                if (snap.ownerId.equals(s.account) && snap.lock != null) {
                    found.add(snap);
                }
            }
        }
        var keep = filters.predicate(r.filters());
        List<Snapshot> matching = found.stream().filter(keep).toList();
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 1000);
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = compute.now();
        return DescribeLockedSnapshotsResponse.builder().snapshots(page.items().stream()
                .map(x -> LockedSnapshotsInfo.builder().ownerId(x.ownerId).snapshotId(x.id)
                        .lockState(x.lock.state(now)).lockDuration(x.lock.duration)
                        .coolOffPeriod(x.lock.coolOffPeriod).coolOffPeriodExpiresOn(x.lock.coolOffExpiresOn)
                        .lockCreatedOn(x.lock.createdOn).lockDurationStartTime(x.lock.durationStartTime)
                        .lockExpiresOn(x.lock.expiresOn).build()).toList())
                .nextToken(page.nextToken()).build();
    }
}
