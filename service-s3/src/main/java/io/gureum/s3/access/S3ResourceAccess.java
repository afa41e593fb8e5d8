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
    private final Map<String, EffectivePolicy> cache = new ConcurrentHashMap<>();

    public S3ResourceAccess(S3Store store) {
        this.store = store;
    }

    /** The resource's access, or null when the ARN is no bucket or object of this server. */
    public ResourceAccess of(String arn) {
        if (arn == null || !arn.startsWith(PREFIX)) {
            return null;
        }
        String rest = arn.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        Bucket bucket = store.buckets.get(name);
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

    private EffectivePolicy effective(Bucket bucket) {
        EffectivePolicy cached = cache.get(bucket.name);
        if (cached != null && cached.current(bucket)) {
            return cached;
        }
        EffectivePolicy fresh = EffectivePolicy.of(bucket);
        cache.put(bucket.name, fresh);
        return fresh;
    }
}
