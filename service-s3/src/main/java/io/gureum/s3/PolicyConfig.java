package io.gureum.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.s3.access.PublicPolicies;
import io.gureum.s3.store.Bucket;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Provider of bucket policies: the JSON is checked and stored, a public one refused under BlockPublicPolicy,
 * and GetBucketPolicyStatus says whether it is public ("The meaning of public" in
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html). The
 * authorizer evaluates it through the bucket's effective policy.
 */
final class PolicyConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BucketAccess access;

    PolicyConfig(BucketAccess access) {
        this.access = access;
    }

    public PutBucketPolicyResponse putBucketPolicy(PutBucketPolicyRequest request) {
        Bucket b = access.bucket(request.bucket());
        String policy = request.policy();
        JsonNode doc = parse(policy);
        PublicAccessBlockConfiguration block = access.block(b, request.bucket());
        if (block != null && Boolean.TRUE.equals(block.blockPublicPolicy()) && PublicPolicies.isPublic(doc)) {
            throw S3Errors.accessDenied("Access Denied");
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
        String policy = b.policy;
        if (policy == null) {
            throw S3Errors.missing("NoSuchBucketPolicy", "The bucket policy does not exist");
        }
        return GetBucketPolicyStatusResponse.builder()
                .policyStatus(PolicyStatus.builder().isPublic(PublicPolicies.isPublic(parse(policy))).build()).build();
    }

    private static JsonNode parse(String policy) {
        try {
            JsonNode doc = JSON.readTree(policy == null ? "" : policy);
            if (doc == null || !doc.isObject() || !doc.has("Statement")) {
                throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
            }
            return doc;
        } catch (JsonProcessingException e) {
            throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }
    }
}
