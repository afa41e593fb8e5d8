package io.gureum.vpc.model;

import io.gureum.ec2common.ResourceTags;
import java.time.Instant;

/**
 * What every stored EC2 networking resource has: an ID, an owner, a creation time and tags. The tags live
 * in core's resource registry once the store holds the resource ({@link ResourceTags}).
 */
public abstract class Resource {
    public final String id;
    public final String ownerId;
    public final Instant created;
    public final ResourceTags tags = new ResourceTags();

    protected Resource(String id, String ownerId, Instant created) {
        this.id = id;
        this.ownerId = ownerId;
        this.created = created;
    }

    /**
     * The DescribeTags resource-type, e.g. {@code vpc}, {@code security-group}; also the type in the
     * resource's ARN ({@code arn:aws:ec2:<region>:<account>:vpc/vpc-…}).
     */
    public abstract String resourceType();

    /**
     * Whether the resource's ARN has no region ({@code arn:aws:ec2::<account>:ipam/ipam-…}), as IPAM's resources
     * have (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
     */
    public boolean global() {
        return false;
    }
}
