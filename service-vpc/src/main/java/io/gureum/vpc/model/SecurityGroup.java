package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one SecurityGroup. */
public final class SecurityGroup extends Resource {
    public String groupName;
    public String description;
    public String vpcId;
    public final List<SecurityGroupRule> rules = new ArrayList<>();
    /** The other VPCs the group is associated with (AssociateSecurityGroupVpc). */
    public final List<SecurityGroupVpcAssociation> vpcAssociations = new ArrayList<>();

    public SecurityGroup(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "security-group";
    }
}
