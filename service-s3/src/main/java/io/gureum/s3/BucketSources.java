package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.core.targets.BucketSource;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Buckets as other services read them ({@link BucketSource}), looked up by {@code arn:aws:s3:::<bucket>}:
 * Lambda reads deployment packages named by {@code S3Bucket}/{@code S3Key} this way.
 */
final class BucketSources {
    private final Buckets buckets;
    private final Objects objects;

    BucketSources(Buckets buckets, Objects objects) {
        this.buckets = buckets;
        this.objects = objects;
    }

    Optional<BucketSource> lookup(Arn arn) {
        String name = arn.resource();
        if (name.isEmpty() || name.contains("/")) {
            return Optional.empty();
        }
        Bucket b;
        try {
            b = buckets.get(name);
        } catch (NoSuchBucketException noSuchBucket) {
            return Optional.empty();
        }
        return Optional.of((key, versionId) -> {
            try {
                StoredObject o = objects.resolve(b, key, versionId);
                InputStream in = objects.open(o, 0, o.size);
                return Optional.of(in);
            } catch (AwsException | NoSuchKeyException missingOrDeleted) {
                return Optional.empty();
            }
        });
    }
}
