package io.gureum.vpc.model;

import java.time.Instant;

/**
 * The account's VPC Block Public Access options in one Region, stored (and recorded) like a resource under the
 * fixed ID {@link #ID} but never registered: it has no ARN and no tags. Absent until the first
 * ModifyVpcBlockPublicAccessOptions ({@code default-state}, mode {@code off}).
 */
public final class VpcBlockPublicAccessOptions extends Resource {
    public static final String ID = "options";
    /** {@code off}, {@code block-bidirectional} or {@code block-ingress}. */
    public String mode = "off";
    /** The mode in force until the change to {@link #mode} completes. */
    public String previousMode = "off";
    public Instant lastUpdate;

    public VpcBlockPublicAccessOptions(String ownerId, Instant created) {
        super(ID, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpc-block-public-access-options";
    }
}
