package io.gureum.cloudformation.resource.s3express;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.Set;
/**
 * {@code AWS::S3Express::BucketPolicy}: the policy of a directory bucket. {@code Ref} is the bucket name
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3express-bucketpolicy.html).
 * {@code Bucket} replaces it (createOnlyProperties); a new {@code PolicyDocument} is put in place. Delete removes
 * the bucket's policy. A {@code Bucket} that is not a directory bucket ({@code --x-s3}) fails the resource: the
 * type reaches buckets through the S3 Express endpoint, which knows only directory buckets.
 */
public final class BucketPolicyHandler implements ResourceHandler {
    /** A directory bucket's policy is put, replaced and removed as a general purpose bucket's is. */
    private static final ResourceHandler S3_BUCKET_POLICY = new io.gureum.cloudformation.resource.s3.BucketPolicyHandler();

    @Override
    public String type() {
        return "AWS::S3Express::BucketPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return S3_BUCKET_POLICY.replacementProperties();
    }

    @Override
    public Created create(ResourceRequest r) {
        String bucket = r.requiredText("Bucket");
        if (!bucket.endsWith("--x-s3")) {
            throw new ResourceFailure("Bucket " + bucket + " is not a directory bucket (a name ending in --x-s3)",
                    "InvalidRequest");
        }
        return S3_BUCKET_POLICY.create(r);
    }

    @Override
    public Created update(ResourceRequest r) {
        return S3_BUCKET_POLICY.update(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        S3_BUCKET_POLICY.delete(r);
    }
}
