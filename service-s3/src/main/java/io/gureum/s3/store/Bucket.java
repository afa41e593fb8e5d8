package io.gureum.s3.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;

/**
 * A bucket: its objects by key (UTF-8 order), its in-progress multipart uploads and its
 * configurations. Configurations are the SDK's immutable model objects, stored as the caller sent them
 * and returned unchanged. Mutations of objects synchronize on the bucket.
 */
public final class Bucket {
    public final String name;
    public final String owner;
    public final String region;
    public final Instant created;
    public final ConcurrentSkipListMap<String, KeyVersions> objects = new ConcurrentSkipListMap<>(KeyOrder.INSTANCE);
    public final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    /** null (never enabled), Enabled or Suspended. */
    public volatile String versioning;
    public volatile boolean objectLockEnabled;
    public volatile String policy;
    public volatile List<CORSRule> cors;
    public volatile List<LifecycleRule> lifecycle;
    public volatile NotificationConfiguration notifications;
    public volatile ServerSideEncryptionConfiguration encryption;
    public volatile OwnershipControls ownership;
    public volatile PublicAccessBlockConfiguration publicAccessBlock;
    public volatile ObjectLockConfiguration objectLock;
    public volatile AccessControlPolicy acl;
    public volatile software.amazon.awssdk.services.s3.model.WebsiteConfiguration website;
    public volatile String accelerate;
    public volatile String requestPayer = "BucketOwner";
    public volatile software.amazon.awssdk.services.s3.model.LoggingEnabled logging;
    public volatile software.amazon.awssdk.services.s3.model.ReplicationConfiguration replication;
    /** PutBucketAbac's status (Enabled or Disabled), null when never set. */
    public volatile String abacStatus;
    /** Analytics, inventory, metrics and Intelligent-Tiering configurations by ID. */
    public final IdConfigs idConfigs = new IdConfigs();

    public Bucket(String name, String owner, String region, Instant created) {
        this.name = name;
        this.owner = owner;
        this.region = region;
        this.created = created;
    }

    public boolean versioningEnabled() {
        return "Enabled".equals(versioning);
    }

    /** Whether objects ever got version IDs: Enabled or Suspended. */
    public boolean versioned() {
        return versioning != null;
    }

    /** The current version of a key, or null when absent. May be a delete marker. */
    public StoredObject latest(String key) {
        synchronized (this) {
            KeyVersions v = objects.get(key);
            return v == null ? null : v.latest();
        }
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }
}
