package io.gureum.vpc.model;

import java.time.Instant;

/**
 * A security group associated with a VPC other than its own (AssociateSecurityGroupVpc), kept with its group.
 * {@code associating} until {@link #associated} comes due on the clock, then {@code associated}; after
 * DisassociateSecurityGroupVpc {@code disassociating} until {@link #disassociated}, then gone.
 */
public final class SecurityGroupVpcAssociation {
    public String vpcId;
    public String vpcOwnerId;
    public Instant associated;
    public Instant disassociated;

    public SecurityGroupVpcAssociation() {
    }
}
