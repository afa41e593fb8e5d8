package io.gureum.s3;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.S3Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Creating, finding and deleting buckets: a global namespace, each bucket owned by one account. */
public final class Buckets {
    private final S3Store store;
    private final GureumClock clock;
    private final ResourceRegistry registry;

    public Buckets(S3Store store, GureumClock clock, ResourceRegistry registry) {
        this.store = store;
        this.clock = clock;
        this.registry = registry;
    }

    /** A bucket's ARN: S3's has neither region nor account ({@code arn:aws:s3:::name}). */
    public static Arn arn(String bucket) {
        return Arn.of("s3", "", "", bucket);
    }

    /**
     * Creates a bucket. In us-east-1 a location constraint must be absent; elsewhere it must name the
     * region the request was signed for. Re-creating one's own bucket in us-east-1 succeeds (a legacy
     * behaviour AWS keeps); anywhere else it is BucketAlreadyOwnedByYou.
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
     */
    public Bucket create(String name, String account, String region, String locationConstraint,
            boolean objectLock) {
        return create(name, account, region, locationConstraint, objectLock, fresh -> {
        });
    }

    /** Creates a bucket, {@code init} setting up a new one before anyone else can see it. */
    public Bucket create(String name, String account, String region, String locationConstraint,
            boolean objectLock, java.util.function.Consumer<Bucket> init) {
        boolean directory = DirectoryBuckets.isDirectory(name);
        if (!directory && !BucketNames.valid(name)) {
            throw S3Errors.invalidBucketName();
        }
        String constraint = locationConstraint == null || locationConstraint.isEmpty() ? null : locationConstraint;
        if (directory) {
            constraint = region; // a directory bucket's configuration names its zone, not a location constraint
        } else if ("us-east-1".equals(region)) {
            if ("us-east-1".equals(constraint)) {
                throw S3Errors.invalidLocationConstraint();
            }
            if (constraint != null) {
                throw S3Errors.illegalLocationConstraint(constraint);
            }
        } else if (constraint == null || !constraint.equals(region)) {
            if (constraint != null && "EU".equals(constraint) && "eu-west-1".equals(region)) {
                constraint = region;
            } else {
                throw S3Errors.illegalLocationConstraint(constraint);
            }
        }
        Bucket fresh = new Bucket(name, account, region, clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        init.accept(fresh);
        Bucket existing = store.buckets.putIfAbsent(name, fresh);
        if (existing != null) {
            if (!existing.owner.equals(account)) {
                throw S3Errors.bucketAlreadyExists();
            }
            if ("us-east-1".equals(existing.region) && "us-east-1".equals(region)) {
                return existing;
            }
            throw S3Errors.bucketAlreadyOwnedByYou();
        }
        if (objectLock) {
            fresh.objectLockEnabled = true;
            fresh.versioning = "Enabled";
        }
        // The bucket's record (and so its tags) in core's registry, listed in the bucket's region.
        registry.register(account, region, "s3", name, arn(name));
        return fresh;
    }

    /** What an access point alias stands for (S3 Control's), or null: set by the module's backend. */
    private volatile java.util.function.UnaryOperator<String> aliases = alias -> null;

    void aliases(java.util.function.UnaryOperator<String> resolver) {
        this.aliases = resolver;
    }

    /**
     * The bucket name a request's bucket stands for: the bucket of an access point named by its alias or by
     * the host of an ARN-addressed request (S3 Control's), else the name itself.
     */
    public String resolve(String name) {
        if (name != null && !store.buckets.containsKey(name)) {
            String bucket = aliases.apply(name);
            return bucket == null ? name : bucket;
        }
        return name;
    }

    /**
     * The bucket, or NoSuchBucket. An access point's alias ({@code name-…-s3alias}) names the access
     * point's bucket, as on AWS (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-alias.html).
     */
    public Bucket get(String name) {
        Bucket b = name == null ? null : store.buckets.get(resolve(name));
        if (b == null) {
            throw S3Errors.noSuchBucket(name);
        }
        return b;
    }

    public List<Bucket> ownedBy(String account) {
        List<Bucket> out = new ArrayList<>();
        for (Bucket b : store.buckets.values()) {
            if (b.owner.equals(account)) {
                out.add(b);
            }
        }
        out.sort(Comparator.comparing(b -> b.name));
        return out;
    }

    /** Deletes an empty bucket; aborts its unfinished multipart uploads. */
    public void delete(String name) {
        Bucket b = get(name);
        synchronized (b) {
            for (KeyVersions v : b.objects.values()) {
                if (!v.isEmpty()) {
                    throw S3Errors.bucketNotEmpty(b.versioned());
                }
            }
            store.buckets.remove(name, b);
            registry.unregister(arn(name));
        }
        b.uploads.values().forEach(u -> u.parts.values().forEach(p -> store.blobs.delete(List.of(p.blob()))));
        b.uploads.clear();
    }
}
