package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.SecurityGroupVpcAssociation;
import io.gureum.vpc.model.Vpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssociateSecurityGroupVpcRequest;
import software.amazon.awssdk.services.ec2.model.AssociateSecurityGroupVpcResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupVpcAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupVpcAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateSecurityGroupVpcRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateSecurityGroupVpcResponse;

/**
 * Security group VPC associations
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateSecurityGroupVpc.html): a group used by
 * interfaces of another VPC of the same account and region. As AWS documents, the VPC must be in the caller's
 * region and account (a store holds one of each), default security groups and the default VPC are refused. An
 * association is {@code associating} for {@link #TRANSITION} on the clock, then {@code associated}, and
 * interfaces of the VPC may then use the group; after DisassociateSecurityGroupVpc (refused while an interface of
 * that VPC uses the group) it is {@code disassociating} for {@link #TRANSITION}, then gone.
 */
public final class SecurityGroupVpcAssociations {
    static final Duration TRANSITION = Duration.ofSeconds(2);

    private record Row(SecurityGroup group, SecurityGroupVpcAssociation association) {
    }

    private final Network net;
    private final Ec2Filters<Row> filters;

    SecurityGroupVpcAssociations(Network net) {
        this.net = net;
        this.filters = new Ec2Filters<Row>()
                .on("group-id", r -> r.group.id)
                .on("group-owner-id", r -> r.group.ownerId)
                .on("state", r -> state(r.association))
                .on("vpc-id", r -> r.association.vpcId)
                .on("vpc-owner-id", r -> r.association.vpcOwnerId);
    }

    String state(SecurityGroupVpcAssociation a) {
        if (a.disassociated != null) {
            return net.now().isBefore(a.disassociated) ? "disassociating" : "disassociated";
        }
        return net.now().isBefore(a.associated) ? "associating" : "associated";
    }

    /** Whether interfaces of {@code vpcId} may use the group (its own VPC, or an association that is made). */
    boolean usableIn(SecurityGroup g, String vpcId) {
        if (g.vpcId.equals(vpcId)) {
            return true;
        }
        return g.vpcAssociations.stream().anyMatch(a -> a.vpcId.equals(vpcId) && state(a).equals("associated"));
    }

    /** Whether any association of the group is not yet gone (a group with one is not deleted). */
    boolean hasAssociations(SecurityGroup g) {
        return g.vpcAssociations.stream().anyMatch(a -> !state(a).equals("disassociated"));
    }

    /** Whether some group is associated with the VPC (a VPC with one is not deleted). */
    boolean associatedWith(VpcStore s, String vpcId) {
        return s.securityGroups.values().stream().anyMatch(g -> g.vpcAssociations.stream()
                .anyMatch(a -> a.vpcId.equals(vpcId) && !state(a).equals("disassociated")));
    }

    /** Drops the associations whose disassociation completed. Called before each operation. */
    void settle(VpcStore s) {
        for (SecurityGroup g : s.securityGroups.values()) {
            if (!g.vpcAssociations.isEmpty()) {
                g.vpcAssociations.removeIf(a -> state(a).equals("disassociated"));
            }
        }
    }

    public AssociateSecurityGroupVpcResponse associateSecurityGroupVpc(AssociateSecurityGroupVpcRequest r) {
        VpcStore s = net.store();
        if (r.groupId() == null) {
            throw Ec2Errors.missing("GroupId");
        }
        if (r.vpcId() == null) {
            throw Ec2Errors.missing("VpcId");
        }
        SecurityGroup g = net.securityGroups.require(s, r.groupId());
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (g.groupName.equals("default")) {
            throw Ec2Errors.invalidParameterValue("Security group " + g.id
                    + " is a default security group; default security groups cannot be associated with other VPCs.");
        }
        if (vpc.isDefault) {
            throw Ec2Errors.invalidParameterValue("VPC " + vpc.id
                    + " is a default VPC; security groups cannot be associated with a default VPC.");
        }
        if (g.vpcId.equals(vpc.id)) {
            throw Ec2Errors.invalidParameterValue("Security group " + g.id + " belongs to VPC " + vpc.id + ".");
        }
        if (g.vpcAssociations.stream().anyMatch(a -> a.vpcId.equals(vpc.id) && a.disassociated == null)) {
            throw Ec2Error.RESOURCE_ALREADY_ASSOCIATED.withMessage("Security group " + g.id
                    + " is already associated with VPC " + vpc.id + ".");
        }
        if (g.vpcAssociations.stream().anyMatch(a -> a.vpcId.equals(vpc.id))) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Security group " + g.id + " is being disassociated from VPC "
                    + vpc.id + ".");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        SecurityGroupVpcAssociation a = new SecurityGroupVpcAssociation();
        a.vpcId = vpc.id;
        a.vpcOwnerId = vpc.ownerId;
        a.associated = net.now().plus(TRANSITION);
        g.vpcAssociations.add(a);
        return AssociateSecurityGroupVpcResponse.builder().state(state(a)).build();
    }

    public DisassociateSecurityGroupVpcResponse disassociateSecurityGroupVpc(DisassociateSecurityGroupVpcRequest r) {
        VpcStore s = net.store();
        if (r.groupId() == null) {
            throw Ec2Errors.missing("GroupId");
        }
        if (r.vpcId() == null) {
            throw Ec2Errors.missing("VpcId");
        }
        SecurityGroup g = net.securityGroups.require(s, r.groupId());
        SecurityGroupVpcAssociation a = g.vpcAssociations.stream().filter(x -> x.vpcId.equals(r.vpcId()))
                .findFirst().orElseThrow(() -> Ec2Errors.invalidParameterValue("Security group " + g.id
                        + " is not associated with VPC " + r.vpcId() + "."));
        // "You cannot disassociate the security group if any Elastic network interfaces in the associated VPC are
        // still associated with the security group."
        boolean used = s.networkInterfaces.values().stream()
                .anyMatch(e -> e.vpcId.equals(a.vpcId) && e.groupIds.contains(g.id))
                || s.vpcEndpoints.values().stream().anyMatch(e -> e.vpcId.equals(a.vpcId) && e.groupIds.contains(g.id));
        if (used) {
            throw Ec2Error.DEPENDENCY_VIOLATION.withMessage("Security group " + g.id
                    + " is used by network interfaces in VPC " + a.vpcId + ".");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (a.disassociated == null) {
            a.disassociated = net.now().plus(TRANSITION);
            if (a.associated.isAfter(net.now())) {
                a.associated = net.now();
            }
        }
        return DisassociateSecurityGroupVpcResponse.builder().state(state(a)).build();
    }

    public DescribeSecurityGroupVpcAssociationsResponse describeSecurityGroupVpcAssociations(
            DescribeSecurityGroupVpcAssociationsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<Row> rows = new ArrayList<>();
        for (SecurityGroup g : s.securityGroups.values()) {
            for (SecurityGroupVpcAssociation a : g.vpcAssociations) {
                rows.add(new Row(g, a));
            }
        }
        var page = Pagination.page(rows.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeSecurityGroupVpcAssociationsResponse.builder()
                .securityGroupVpcAssociations(page.items().stream().map(x -> software.amazon.awssdk.services.ec2
                        .model.SecurityGroupVpcAssociation.builder().groupId(x.group.id).groupOwnerId(x.group.ownerId)
                        .vpcId(x.association.vpcId).vpcOwnerId(x.association.vpcOwnerId)
                        .state(state(x.association)).build()).toList())
                .nextToken(page.nextToken()).build();
    }
}
