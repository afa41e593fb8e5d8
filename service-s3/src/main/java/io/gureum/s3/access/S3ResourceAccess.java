package io.gureum.s3.access;

import io.gureum.core.spi.ResourceAccess;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.S3Store;
import io.gureum.s3.store.StoredObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner and effective policy of {@code arn:aws:s3:::bucket} and {@code arn:aws:s3:::bucket/key}.
 * Bucket names are global, so any account's bucket is found by its ARN. Each bucket's effective
 * document is cached and rebuilt only when one of its policy, ACL, ownership or public access block
 * settings was replaced. An object ARN answers for the bucket's owner whether or not the object exists
 * (PutObject names an object not yet there); an existing object adds its own ACL's grants.
 */
public final class S3ResourceAccess {
    private static final String PREFIX = "arn:aws:s3:::";

    private final S3Store store;
    private final java.util.function.Function<String, io.gureum.s3.control.ControlState.Block> accountBlocks;
    private final java.util.function.UnaryOperator<String> bucketOfAlias;
    private final Map<String, EffectivePolicy> cache = new ConcurrentHashMap<>();

    /**
     * {@code accountBlocks}: an account's Block Public Access settings (S3 Control's), or null;
     * {@code bucketOfAlias}: the bucket of an access point alias, or null.
     */
    public S3ResourceAccess(S3Store store,
            java.util.function.Function<String, io.gureum.s3.control.ControlState.Block> accountBlocks,
            java.util.function.UnaryOperator<String> bucketOfAlias) {
        this.store = store;
        this.accountBlocks = accountBlocks;
        this.bucketOfAlias = bucketOfAlias;
    }

    /** The resource's access, or null when the ARN is no bucket or object of this server. */
    public ResourceAccess of(String arn) {
        if (arn == null || !arn.startsWith(PREFIX)) {
            return null;
        }
        String rest = arn.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        Bucket bucket = store.buckets.get(resolve(name));
        if (bucket == null) {
            cache.remove(name);
            return null;
        }
        EffectivePolicy effective = effective(bucket);
        if (slash < 0) {
            return new ResourceAccess(bucket.owner, effective.document());
        }
        StoredObject object = bucket.latest(rest.substring(slash + 1));
        return new ResourceAccess(bucket.owner, effective.objectDocument(arn,
                object == null || object.deleteMarker ? null : object.acl));
    }

    /** The bucket of an access point named by its alias or ARN host (S3 Control's), else the name itself. */
    private String resolve(String name) {
        String bucket = store.buckets.containsKey(name) ? null : bucketOfAlias.apply(name);
        return bucket == null ? name : bucket;
    }

    private EffectivePolicy effective(Bucket bucket) {
        EffectivePolicy cached = cache.get(bucket.name);
        io.gureum.s3.control.ControlState.Block account = accountBlocks.apply(bucket.owner);
        if (cached != null && cached.current(bucket, account)) {
            return cached;
        }
        EffectivePolicy fresh = EffectivePolicy.of(bucket, account);
        cache.put(bucket.name, fresh);
        return fresh;
    }
}
