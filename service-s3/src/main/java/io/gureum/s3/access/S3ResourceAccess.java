package io.gureum.s3.access;

import io.gureum.core.spi.ResourceAccess;
import io.gureum.s3.control.ControlState;
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
    private final Points points;

    /** S3 Control's access points as S3 requests name them. */
    public interface Points {
        /** The access point a bucket name in a request stands for (alias or ARN host label), or null. */
        ControlState.AccessPoint byName(String name);

        /** The access point of an ARN ({@code arn:aws:s3:region:account:accesspoint/name}), or null. */
        ControlState.AccessPoint byArn(String arn);

        /** The owner account's Block Public Access settings, or null. */
        ControlState.Block accountBlock(String account);

        /** The Object Lambda access point of an ARN ({@code arn:aws:s3-object-lambda:…:accesspoint/name}), or null. */
        default ControlState.ObjectLambdaPoint objectLambdaByArn(String arn) {
            return null;
        }
    }

    private static final Points NO_POINTS = new Points() {
        @Override
        public ControlState.AccessPoint byName(String name) {
            return null;
        }

        @Override
        public ControlState.AccessPoint byArn(String arn) {
            return null;
        }

        @Override
        public ControlState.Block accountBlock(String account) {
            return null;
        }
    };

    /**
     * {@code accountBlocks}: an account's Block Public Access settings (S3 Control's), or null;
     * {@code bucketOfAlias}: the bucket of an access point alias, or null.
     */
    public S3ResourceAccess(S3Store store,
            java.util.function.Function<String, io.gureum.s3.control.ControlState.Block> accountBlocks,
            java.util.function.UnaryOperator<String> bucketOfAlias) {
        this(store, accountBlocks, bucketOfAlias, NO_POINTS);
    }

    /** As above, with S3 Control's access points, whose policies then govern requests through them. */
    public S3ResourceAccess(S3Store store,
            java.util.function.Function<String, io.gureum.s3.control.ControlState.Block> accountBlocks,
            java.util.function.UnaryOperator<String> bucketOfAlias, Points points) {
        this.store = store;
        this.accountBlocks = accountBlocks;
        this.bucketOfAlias = bucketOfAlias;
        this.points = points;
    }

    /**
     * The resource's access, or null when the ARN is no bucket, object or access point of this server. A bucket
     * named by an access point's alias or ARN host label answers with the access point as the resource the
     * request goes {@link ResourceAccess.Via via}: the authorizer then decides on both, and a bucket policy
     * delegating to access points sees {@code s3:DataAccessPointArn}, {@code s3:DataAccessPointAccount} and
     * {@code s3:AccessPointNetworkOrigin}
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
     */
    public ResourceAccess of(String arn) {
        if (arn != null && ACCESS_POINT_ARN.matcher(arn).matches()) {
            return accessPoint(arn);
        }
        if (arn != null && OBJECT_LAMBDA_ARN.matcher(arn).matches()) {
            // Its policy as written: public access to an Object Lambda access point is always blocked, so a public
            // policy was refused when put.
            ControlState.ObjectLambdaPoint point = points.objectLambdaByArn(arn);
            return point == null ? null : new ResourceAccess(point.account(), point.policy());
        }
        if (arn == null || !arn.startsWith(PREFIX)) {
            return null;
        }
        String rest = arn.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? null : rest.substring(slash + 1);
        ControlState.AccessPoint point = store.buckets.containsKey(name) ? null : points.byName(name);
        Bucket bucket = store.buckets.get(point != null ? point.bucket() : resolve(name));
        if (bucket == null) {
            cache.remove(name);
            return null;
        }
        // Through an access point, its Block Public Access settings apply with the bucket's and the account's.
        EffectivePolicy effective = point == null ? effective(bucket)
                : EffectivePolicy.of(bucket, ControlState.Block.either(accountBlocks.apply(bucket.owner), point.block()));
        String document;
        if (key == null) {
            document = effective.document();
        } else {
            StoredObject object = bucket.latest(key);
            document = effective.objectDocument(point == null ? arn : PREFIX + bucket.name + "/" + key,
                    object == null || object.deleteMarker ? null : object.acl);
        }
        if (point == null) {
            return new ResourceAccess(bucket.owner, document);
        }
        Map<String, String> keys = Map.of("s3:DataAccessPointArn", point.arn(), "s3:DataAccessPointAccount",
                point.account(), "s3:AccessPointNetworkOrigin", point.networkOrigin());
        ResourceAccess.Via via = new ResourceAccess.Via(PREFIX + bucket.name + (key == null ? "" : "/" + key),
                point.arn() + (key == null ? "" : "/object/" + key), point.account(), pointDocument(point), keys);
        return new ResourceAccess(bucket.owner, document, via);
    }

    /** {@code arn:…:s3:region:account:accesspoint/name}, optionally with {@code /object/key}. */
    private static final java.util.regex.Pattern ACCESS_POINT_ARN = java.util.regex.Pattern.compile(
            "arn:[^:]+:s3:[^:]+:\\d{12}:accesspoint/([^/]+)(/.*)?");

    /** {@code arn:…:s3-object-lambda:region:account:accesspoint/name}. */
    private static final java.util.regex.Pattern OBJECT_LAMBDA_ARN = java.util.regex.Pattern.compile(
            "arn:[^:]+:s3-object-lambda:[^:]+:\\d{12}:accesspoint/[^/]+");

    private ResourceAccess accessPoint(String arn) {
        java.util.regex.Matcher m = ACCESS_POINT_ARN.matcher(arn);
        if (!m.matches()) {
            return null;
        }
        String pointArn = m.group(2) == null ? arn : arn.substring(0, arn.length() - m.group(2).length());
        ControlState.AccessPoint point = points.byArn(pointArn);
        return point == null ? null : new ResourceAccess(point.account(), pointDocument(point));
    }

    /**
     * An access point's policy as it counts: under the access point's or its account's RestrictPublicBuckets a
     * public policy gives access only to the owner account's principals and AWS services.
     */
    private String pointDocument(ControlState.AccessPoint point) {
        ControlState.Block account = points.accountBlock(point.account());
        boolean restrict = point.block() != null && point.block().restrictPublicBuckets()
                || account != null && account.restrictPublicBuckets();
        return EffectivePolicy.restrictedDocument(point.policy(), point.account(), restrict);
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
