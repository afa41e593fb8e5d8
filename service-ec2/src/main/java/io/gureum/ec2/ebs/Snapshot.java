package io.gureum.ec2.ebs;

import io.gureum.ec2common.ResourceTags;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** The stored state of one EBS snapshot. */
public final class Snapshot {
    public final String id;
    public final String ownerId;
    public final ResourceTags tags = new ResourceTags();
    public String volumeId;
    public int volumeSize;
    public String description = "";
    public boolean encrypted;
    public String kmsKeyId;
    public Instant startTime;
    /** {@code pending} until then, {@code completed} afterwards. */
    public Instant completedAt;
    public String storageTier = "standard";
    /** Create-volume permission {@code Group=all}. */
    public boolean isPublic;
    public final Set<String> createVolumeUserIds = new LinkedHashSet<>();
    /** LockSnapshot's lock, or null. */
    public Lock lock;
    /** The last ModifySnapshotTier or RestoreSnapshotTier, or null when the snapshot was never tiered. */
    public Tiering tiering;

    /** A snapshot lock (https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lock-concepts.html). */
    public static final class Lock {
        /** {@code governance} or {@code compliance}. */
        public String mode;
        public Instant createdOn;
        public Instant durationStartTime;
        public Instant expiresOn;
        /** Days, when the lock was given as a duration. */
        public Integer duration;
        /** Hours, for a compliance lock with a cooling-off period. */
        public Integer coolOffPeriod;
        public Instant coolOffExpiresOn;

        /** {@code governance}, {@code compliance-cooloff}, {@code compliance} or {@code expired}. */
        public String state(Instant now) {
            if (!now.isBefore(expiresOn)) {
                return "expired";
            }
            if (mode.equals("governance")) {
                return "governance";
            }
            return coolOffExpiresOn != null && now.isBefore(coolOffExpiresOn) ? "compliance-cooloff" : "compliance";
        }
    }

    /** The archive tier's state (https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-archive.html). */
    public static final class Tiering {
        /** {@code archival}, {@code temporary-restore} or {@code permanent-restore}. */
        public String operation;
        public Instant startTime;
        /** When the operation completes. */
        public Instant completesAt;
        public Instant archivalCompleteTime;
        /** A temporary restore's end: the snapshot is back in the archive tier then. */
        public Instant restoreExpiryTime;
        public Integer restoreDays;
    }

    public Snapshot(String id, String ownerId) {
        this.id = id;
        this.ownerId = ownerId;
    }

    public String state(Instant now) {
        return now.isBefore(completedAt) ? "pending" : "completed";
    }

    /** The storage tier at {@code now}: archival and restores finish on the clock, a temporary restore ends. */
    public String tier(Instant now) {
        if (tiering == null) {
            return storageTier;
        }
        boolean done = !now.isBefore(tiering.completesAt);
        return switch (tiering.operation) {
            case "archival" -> done ? "archive" : "standard";
            case "permanent-restore" -> done ? "standard" : "archive";
            default -> done && now.isBefore(tiering.restoreExpiryTime) ? "standard" : "archive";
        };
    }

    /** Whether the lock (if any) forbids deleting the snapshot at {@code now}. */
    public boolean locked(Instant now) {
        return lock != null && !lock.state(now).equals("expired");
    }

    public boolean usableBy(String account) {
        return ownerId.equals(account) || isPublic || createVolumeUserIds.contains(account);
    }
}
