package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of default bucket encryption (AES256 when none is set). */
final class EncryptionConfig {
    private final BucketAccess access;

    EncryptionConfig(BucketAccess access) {
        this.access = access;
    }

    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (request.serverSideEncryptionConfiguration() == null
                || request.serverSideEncryptionConfiguration().rules().isEmpty()) {
            throw S3Errors.malformedXml();
        }
        b.encryption = request.serverSideEncryptionConfiguration();
        return PutBucketEncryptionResponse.builder().build();
    }

    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        Bucket b = access.bucket(request.bucket());
        // Since January 2023 every bucket has SSE-S3 (AES256) as its default encryption.
        ServerSideEncryptionConfiguration c = b.encryption != null ? b.encryption
                : ServerSideEncryptionConfiguration.builder().rules(ServerSideEncryptionRule.builder()
                        .applyServerSideEncryptionByDefault(ServerSideEncryptionByDefault.builder()
                                .sseAlgorithm(ServerSideEncryption.AES256).build())
                        .bucketKeyEnabled(false).build()).build();
        return GetBucketEncryptionResponse.builder().serverSideEncryptionConfiguration(c).build();
    }

    public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
        access.bucket(request.bucket()).encryption = null;
        return DeleteBucketEncryptionResponse.builder().build();
    }
}
