package io.gureum.core.spi;

import java.util.Objects;

/**
 * Who owns a resource and what its resource-based policy says, as the authorizer needs them: an S3
 * bucket's policy (with its ACL grants and Block Public Access already applied by S3), an SQS queue's
 * or SNS topic's {@code Policy} attribute, a Lambda function's or KMS key's policy.
 *
 * @param ownerAccountId the account the resource belongs to
 * @param policyJson the effective resource-based policy document, or null when the resource has none
 */
public record ResourceAccess(String ownerAccountId, String policyJson) {

    public ResourceAccess {
        Objects.requireNonNull(ownerAccountId, "ownerAccountId");
    }

    /** A resource of {@code ownerAccountId} with no resource-based policy. */
    public static ResourceAccess ownedBy(String ownerAccountId) {
        return new ResourceAccess(ownerAccountId, null);
    }
}
