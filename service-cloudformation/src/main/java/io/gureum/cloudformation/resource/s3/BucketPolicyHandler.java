package io.gureum.cloudformation.resource.s3;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * {@code AWS::S3::BucketPolicy}. {@code Ref} is the bucket name. {@code Bucket} replaces it; a new document
 * is put in place. Delete removes the bucket's policy.
 */
public final class BucketPolicyHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Bucket", "PolicyDocument");

    @Override
    public String type() {
        return "AWS::S3::BucketPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Bucket");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String bucket = r.requiredText("Bucket");
        put(r, bucket);
        return Created.of(bucket);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        put(r, r.physicalId());
        return Created.of(r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(S3Client.class).deleteBucketPolicy(b -> b.bucket(r.physicalId()));
        } catch (NoSuchBucketException gone) {
            // The bucket is gone, and its policy with it.
        }
    }

    private static void put(ResourceRequest r, String bucket) {
        String policy = Json.document(r.property("PolicyDocument"));
        if (policy == null) {
            r.requiredText("PolicyDocument");
        }
        r.client(S3Client.class).putBucketPolicy(b -> b.bucket(bucket).policy(policy));
    }
}
