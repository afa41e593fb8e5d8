package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

/**
 * The wire side of bucket and object configuration: tagging, policy, CORS, ACLs, ownership, public
 * access block, encryption, lifecycle, notifications and Object Lock. Stored as sent and returned as
 * stored; an absent configuration answers with its own 404 code.
 */
abstract class BucketConfigHandler extends WireSupport implements S3Client {

    BucketConfigHandler(S3Backend s3) {
        super(s3);
    }

    // --- versioning

    @Override
    public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
        Bucket b = bucket(request.bucket());
        VersioningConfiguration c = request.versioningConfiguration();
        String status = c == null ? null : c.statusAsString();
        if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
            throw S3Errors.malformedXml();
        }
        if (b.objectLockEnabled && "Suspended".equals(status)) {
            throw new io.gureum.core.error.AwsException("InvalidBucketState",
                    "An Object Lock configuration is present on this bucket, so the versioning state cannot be "
                            + "changed.", 409);
        }
        synchronized (b) {
            b.versioning = status;
        }
        return PutBucketVersioningResponse.builder().build();
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        Bucket b = bucket(request.bucket());
        return GetBucketVersioningResponse.builder().status(b.versioning).build();
    }

    // --- tagging

    @Override
    public PutBucketTaggingResponse putBucketTagging(PutBucketTaggingRequest request) {
        Bucket b = bucket(request.bucket());
        b.tags = tagMap(request.tagging() == null ? List.of() : request.tagging().tagSet(), 50);
        return PutBucketTaggingResponse.builder().build();
    }

    @Override
    public GetBucketTaggingResponse getBucketTagging(GetBucketTaggingRequest request) {
        Bucket b = bucket(request.bucket());
        if (b.tags == null || b.tags.isEmpty()) {
            throw S3Errors.missing("NoSuchTagSet", "The TagSet does not exist");
        }
        return GetBucketTaggingResponse.builder().tagSet(tagList(b.tags)).build();
    }

    @Override
    public DeleteBucketTaggingResponse deleteBucketTagging(DeleteBucketTaggingRequest request) {
        bucket(request.bucket()).tags = null;
        return DeleteBucketTaggingResponse.builder().build();
    }

    @Override
    public PutObjectTaggingResponse putObjectTagging(PutObjectTaggingRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        o.tags = tagMap(request.tagging() == null ? List.of() : request.tagging().tagSet(), 10);
        return PutObjectTaggingResponse.builder().versionId(b.versioned() ? o.versionId : null).build();
    }

    @Override
    public GetObjectTaggingResponse getObjectTagging(GetObjectTaggingRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        return GetObjectTaggingResponse.builder().tagSet(tagList(o.tags))
                .versionId(b.versioned() ? o.versionId : null).build();
    }

    @Override
    public DeleteObjectTaggingResponse deleteObjectTagging(DeleteObjectTaggingRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        o.tags = java.util.Map.of();
        return DeleteObjectTaggingResponse.builder().versionId(b.versioned() ? o.versionId : null).build();
    }

    // --- policy (stored; enforcement belongs to IAM)

    @Override
    public PutBucketPolicyResponse putBucketPolicy(PutBucketPolicyRequest request) {
        Bucket b = bucket(request.bucket());
        String policy = request.policy();
        try {
            com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(policy == null ? "" : policy);
            if (doc == null || !doc.isObject() || !doc.has("Statement")) {
                throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }
        b.policy = policy;
        return PutBucketPolicyResponse.builder().build();
    }

    @Override
    public GetBucketPolicyResponse getBucketPolicy(GetBucketPolicyRequest request) {
        Bucket b = bucket(request.bucket());
        if (b.policy == null) {
            throw S3Errors.missing("NoSuchBucketPolicy", "The bucket policy does not exist");
        }
        return GetBucketPolicyResponse.builder().policy(b.policy).build();
    }

    @Override
    public DeleteBucketPolicyResponse deleteBucketPolicy(DeleteBucketPolicyRequest request) {
        bucket(request.bucket()).policy = null;
        return DeleteBucketPolicyResponse.builder().build();
    }

    // --- CORS

    @Override
    public PutBucketCorsResponse putBucketCors(PutBucketCorsRequest request) {
        Bucket b = bucket(request.bucket());
        List<CORSRule> rules = request.corsConfiguration() == null ? List.of() : request.corsConfiguration().corsRules();
        if (rules.isEmpty() || rules.size() > 100) {
            throw S3Errors.malformedXml();
        }
        for (CORSRule r : rules) {
            for (String m : r.allowedMethods()) {
                if (!List.of("GET", "PUT", "POST", "DELETE", "HEAD").contains(m)) {
                    throw S3Errors.invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is "
                            + m);
                }
            }
            if (r.allowedOrigins().isEmpty()) {
                throw S3Errors.malformedXml();
            }
        }
        b.cors = List.copyOf(rules);
        return PutBucketCorsResponse.builder().build();
    }

    @Override
    public GetBucketCorsResponse getBucketCors(GetBucketCorsRequest request) {
        Bucket b = bucket(request.bucket());
        if (b.cors == null) {
            throw S3Errors.missing("NoSuchCORSConfiguration", "The CORS configuration does not exist");
        }
        return GetBucketCorsResponse.builder().corsRules(b.cors).build();
    }

    @Override
    public DeleteBucketCorsResponse deleteBucketCors(DeleteBucketCorsRequest request) {
        bucket(request.bucket()).cors = null;
        return DeleteBucketCorsResponse.builder().build();
    }

    // --- ACL basics: the owner has FULL_CONTROL; canned ACLs and grants are stored and returned

    @Override
    public GetBucketAclResponse getBucketAcl(GetBucketAclRequest request) {
        Bucket b = bucket(request.bucket());
        AccessControlPolicy acl = b.acl != null ? b.acl : ownerOnly(b.owner);
        return GetBucketAclResponse.builder().owner(acl.owner()).grants(acl.grants()).build();
    }

    @Override
    public PutBucketAclResponse putBucketAcl(PutBucketAclRequest request) {
        Bucket b = bucket(request.bucket());
        if (b.ownership != null && b.ownership.rules().stream()
                .anyMatch(r -> "BucketOwnerEnforced".equals(r.objectOwnershipAsString()))
                && (request.accessControlPolicy() != null || (request.aclAsString() != null
                        && !"private".equals(request.aclAsString())))) {
            throw new io.gureum.core.error.AwsException("AccessControlListNotSupported",
                    "The bucket does not allow ACLs", 400);
        }
        b.acl = request.accessControlPolicy() != null ? request.accessControlPolicy() : ownerOnly(b.owner);
        return PutBucketAclResponse.builder().build();
    }

    @Override
    public GetObjectAclResponse getObjectAcl(GetObjectAclRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        AccessControlPolicy acl = ownerOnly(o.owner);
        return GetObjectAclResponse.builder().owner(acl.owner()).grants(acl.grants()).build();
    }

    private static AccessControlPolicy ownerOnly(String account) {
        Owner owner = owner(account);
        Grant full = Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(owner.id()).build())
                .permission(Permission.FULL_CONTROL).build();
        return AccessControlPolicy.builder().owner(owner).grants(full).build();
    }

    // --- ownership controls, public access block, encryption

    @Override
    public PutBucketOwnershipControlsResponse putBucketOwnershipControls(PutBucketOwnershipControlsRequest request) {
        bucket(request.bucket()).ownership = request.ownershipControls();
        return PutBucketOwnershipControlsResponse.builder().build();
    }

    @Override
    public GetBucketOwnershipControlsResponse getBucketOwnershipControls(GetBucketOwnershipControlsRequest request) {
        Bucket b = bucket(request.bucket());
        if (b.ownership == null) {
            throw S3Errors.missing("OwnershipControlsNotFoundError", "The bucket ownership controls were not found");
        }
        return GetBucketOwnershipControlsResponse.builder().ownershipControls(b.ownership).build();
    }

    @Override
    public DeleteBucketOwnershipControlsResponse deleteBucketOwnershipControls(
            DeleteBucketOwnershipControlsRequest request) {
        bucket(request.bucket()).ownership = null;
        return DeleteBucketOwnershipControlsResponse.builder().build();
    }

    @Override
    public PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest request) {
        bucket(request.bucket()).publicAccessBlock = request.publicAccessBlockConfiguration();
        return PutPublicAccessBlockResponse.builder().build();
    }

    @Override
    public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest request) {
        Bucket b = bucket(request.bucket());
        if (b.publicAccessBlock == null) {
            throw S3Errors.missing("NoSuchPublicAccessBlockConfiguration",
                    "The public access block configuration was not found");
        }
        return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(b.publicAccessBlock).build();
    }

    @Override
    public DeletePublicAccessBlockResponse deletePublicAccessBlock(DeletePublicAccessBlockRequest request) {
        bucket(request.bucket()).publicAccessBlock = null;
        return DeletePublicAccessBlockResponse.builder().build();
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        Bucket b = bucket(request.bucket());
        if (request.serverSideEncryptionConfiguration() == null
                || request.serverSideEncryptionConfiguration().rules().isEmpty()) {
            throw S3Errors.malformedXml();
        }
        b.encryption = request.serverSideEncryptionConfiguration();
        return PutBucketEncryptionResponse.builder().build();
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        Bucket b = bucket(request.bucket());
        // Since January 2023 every bucket has SSE-S3 (AES256) as its default encryption.
        ServerSideEncryptionConfiguration c = b.encryption != null ? b.encryption
                : ServerSideEncryptionConfiguration.builder().rules(ServerSideEncryptionRule.builder()
                        .applyServerSideEncryptionByDefault(ServerSideEncryptionByDefault.builder()
                                .sseAlgorithm(ServerSideEncryption.AES256).build())
                        .bucketKeyEnabled(false).build()).build();
        return GetBucketEncryptionResponse.builder().serverSideEncryptionConfiguration(c).build();
    }

    @Override
    public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
        bucket(request.bucket()).encryption = null;
        return DeleteBucketEncryptionResponse.builder().build();
    }

    // --- lifecycle

    @Override
    public PutBucketLifecycleConfigurationResponse putBucketLifecycleConfiguration(
            PutBucketLifecycleConfigurationRequest request) {
        Bucket b = bucket(request.bucket());
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

    @Override
    public GetBucketLifecycleConfigurationResponse getBucketLifecycleConfiguration(
            GetBucketLifecycleConfigurationRequest request) {
        Bucket b = bucket(request.bucket());
        if (b.lifecycle == null) {
            throw S3Errors.missing("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist");
        }
        return GetBucketLifecycleConfigurationResponse.builder().rules(b.lifecycle).build();
    }

    @Override
    public DeleteBucketLifecycleResponse deleteBucketLifecycle(DeleteBucketLifecycleRequest request) {
        bucket(request.bucket()).lifecycle = null;
        return DeleteBucketLifecycleResponse.builder().build();
    }

    // --- notifications

    @Override
    public PutBucketNotificationConfigurationResponse putBucketNotificationConfiguration(
            PutBucketNotificationConfigurationRequest request) {
        Bucket b = bucket(request.bucket());
        NotificationConfiguration c = request.notificationConfiguration() == null
                ? NotificationConfiguration.builder().build() : request.notificationConfiguration();
        boolean validate = !Boolean.TRUE.equals(request.skipDestinationValidation());
        if (validate) {
            s3.notifications.validateDestinations(c);
        }
        b.notifications = c;
        if (validate) {
            s3.notifications.testEvent(b, c);
        }
        return PutBucketNotificationConfigurationResponse.builder().build();
    }

    @Override
    public GetBucketNotificationConfigurationResponse getBucketNotificationConfiguration(
            GetBucketNotificationConfigurationRequest request) {
        Bucket b = bucket(request.bucket());
        NotificationConfiguration c = b.notifications;
        GetBucketNotificationConfigurationResponse.Builder out = GetBucketNotificationConfigurationResponse.builder();
        if (c != null) {
            out.queueConfigurations(c.queueConfigurations()).topicConfigurations(c.topicConfigurations())
                    .lambdaFunctionConfigurations(c.lambdaFunctionConfigurations());
        }
        return out.build();
    }

    // --- Object Lock

    @Override
    public PutObjectLockConfigurationResponse putObjectLockConfiguration(PutObjectLockConfigurationRequest request) {
        Bucket b = bucket(request.bucket());
        ObjectLockConfiguration c = request.objectLockConfiguration();
        if (!b.objectLockEnabled) {
            if (!b.versioningEnabled()) {
                throw new io.gureum.core.error.AwsException("InvalidBucketState",
                        "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration", 409);
            }
            b.objectLockEnabled = true;
        }
        b.objectLock = c;
        return PutObjectLockConfigurationResponse.builder().build();
    }

    @Override
    public GetObjectLockConfigurationResponse getObjectLockConfiguration(GetObjectLockConfigurationRequest request) {
        Bucket b = bucket(request.bucket());
        if (!b.objectLockEnabled) {
            throw S3Errors.missing("ObjectLockConfigurationNotFoundError",
                    "Object Lock configuration does not exist for this bucket");
        }
        ObjectLockConfiguration c = b.objectLock != null ? b.objectLock
                : ObjectLockConfiguration.builder().objectLockEnabled(ObjectLockEnabled.ENABLED).build();
        return GetObjectLockConfigurationResponse.builder().objectLockConfiguration(c).build();
    }

    @Override
    public PutObjectRetentionResponse putObjectRetention(PutObjectRetentionRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        ObjectLockRetention r = request.retention();
        synchronized (b) {
            ObjectLock.setRetention(b, o, r == null ? null : r.modeAsString(), r == null ? null : r.retainUntilDate(),
                    bypassGovernance(request.bypassGovernanceRetention()), s3.context.clock().now());
        }
        return PutObjectRetentionResponse.builder().build();
    }

    @Override
    public GetObjectRetentionResponse getObjectRetention(GetObjectRetentionRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        ObjectLock.requireEnabled(b);
        if (o.retentionMode == null) {
            throw S3Errors.missing("NoSuchObjectLockConfiguration",
                    "The specified object does not have a ObjectLock configuration");
        }
        return GetObjectRetentionResponse.builder().retention(ObjectLockRetention.builder().mode(o.retentionMode)
                .retainUntilDate(o.retainUntil).build()).build();
    }

    @Override
    public PutObjectLegalHoldResponse putObjectLegalHold(PutObjectLegalHoldRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        ObjectLock.requireEnabled(b);
        if (request.legalHold() == null || request.legalHold().status() == null) {
            throw S3Errors.malformedXml();
        }
        o.legalHold = request.legalHold().status() == ObjectLockLegalHoldStatus.ON;
        return PutObjectLegalHoldResponse.builder().build();
    }

    @Override
    public GetObjectLegalHoldResponse getObjectLegalHold(GetObjectLegalHoldRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        ObjectLock.requireEnabled(b);
        return GetObjectLegalHoldResponse.builder().legalHold(ObjectLockLegalHold.builder()
                .status(o.legalHold ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF).build()).build();
    }

    // --- configurations Terraform and the console read on every refresh: stored, not acted on

    @Override
    public PutBucketWebsiteResponse putBucketWebsite(PutBucketWebsiteRequest request) {
        Bucket b = bucket(request.bucket());
        if (request.websiteConfiguration() == null) {
            throw S3Errors.malformedXml();
        }
        b.website = request.websiteConfiguration();
        return PutBucketWebsiteResponse.builder().build();
    }

    @Override
    public GetBucketWebsiteResponse getBucketWebsite(GetBucketWebsiteRequest request) {
        WebsiteConfiguration w = bucket(request.bucket()).website;
        if (w == null) {
            throw S3Errors.missing("NoSuchWebsiteConfiguration",
                    "The specified bucket does not have a website configuration");
        }
        return GetBucketWebsiteResponse.builder().indexDocument(w.indexDocument()).errorDocument(w.errorDocument())
                .redirectAllRequestsTo(w.redirectAllRequestsTo()).routingRules(w.routingRules()).build();
    }

    @Override
    public DeleteBucketWebsiteResponse deleteBucketWebsite(DeleteBucketWebsiteRequest request) {
        bucket(request.bucket()).website = null;
        return DeleteBucketWebsiteResponse.builder().build();
    }

    @Override
    public PutBucketAccelerateConfigurationResponse putBucketAccelerateConfiguration(
            PutBucketAccelerateConfigurationRequest request) {
        Bucket b = bucket(request.bucket());
        if (b.name.contains(".")) {
            throw S3Errors.invalidRequest("S3 Transfer Acceleration is not supported for buckets with periods (.) "
                    + "in their names");
        }
        b.accelerate = request.accelerateConfiguration() == null ? null
                : request.accelerateConfiguration().statusAsString();
        return PutBucketAccelerateConfigurationResponse.builder().build();
    }

    @Override
    public GetBucketAccelerateConfigurationResponse getBucketAccelerateConfiguration(
            GetBucketAccelerateConfigurationRequest request) {
        return GetBucketAccelerateConfigurationResponse.builder().status(bucket(request.bucket()).accelerate).build();
    }

    @Override
    public PutBucketRequestPaymentResponse putBucketRequestPayment(PutBucketRequestPaymentRequest request) {
        Bucket b = bucket(request.bucket());
        if (request.requestPaymentConfiguration() == null || request.requestPaymentConfiguration().payer() == null) {
            throw S3Errors.malformedXml();
        }
        b.requestPayer = request.requestPaymentConfiguration().payerAsString();
        return PutBucketRequestPaymentResponse.builder().build();
    }

    @Override
    public GetBucketRequestPaymentResponse getBucketRequestPayment(GetBucketRequestPaymentRequest request) {
        return GetBucketRequestPaymentResponse.builder().payer(bucket(request.bucket()).requestPayer).build();
    }

    @Override
    public PutBucketLoggingResponse putBucketLogging(PutBucketLoggingRequest request) {
        Bucket b = bucket(request.bucket());
        b.logging = request.bucketLoggingStatus() == null ? null : request.bucketLoggingStatus().loggingEnabled();
        return PutBucketLoggingResponse.builder().build();
    }

    @Override
    public GetBucketLoggingResponse getBucketLogging(GetBucketLoggingRequest request) {
        return GetBucketLoggingResponse.builder().loggingEnabled(bucket(request.bucket()).logging).build();
    }

    @Override
    public PutBucketReplicationResponse putBucketReplication(PutBucketReplicationRequest request) {
        Bucket b = bucket(request.bucket());
        if (!b.versioningEnabled()) {
            throw S3Errors.invalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication "
                    + "configuration");
        }
        b.replication = request.replicationConfiguration();
        return PutBucketReplicationResponse.builder().build();
    }

    @Override
    public GetBucketReplicationResponse getBucketReplication(GetBucketReplicationRequest request) {
        ReplicationConfiguration r = bucket(request.bucket()).replication;
        if (r == null) {
            throw S3Errors.missing("ReplicationConfigurationNotFoundError", "The replication configuration was not found");
        }
        return GetBucketReplicationResponse.builder().replicationConfiguration(r).build();
    }

    @Override
    public DeleteBucketReplicationResponse deleteBucketReplication(DeleteBucketReplicationRequest request) {
        bucket(request.bucket()).replication = null;
        return DeleteBucketReplicationResponse.builder().build();
    }

    @Override
    public PutObjectAclResponse putObjectAcl(PutObjectAclRequest request) {
        Bucket b = bucket(request.bucket());
        s3.objects.resolve(b, request.key(), request.versionId());
        if (b.ownership != null && b.ownership.rules().stream()
                .anyMatch(r -> "BucketOwnerEnforced".equals(r.objectOwnershipAsString()))) {
            throw new io.gureum.core.error.AwsException("AccessControlListNotSupported",
                    "The bucket does not allow ACLs", 400);
        }
        return PutObjectAclResponse.builder().build();
    }

    @Override
    public GetBucketPolicyStatusResponse getBucketPolicyStatus(GetBucketPolicyStatusRequest request) {
        Bucket b = bucket(request.bucket());
        if (b.policy == null) {
            throw S3Errors.missing("NoSuchBucketPolicy", "The bucket policy does not exist");
        }
        boolean open = b.policy.contains("\"Principal\":\"*\"") || b.policy.contains("\"AWS\":\"*\"");
        return GetBucketPolicyStatusResponse.builder().policyStatus(PolicyStatus.builder().isPublic(open).build())
                .build();
    }
}
