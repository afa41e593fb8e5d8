package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of bucket policies: the JSON is checked and stored; enforcement belongs to IAM. */
final class PolicyConfig {
    private final BucketAccess access;

    PolicyConfig(BucketAccess access) {
        this.access = access;
    }

    public PutBucketPolicyResponse putBucketPolicy(PutBucketPolicyRequest request) {
        Bucket b = access.bucket(request.bucket());
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

    public GetBucketPolicyResponse getBucketPolicy(GetBucketPolicyRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (b.policy == null) {
            throw S3Errors.missing("NoSuchBucketPolicy", "The bucket policy does not exist");
        }
        return GetBucketPolicyResponse.builder().policy(b.policy).build();
    }

    public DeleteBucketPolicyResponse deleteBucketPolicy(DeleteBucketPolicyRequest request) {
        access.bucket(request.bucket()).policy = null;
        return DeleteBucketPolicyResponse.builder().build();
    }

    public GetBucketPolicyStatusResponse getBucketPolicyStatus(GetBucketPolicyStatusRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (b.policy == null) {
            throw S3Errors.missing("NoSuchBucketPolicy", "The bucket policy does not exist");
        }
        boolean open = b.policy.contains("\"Principal\":\"*\"") || b.policy.contains("\"AWS\":\"*\"");
        return GetBucketPolicyStatusResponse.builder().policyStatus(PolicyStatus.builder().isPublic(open).build())
                .build();
    }
}
