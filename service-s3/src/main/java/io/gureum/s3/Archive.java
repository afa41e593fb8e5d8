package io.gureum.s3;

import io.gureum.core.protocol.Timestamps;
import io.gureum.s3.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Archived storage classes (GLACIER, DEEP_ARCHIVE): the bytes are not readable until RestoreObject makes
 * a temporary copy, which takes the tier's time on the emulated clock and lasts the requested days
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html).
 */
public final class Archive {
    private Archive() {
    }

    public static boolean archived(StoredObject o) {
        return "GLACIER".equals(o.storageClass) || "DEEP_ARCHIVE".equals(o.storageClass);
    }

    static boolean readable(StoredObject o, Instant now) {
        return !archived(o) || (o.restoreReadyAt != null && !now.isBefore(o.restoreReadyAt)
                && o.restoreExpiry != null && now.isBefore(o.restoreExpiry));
    }

    static void checkReadable(StoredObject o, Instant now) {
        if (!readable(o, now)) {
            throw S3Errors.notRestored(o.storageClass);
        }
    }

    /** Hours until a restore is ready, by tier (the middle of AWS's documented ranges). */
    static Duration restoreTime(String storageClass, String tier) {
        boolean deep = "DEEP_ARCHIVE".equals(storageClass);
        return switch (tier == null ? "Standard" : tier) {
            case "Expedited" -> Duration.ofMinutes(5);
            case "Bulk" -> Duration.ofHours(deep ? 48 : 12);
            default -> Duration.ofHours(deep ? 12 : 4);
        };
    }

    /**
     * Starts (or extends) a restore. Returns false when a restored copy already existed (S3 answers 200
     * rather than 202).
     */
    static boolean restore(StoredObject o, int days, String tier, Instant now) {
        if (!archived(o)) {
            throw S3Errors.invalidObjectState("Restore is not allowed for the object's current storage class");
        }
        if (o.restoreReadyAt != null && now.isBefore(o.restoreReadyAt)) {
            throw new io.gureum.core.error.AwsException("RestoreAlreadyInProgress",
                    "Object restore is already in progress", 409);
        }
        boolean existed = readable(o, now);
        Instant ready = existed ? o.restoreReadyAt : now.plus(restoreTime(o.storageClass, tier));
        o.restoreReadyAt = ready;
        // The copy expires at midnight UTC after ready + days.
        o.restoreExpiry = ready.plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        return !existed;
    }

    /** The x-amz-restore header, or null when no restore was requested. */
    static String header(StoredObject o, Instant now) {
        if (o.restoreReadyAt == null) {
            return null;
        }
        if (now.isBefore(o.restoreReadyAt)) {
            return "ongoing-request=\"true\"";
        }
        return "ongoing-request=\"false\", expiry-date=\"" + Timestamps.rfc822(o.restoreExpiry) + "\"";
    }
}
