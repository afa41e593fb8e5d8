package io.gureum.s3;

import io.gureum.s3.store.BlobStore;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.S3Store;
import io.gureum.s3.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Live replication: a new object in a bucket with a replication configuration is copied to the destination
 * bucket of each enabled rule whose filter it matches (for rules with a {@code Filter}, the highest
 * {@code Priority} per destination), in any Region or account, since bucket names are global. The replica
 * keeps the version ID, ETag, checksums, metadata, tags and last-modified time, takes the rule's storage
 * class when one is given and the destination's owner under {@code AccessControlTranslation}; the source
 * reports {@code x-amz-replication-status} COMPLETED (FAILED when the destination bucket is missing or not
 * versioned), the replica REPLICA, and replicas are not replicated again; delete markers follow
 * {@code DeleteMarkerReplication}
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-status.html). S3 replicates
 * asynchronously; Gureum copies before the write answers, so the status is never seen PENDING.
 */
final class Replication {
    private final S3Store store;
    private final Objects objects;
    private final S3Records records;

    Replication(S3Store store, Objects objects, S3Records records) {
        this.store = store;
        this.objects = objects;
        this.records = records;
    }

    void created(Bucket source, StoredObject o) {
        ReplicationConfiguration c = source.replication;
        if (c == null || "REPLICA".equals(o.replicationStatus)) {
            return;
        }
        List<ReplicationRule> rules = rules(c, o);
        if (o.deleteMarker) {
            rules.stream().filter(Replication::replicatesDeleteMarkers).forEach(r -> copyMarker(o, r));
            return;
        }
        if (rules.isEmpty()) {
            return;
        }
        o.replicationStatus = "PENDING";
        boolean ok = true;
        for (ReplicationRule rule : rules) {
            ok &= copy(o, rule);
        }
        o.replicationStatus = ok ? "COMPLETED" : "FAILED";
    }

    /** The enabled rules that apply, at most one per destination (the highest priority). */
    private static List<ReplicationRule> rules(ReplicationConfiguration c, StoredObject o) {
        List<ReplicationRule> out = new ArrayList<>();
        for (ReplicationRule r : c.rules()) {
            if (!"Enabled".equals(r.statusAsString()) || r.destination() == null || !matches(r, o)) {
                continue;
            }
            ReplicationRule same = out.stream().filter(x -> x.destination().bucket().equals(r.destination().bucket()))
                    .findFirst().orElse(null);
            if (same == null) {
                out.add(r);
            } else if (priority(r) > priority(same)) {
                out.set(out.indexOf(same), r);
            }
        }
        return out;
    }

    private static int priority(ReplicationRule r) {
        return r.priority() == null ? 0 : r.priority();
    }

    @SuppressWarnings("deprecation")
    private static boolean matches(ReplicationRule r, StoredObject o) {
        ReplicationRuleFilter f = r.filter();
        if (f == null) {
            return r.prefix() == null || o.key.startsWith(r.prefix());
        }
        String prefix = f.prefix();
        List<Tag> tags = new ArrayList<>();
        if (f.tag() != null) {
            tags.add(f.tag());
        }
        if (f.and() != null) {
            prefix = f.and().prefix();
            tags.addAll(f.and().tags());
        }
        if (prefix != null && !o.key.startsWith(prefix)) {
            return false;
        }
        Map<String, String> objectTags = o.tags;
        return tags.stream().allMatch(t -> t.value().equals(objectTags.get(t.key())));
    }

    /**
     * A delete marker is replicated by a rule with {@code DeleteMarkerReplication} enabled, never by a rule
     * that filters on tags (https://docs.aws.amazon.com/AmazonS3/latest/userguide/delete-marker-replication.html).
     */
    @SuppressWarnings("deprecation")
    private static boolean replicatesDeleteMarkers(ReplicationRule r) {
        boolean byTags = r.filter() != null && (r.filter().tag() != null
                || r.filter().and() != null && !r.filter().and().tags().isEmpty());
        boolean enabled = r.deleteMarkerReplication() != null
                && "Enabled".equals(r.deleteMarkerReplication().statusAsString());
        return enabled && !byTags || r.filter() == null && r.deleteMarkerReplication() == null;
    }

    private void copyMarker(StoredObject marker, ReplicationRule rule) {
        Bucket dest = destination(rule);
        if (dest == null) {
            return;
        }
        StoredObject copy = StoredObject.deleteMarker(marker.key, marker.versionId, marker.lastModified, marker.owner);
        copy.replicationStatus = "REPLICA";
        objects.commit(dest, copy, Objects.WriteCondition.NONE);
        if (records.enabled()) {
            records.key(dest, marker.key);
        }
    }

    private Bucket destination(ReplicationRule rule) {
        String arn = rule.destination().bucket();
        String name = arn.startsWith("arn:aws:s3:::") ? arn.substring("arn:aws:s3:::".length()) : arn;
        Bucket dest = store.buckets.get(name);
        return dest == null || !dest.versioningEnabled() ? null : dest;
    }

    private boolean copy(StoredObject o, ReplicationRule rule) {
        Bucket dest = destination(rule);
        if (dest == null) {
            return false;
        }
        BlobStore.Written w;
        try {
            w = store.blobs.copy(o.blobs, 0, o.size, new LinkedHashSet<>(o.checksums.keySet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String storageClass = rule.destination().storageClassAsString() != null
                ? rule.destination().storageClassAsString() : o.storageClass;
        String owner = rule.destination().accessControlTranslation() != null ? dest.owner : o.owner;
        StoredObject replica = new StoredObject(o.key, o.versionId, false, List.of(w.blob()), o.size, o.etag,
                o.lastModified, owner, o.headers, o.metadata, o.checksums, o.checksumType, o.partSizes, storageClass,
                o.tags, o.encryption);
        replica.replicationStatus = "REPLICA";
        replica.retentionMode = o.retentionMode;
        replica.retainUntil = o.retainUntil;
        replica.legalHold = o.legalHold;
        objects.commit(dest, replica, Objects.WriteCondition.NONE);
        if (records.enabled()) {
            records.key(dest, o.key);
        }
        return true;
    }
}
