package io.gureum.cloudformation.resource.s3express;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * {@code AWS::S3Express::BucketPolicy}: the policy of a directory bucket. {@code Ref} is the bucket name
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3express-bucketpolicy.html).
 * {@code Bucket} replaces it (createOnlyProperties); a new {@code PolicyDocument} is put in place. Delete removes
 * the bucket's policy. A {@code Bucket} that is not a directory bucket ({@code --x-s3}) fails the resource: the
 * type reaches buckets through the S3 Express endpoint, which knows only directory buckets.
 */
public final class BucketPolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Bucket", "PolicyDocument");

    @Override
    public String type() {
        return "AWS::S3Express::BucketPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Bucket");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String bucket = r.requiredText("Bucket");
        if (!bucket.endsWith("--x-s3")) {
            throw new ResourceFailure("Bucket " + bucket + " is not a directory bucket (a name ending in --x-s3)",
                    "InvalidRequest");
        }
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
