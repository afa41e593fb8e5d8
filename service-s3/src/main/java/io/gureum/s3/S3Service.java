package io.gureum.s3;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;

/** Registers Amazon S3 with core. */
public final class S3Service implements AwsService {
    @Override
    public String name() {
        return "s3";
    }

    /**
     * Requests through an Object Lambda access point, and WriteGetObjectResponse, are signed for
     * {@code s3-object-lambda} (the endpoint rules' signing name for them).
     */
    @Override
    public java.util.List<String> signingNames() {
        return java.util.List.of("s3", "s3-object-lambda");
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.s3.S3Client";
    }

    @Override
    public String xmlNamespace() {
        return "http://s3.amazonaws.com/doc/2006-03-01/";
    }

    /** Virtual-hosted routing, S3's restXml dialect, its error wording: {@link S3Quirks}. */
    @Override
    public io.gureum.core.spi.ProtocolQuirks quirks() {
        return new S3Quirks();
    }

    /** One provider per operation family; {@link S3Instance} makes them over one backend. */
    @Override
    public java.util.List<Class<?>> providerClasses() {
        return java.util.List.of(BucketOperations.class, ObjectReads.class, ObjectWrites.class,
                ListingOperations.class, MultipartOperations.class, VersioningConfig.class, TaggingConfig.class,
                PolicyConfig.class, CorsConfig.class, AclConfig.class, OwnershipConfig.class, EncryptionConfig.class,
                LifecycleConfig.class, NotificationConfig.class, ObjectLockConfig.class, StoredConfigs.class,
                ReportingConfigs.class, DirectoryOperations.class, ObjectAnnotations.class,
                ObjectEncryptionUpdate.class, ObjectLambdaWrites.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        return new S3Instance(context);
    }
}
