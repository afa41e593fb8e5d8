package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.filter;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;

/**
 * {@code AWS::EC2::SubnetNetworkAclAssociation}: moves a subnet from its current network ACL to the given
 * one with ReplaceNetworkAclAssociation. {@code Ref} is the association id; {@code Fn::GetAtt} gives
 * {@code AssociationId}. Both properties replace it. Delete puts the subnet back on its VPC's default ACL,
 * since a subnet is always associated with one.
 */
public final class SubnetNetworkAclAssociationHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "NetworkAclId", "SubnetId");

    @Override
    public String type() {
        return "AWS::EC2::SubnetNetworkAclAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String subnet = r.requiredText("SubnetId");
        String acl = r.requiredText("NetworkAclId");
        String current = currentAssociation(ec2, subnet);
        if (current == null) {
            throw new ResourceFailure("The subnet ID '" + subnet + "' does not exist", "NotFound");
        }
        String id = ec2.replaceNetworkAclAssociation(b -> b.associationId(current).networkAclId(acl))
                .newAssociationId();
        return Created.of(id).attribute("AssociationId", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String subnet = r.text("SubnetId");
        try {
            NetworkAcl now = ec2.describeNetworkAcls(b -> b.filters(filter("association.subnet-id", subnet)))
                    .networkAcls().stream().findFirst().orElse(null);
            if (now == null || Boolean.TRUE.equals(now.isDefault())) {
                return;
            }
            String association = now.associations().stream().filter(a -> subnet.equals(a.subnetId()))
                    .map(a -> a.networkAclAssociationId()).findFirst().orElseThrow();
            if (!association.equals(r.physicalId())) {
                return; // The subnet was moved elsewhere since: this association is already gone.
            }
            String defaultAcl = ec2.describeNetworkAcls(b -> b.filters(filter("vpc-id", now.vpcId()),
                    filter("default", "true"))).networkAcls().get(0).networkAclId();
            ec2.replaceNetworkAclAssociation(b -> b.associationId(association).networkAclId(defaultAcl));
        } catch (AwsServiceException e) {
            if (!Ec2Support.notFound(e)) {
                throw e;
            }
        }
    }

    private static String currentAssociation(Ec2Client ec2, String subnet) {
        return ec2.describeNetworkAcls(b -> b.filters(filter("association.subnet-id", subnet))).networkAcls().stream()
                .flatMap(a -> a.associations().stream()).filter(a -> subnet.equals(a.subnetId()))
                .map(a -> a.networkAclAssociationId()).findFirst().orElse(null);
    }
}
