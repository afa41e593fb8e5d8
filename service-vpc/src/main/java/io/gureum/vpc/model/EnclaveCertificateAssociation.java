package io.gureum.vpc.model;

import java.time.Instant;

/**
 * An IAM role associated with an ACM certificate for ACM for Nitro Enclaves (AssociateEnclaveCertificateIamRole).
 * It has no ID of its own ({@link #id} joins the certificate and role ARNs, as the store's key) and no tags, so it
 * is never registered.
 */
public final class EnclaveCertificateAssociation extends Resource {
    public String certificateArn;
    public String roleArn;
    public String bucket;
    public String objectKey;
    public String kmsKeyId;

    public EnclaveCertificateAssociation(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "enclave-certificate-iam-role-association";
    }
}
