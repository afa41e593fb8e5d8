package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import java.util.List;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of lifecycle configuration; {@link Lifecycle} applies the rules as the clock moves. */
final class LifecycleConfig {
    private final BucketAccess access;

    LifecycleConfig(BucketAccess access) {
        this.access = access;
    }

    public PutBucketLifecycleConfigurationResponse putBucketLifecycleConfiguration(
            PutBucketLifecycleConfigurationRequest request) {
        Bucket b = access.bucket(request.bucket());
        List<LifecycleRule> rules = request.lifecycleConfiguration() == null ? List.of()
                : request.lifecycleConfiguration().rules();
        if (rules.isEmpty() || rules.size() > 1000) {
            throw S3Errors.malformedXml();
        }
        for (LifecycleRule r : rules) {
            if (r.expiration() != null && r.expiration().days() != null && r.expiration().days() <= 0) {
                throw S3Errors.invalidArgument("'Days' for Expiration action must be a positive integer");
            }
        }
        b.lifecycle = List.copyOf(rules);
        return PutBucketLifecycleConfigurationResponse.builder().transitionDefaultMinimumObjectSize(
                TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K).build();
    }

    public GetBucketLifecycleConfigurationResponse getBucketLifecycleConfiguration(
            GetBucketLifecycleConfigurationRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (b.lifecycle == null) {
            throw S3Errors.missing("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist");
        }
        return GetBucketLifecycleConfigurationResponse.builder().rules(b.lifecycle).build();
    }

    public DeleteBucketLifecycleResponse deleteBucketLifecycle(DeleteBucketLifecycleRequest request) {
        access.bucket(request.bucket()).lifecycle = null;
        return DeleteBucketLifecycleResponse.builder().build();
    }
}
