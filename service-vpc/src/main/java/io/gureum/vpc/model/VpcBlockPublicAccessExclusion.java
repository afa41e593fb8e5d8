package io.gureum.vpc.model;

import java.time.Instant;

/**
 * The stored state of one VPC Block Public Access exclusion of a VPC or a subnet. Its state follows the clock:
 * {@link #phase} ({@code create}, {@code update}, {@code delete}) is {@code -in-progress} from {@link #phaseStarted}
 * for a short transition, then {@code -complete}.
 */
public final class VpcBlockPublicAccessExclusion extends Resource {
    public String vpcId;
    public String subnetId;
    /** {@code allow-bidirectional} or {@code allow-egress}. */
    public String mode;
    public String phase = "create";
    public Instant phaseStarted;
    public Instant lastUpdate;
    public Instant deleted;

    public VpcBlockPublicAccessExclusion(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
        this.phaseStarted = created;
    }

    @Override
    public String resourceType() {
        return "vpc-block-public-access-exclusion";
    }
}
