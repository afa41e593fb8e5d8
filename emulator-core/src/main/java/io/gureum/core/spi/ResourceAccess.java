package io.gureum.core.spi;

import java.util.Map;
import java.util.Objects;

/**
 * Who owns a resource and what its resource-based policy says, as the authorizer needs them: an S3
 * bucket's policy (with its ACL grants and Block Public Access already applied by S3), an SQS queue's
 * or SNS topic's {@code Policy} attribute, a Lambda function's or KMS key's policy.
 *
 * @param ownerAccountId the account the resource belongs to
 * @param policyJson the effective resource-based policy document, or null when the resource has none
 * @param via the resource the request goes through to reach this one (an S3 access point), or null
 */
public record ResourceAccess(String ownerAccountId, String policyJson, Via via) {

    public ResourceAccess {
        Objects.requireNonNull(ownerAccountId, "ownerAccountId");
    }

    public ResourceAccess(String ownerAccountId, String policyJson) {
        this(ownerAccountId, policyJson, null);
    }

    /** A resource of {@code ownerAccountId} with no resource-based policy. */
    public static ResourceAccess ownedBy(String ownerAccountId) {
        return new ResourceAccess(ownerAccountId, null);
    }

    /**
     * A request named the resource by another one that stands for it (an S3 access point's alias or ARN): the
     * request must be allowed on both, each with its own owner and policy, and an explicit deny in either denies
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
     *
     * @param resourceArn the ARN the owner's policy speaks of (the bucket's or object's, not the name used)
     * @param arn the ARN of what the request went through ({@code …:accesspoint/name[/object/key]})
     * @param ownerAccountId the account that owns what the request went through
     * @param policyJson its effective policy, or null
     * @param conditionKeys request context keys both decisions see ({@code s3:DataAccessPointArn} …)
     */
    public record Via(String resourceArn, String arn, String ownerAccountId, String policyJson,
            Map<String, String> conditionKeys) {
        public Via {
            Objects.requireNonNull(resourceArn, "resourceArn");
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(ownerAccountId, "ownerAccountId");
            conditionKeys = conditionKeys == null ? Map.of() : Map.copyOf(conditionKeys);
        }
    }
}
