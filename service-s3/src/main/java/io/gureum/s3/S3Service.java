package io.gureum.s3;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.util.Map;

/** Registers Amazon S3 with core. */
public final class S3Service implements AwsService {
    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.s3.S3Client";
    }

    @Override
    public String xmlNamespace() {
        return "http://s3.amazonaws.com/doc/2006-03-01/";
    }

    /** One provider per operation family; {@link S3Instance} makes them over one backend. */
    @Override
    public java.util.List<Class<?>> providerClasses() {
        return java.util.List.of(BucketOperations.class, ObjectReads.class, ObjectWrites.class,
                ListingOperations.class, MultipartOperations.class, VersioningConfig.class, TaggingConfig.class,
                PolicyConfig.class, CorsConfig.class, AclConfig.class, OwnershipConfig.class, EncryptionConfig.class,
                LifecycleConfig.class, NotificationConfig.class, ObjectLockConfig.class, StoredConfigs.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        return new S3Instance(context);
    }

    /**
     * S3 answers deletes with 204 No Content (the {@code responseCode} of each operation in the API
     * model; e.g. https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html).
     */
    @Override
    public Map<String, Integer> successStatuses() {
        return SUCCESS_STATUSES;
    }

    private static final Map<String, Integer> SUCCESS_STATUSES = Map.ofEntries(
            Map.entry("AbortMultipartUpload", 204), Map.entry("DeleteBucket", 204),
            Map.entry("DeleteBucketAnalyticsConfiguration", 204), Map.entry("DeleteBucketCors", 204),
            Map.entry("DeleteBucketEncryption", 204),
            Map.entry("DeleteBucketIntelligentTieringConfiguration", 204),
            Map.entry("DeleteBucketInventoryConfiguration", 204),
            Map.entry("DeleteBucketLifecycle", 204), Map.entry("DeleteBucketMetadataConfiguration", 204),
            Map.entry("DeleteBucketMetadataTableConfiguration", 204),
            Map.entry("DeleteBucketMetricsConfiguration", 204),
            Map.entry("DeleteBucketOwnershipControls", 204), Map.entry("DeleteBucketPolicy", 204),
            Map.entry("DeleteBucketReplication", 204), Map.entry("DeleteBucketTagging", 204),
            Map.entry("DeleteBucketWebsite", 204), Map.entry("DeleteObject", 204),
            Map.entry("DeleteObjectTagging", 204), Map.entry("DeletePublicAccessBlock", 204));
}
