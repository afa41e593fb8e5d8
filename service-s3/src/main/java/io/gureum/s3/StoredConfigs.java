package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Provider of configurations Terraform and the console read on every refresh (website, transfer acceleration,
 * requester pays, logging, replication): checked, stored and returned, not acted on.
 */
final class StoredConfigs {
    private final BucketAccess access;

    StoredConfigs(BucketAccess access) {
        this.access = access;
    }

    public PutBucketWebsiteResponse putBucketWebsite(PutBucketWebsiteRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (request.websiteConfiguration() == null) {
            throw S3Errors.malformedXml();
        }
        b.website = request.websiteConfiguration();
        return PutBucketWebsiteResponse.builder().build();
    }

    public GetBucketWebsiteResponse getBucketWebsite(GetBucketWebsiteRequest request) {
        WebsiteConfiguration w = access.bucket(request.bucket()).website;
        if (w == null) {
            throw S3Errors.missing("NoSuchWebsiteConfiguration",
                    "The specified bucket does not have a website configuration");
        }
        return GetBucketWebsiteResponse.builder().indexDocument(w.indexDocument()).errorDocument(w.errorDocument())
                .redirectAllRequestsTo(w.redirectAllRequestsTo()).routingRules(w.routingRules()).build();
    }

    public DeleteBucketWebsiteResponse deleteBucketWebsite(DeleteBucketWebsiteRequest request) {
        access.bucket(request.bucket()).website = null;
        return DeleteBucketWebsiteResponse.builder().build();
    }

    public PutBucketAccelerateConfigurationResponse putBucketAccelerateConfiguration(
            PutBucketAccelerateConfigurationRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (b.name.contains(".")) {
            throw S3Errors.invalidRequest("S3 Transfer Acceleration is not supported for buckets with periods (.) "
                    + "in their names");
        }
        b.accelerate = request.accelerateConfiguration() == null ? null
                : request.accelerateConfiguration().statusAsString();
        return PutBucketAccelerateConfigurationResponse.builder().build();
    }

    public GetBucketAccelerateConfigurationResponse getBucketAccelerateConfiguration(
            GetBucketAccelerateConfigurationRequest request) {
        return GetBucketAccelerateConfigurationResponse.builder().status(access.bucket(request.bucket()).accelerate).build();
    }

    public PutBucketRequestPaymentResponse putBucketRequestPayment(PutBucketRequestPaymentRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (request.requestPaymentConfiguration() == null || request.requestPaymentConfiguration().payer() == null) {
            throw S3Errors.malformedXml();
        }
        b.requestPayer = request.requestPaymentConfiguration().payerAsString();
        return PutBucketRequestPaymentResponse.builder().build();
    }

    public GetBucketRequestPaymentResponse getBucketRequestPayment(GetBucketRequestPaymentRequest request) {
        return GetBucketRequestPaymentResponse.builder().payer(access.bucket(request.bucket()).requestPayer).build();
    }

    public PutBucketLoggingResponse putBucketLogging(PutBucketLoggingRequest request) {
        Bucket b = access.bucket(request.bucket());
        b.logging = request.bucketLoggingStatus() == null ? null : request.bucketLoggingStatus().loggingEnabled();
        return PutBucketLoggingResponse.builder().build();
    }

    public GetBucketLoggingResponse getBucketLogging(GetBucketLoggingRequest request) {
        return GetBucketLoggingResponse.builder().loggingEnabled(access.bucket(request.bucket()).logging).build();
    }

    public PutBucketReplicationResponse putBucketReplication(PutBucketReplicationRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (!b.versioningEnabled()) {
            throw S3Errors.invalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication "
                    + "configuration");
        }
        b.replication = request.replicationConfiguration();
        return PutBucketReplicationResponse.builder().build();
    }

    public GetBucketReplicationResponse getBucketReplication(GetBucketReplicationRequest request) {
        ReplicationConfiguration r = access.bucket(request.bucket()).replication;
        if (r == null) {
            throw S3Errors.missing("ReplicationConfigurationNotFoundError", "The replication configuration was not found");
        }
        return GetBucketReplicationResponse.builder().replicationConfiguration(r).build();
    }

    public DeleteBucketReplicationResponse deleteBucketReplication(DeleteBucketReplicationRequest request) {
        access.bucket(request.bucket()).replication = null;
        return DeleteBucketReplicationResponse.builder().build();
    }
}
