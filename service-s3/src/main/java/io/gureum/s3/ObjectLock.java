package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;

/**
 * Object Lock: retention periods (GOVERNANCE, which a caller may bypass, and COMPLIANCE, which nobody
 * may) and legal holds protect a version from permanent deletion until they end.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
 */
public final class ObjectLock {
    private ObjectLock() {
    }

    /** Gives a new version the bucket's default retention, if it has one. */
    static void applyDefault(Bucket b, StoredObject o) {
        ObjectLockConfiguration c = b.objectLock;
        if (!b.objectLockEnabled || c == null || c.rule() == null || c.rule().defaultRetention() == null) {
            return;
        }
        DefaultRetention d = c.rule().defaultRetention();
        o.retentionMode = d.modeAsString();
        if (d.days() != null) {
            o.retainUntil = o.lastModified.plus(java.time.Duration.ofDays(d.days()));
        } else if (d.years() != null) {
            o.retainUntil = o.lastModified.atZone(ZoneOffset.UTC).plusYears(d.years()).toInstant();
        }
    }

    /** Throws AccessDenied when the version may not be deleted for good. */
    static void checkDeletable(StoredObject v, Instant now, boolean bypassGovernance) {
        if (v.legalHold) {
            throw S3Errors.objectLocked();
        }
        if (v.retainUntil != null && v.retainUntil.isAfter(now)
                && ("COMPLIANCE".equals(v.retentionMode) || !bypassGovernance)) {
            throw S3Errors.objectLocked();
        }
    }

    /**
     * PutObjectRetention: a COMPLIANCE period may only be extended; a GOVERNANCE one may be shortened or
     * removed only with the bypass header.
     */
    static void setRetention(Bucket b, StoredObject o, String mode, Instant until, boolean bypass, Instant now) {
        requireEnabled(b);
        boolean active = o.retainUntil != null && o.retainUntil.isAfter(now);
        boolean weaker = until == null || (o.retainUntil != null && until.isBefore(o.retainUntil))
                || ("GOVERNANCE".equals(mode) && "COMPLIANCE".equals(o.retentionMode));
        if (active && weaker && ("COMPLIANCE".equals(o.retentionMode) || !bypass)) {
            throw S3Errors.accessDenied("Access Denied");
        }
        if (until != null && !until.isAfter(now)) {
            throw S3Errors.invalidArgument("The retain until date must be in the future!");
        }
        o.retentionMode = mode;
        o.retainUntil = until;
    }

    static void requireEnabled(Bucket b) {
        if (!b.objectLockEnabled) {
            throw S3Errors.invalidRequest("Bucket is missing Object Lock Configuration");
        }
    }
}
