package io.gureum.s3;

import io.gureum.core.time.GureumClock;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.S3Store;
import io.gureum.s3.store.StoredObject;
import io.gureum.s3.store.Upload;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionTransition;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Transition;

/**
 * Applies lifecycle rules when the emulated clock moves forward: expiration (a delete marker in a
 * versioned bucket), noncurrent-version expiration, expired delete-marker cleanup, transitions
 * (storage class) and aborting stale multipart uploads. Like S3, a rule of N days is due at the first
 * midnight UTC after creation + N days
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html).
 */
public final class Lifecycle implements AutoCloseable {
    private final S3Store store;
    private final Objects objects;
    private final GureumClock clock;
    private final Notifications notifications;
    private final S3Records records;
    private volatile boolean closed;

    Lifecycle(S3Store store, Objects objects, GureumClock clock, Notifications notifications, S3Records records) {
        this.records = records;
        this.store = store;
        this.objects = objects;
        this.clock = clock;
        this.notifications = notifications;
        clock.onAdvance(this::run);
    }

    static Instant due(Instant from, int days) {
        Instant t = from.plus(Duration.ofDays(days));
        Instant midnight = t.truncatedTo(ChronoUnit.DAYS);
        return midnight.equals(t) ? t : midnight.plus(Duration.ofDays(1));
    }

    /**
     * The {@code x-amz-expiration} header of an object a lifecycle expiration rule will delete:
     * {@code expiry-date="<midnight UTC, RFC 1123>", rule-id="<ID>"}, the earliest rule's; null if none
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_ResponseSyntax).
     * Only the current version of a key expires by {@code Expiration}.
     */
    static String expirationHeader(Bucket b, StoredObject o) {
        List<LifecycleRule> rules = b.lifecycle;
        if (rules == null || o.deleteMarker || b.latest(o.key) != o) {
            return null;
        }
        Instant earliest = null;
        String ruleId = null;
        for (LifecycleRule rule : rules) {
            var exp = rule.expiration();
            if (!"Enabled".equals(rule.statusAsString()) || exp == null || !o.key.startsWith(prefixOf(rule))
                    || !filterMatches(rule, o)) {
                continue;
            }
            Instant at = exp.days() != null ? due(o.lastModified, exp.days()) : exp.date();
            if (at != null && (earliest == null || at.isBefore(earliest))) {
                earliest = at;
                ruleId = rule.id();
            }
        }
        return earliest == null ? null : "expiry-date=\"" + io.gureum.core.protocol.Timestamps.rfc822(earliest)
                + "\", rule-id=\"" + (ruleId == null ? "" : ruleId) + "\"";
    }

    /** Runs every bucket's rules at the clock's current time. */
    public void run() {
        if (closed) {
            return;
        }
        Instant now = clock.now();
        for (Bucket b : store.buckets.values()) {
            List<LifecycleRule> rules = b.lifecycle;
            if (rules == null) {
                continue;
            }
            for (LifecycleRule rule : rules) {
                if ("Enabled".equals(rule.statusAsString())) {
                    apply(b, rule, now);
                }
            }
        }
    }

    private void apply(Bucket b, LifecycleRule rule, Instant now) {
        String prefix = prefixOf(rule);
        List<Map.Entry<String, KeyVersions>> keys = new ArrayList<>(
                prefix.isEmpty() ? b.objects.entrySet()
                        : b.objects.subMap(prefix, true, io.gureum.s3.store.KeyOrder.after(prefix), false).entrySet());
        for (Map.Entry<String, KeyVersions> e : keys) {
            List<StoredObject> versions;
            synchronized (b) {
                versions = new ArrayList<>(e.getValue().all());
            }
            if (versions.isEmpty()) {
                continue;
            }
            String before = fingerprint(versions);
            applyToKey(b, rule, now, e, versions);
            List<StoredObject> after;
            synchronized (b) {
                after = new ArrayList<>(e.getValue().all());
            }
            if (records.enabled() && !fingerprint(after).equals(before)) {
                records.key(b, e.getKey());
            }
        }
        applyToUploads(b, rule, prefix, now);
        if (records.enabled()) {
            store.blobs.releaseGarbage(records.durableForThread());
        }
    }

    /** What lifecycle changes of a key's versions: which exist and their storage classes. */
    private static String fingerprint(List<StoredObject> versions) {
        StringBuilder sb = new StringBuilder();
        versions.forEach(v -> sb.append(v.versionId).append(':').append(v.storageClass).append(';'));
        return sb.toString();
    }

    private void applyToKey(Bucket b, LifecycleRule rule, Instant now, Map.Entry<String, KeyVersions> e,
            List<StoredObject> versions) {
        StoredObject current = versions.get(0);
        if (!current.deleteMarker && filterMatches(rule, current)) {
            transition(rule, current, now);
            if (expired(rule, current, now) && !current.locked(now)) {
                expireCurrent(b, e.getValue(), current);
            }
        }
        if (rule.noncurrentVersionExpiration() != null || rule.hasNoncurrentVersionTransitions()) {
            int newer = 0;
            for (int i = 1; i < versions.size(); i++) {
                StoredObject v = versions.get(i);
                Instant since = versions.get(i - 1).lastModified;
                for (NoncurrentVersionTransition t : rule.noncurrentVersionTransitions()) {
                    if (!v.deleteMarker && t.noncurrentDays() != null && !due(since, t.noncurrentDays()).isAfter(now)) {
                        v.storageClass = t.storageClassAsString();
                    }
                }
                var nve = rule.noncurrentVersionExpiration();
                if (nve == null || nve.noncurrentDays() == null) {
                    continue;
                }
                boolean keep = nve.newerNoncurrentVersions() != null && newer < nve.newerNoncurrentVersions();
                newer++;
                if (!keep && !due(since, nve.noncurrentDays()).isAfter(now) && !v.locked(now)) {
                    objects.removeVersion(b, e.getValue(), v);
                    notifications.emitRemoved(b, "LifecycleExpiration:Delete", v.key, v.versionId);
                }
            }
        }
        if (rule.expiration() != null && Boolean.TRUE.equals(rule.expiration().expiredObjectDeleteMarker())) {
            synchronized (b) {
                List<StoredObject> all = e.getValue().all();
                if (all.size() == 1 && all.get(0).deleteMarker) {
                    objects.removeVersion(b, e.getValue(), all.get(0));
                }
            }
        }
    }

    private void applyToUploads(Bucket b, LifecycleRule rule, String prefix, Instant now) {
        var abort = rule.abortIncompleteMultipartUpload();
        if (abort != null && abort.daysAfterInitiation() != null) {
            for (Upload u : new ArrayList<>(b.uploads.values())) {
                if (u.key.startsWith(prefix) && !due(u.initiated, abort.daysAfterInitiation()).isAfter(now)) {
                    try {
                        objects.abortUpload(b, u);
                        records.uploads(b, u.key);
                    } catch (RuntimeException ignored) {
                        // completed meanwhile
                    }
                }
            }
        }
    }

    private void transition(LifecycleRule rule, StoredObject o, Instant now) {
        for (Transition t : rule.transitions()) {
            boolean due = (t.days() != null && !due(o.lastModified, t.days()).isAfter(now))
                    || (t.date() != null && !t.date().isAfter(now));
            if (due) {
                o.storageClass = t.storageClassAsString();
            }
        }
    }

    private static boolean expired(LifecycleRule rule, StoredObject o, Instant now) {
        var exp = rule.expiration();
        if (exp == null) {
            return false;
        }
        return (exp.days() != null && !due(o.lastModified, exp.days()).isAfter(now))
                || (exp.date() != null && !exp.date().isAfter(now));
    }

    private void expireCurrent(Bucket b, KeyVersions kv, StoredObject current) {
        if (!b.versioned()) {
            objects.removeVersion(b, kv, current);
            notifications.emitRemoved(b, "LifecycleExpiration:Delete", current.key, null);
        } else {
            synchronized (b) {
                if (kv.latest() != current) {
                    return;
                }
            }
            objects.delete(b, current.key, null, false);
        }
    }

    static String prefixOf(LifecycleRule rule) {
        LifecycleRuleFilter f = rule.filter();
        if (f != null) {
            if (f.prefix() != null) {
                return f.prefix();
            }
            if (f.and() != null && f.and().prefix() != null) {
                return f.and().prefix();
            }
            return "";
        }
        @SuppressWarnings("deprecation")
        String legacy = rule.prefix();
        return legacy == null ? "" : legacy;
    }

    private static boolean filterMatches(LifecycleRule rule, StoredObject o) {
        LifecycleRuleFilter f = rule.filter();
        if (f == null) {
            return true;
        }
        List<Tag> tags = new ArrayList<>();
        Long gt = f.objectSizeGreaterThan();
        Long lt = f.objectSizeLessThan();
        if (f.tag() != null) {
            tags.add(f.tag());
        }
        if (f.and() != null) {
            tags.addAll(f.and().tags());
            gt = f.and().objectSizeGreaterThan() != null ? f.and().objectSizeGreaterThan() : gt;
            lt = f.and().objectSizeLessThan() != null ? f.and().objectSizeLessThan() : lt;
        }
        for (Tag t : tags) {
            if (!t.value().equals(o.tags.get(t.key()))) {
                return false;
            }
        }
        return (gt == null || o.size > gt) && (lt == null || o.size < lt);
    }

    @Override
    public void close() {
        closed = true; // GureumClock has no way to unregister; a closed Lifecycle ignores the clock
    }
}
