package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * {@code AWS::EC2::SecurityGroupEgress}: one egress rule of a group. {@code Ref} and {@code Fn::GetAtt Id}
 * give the rule's id ({@code sgr-…}). Every property but {@code Description} replaces the rule; a new
 * description is set in place with UpdateSecurityGroupRuleDescriptionsEgress.
 */
public final class SecurityGroupEgressHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "CidrIp", "CidrIpv6", "Description", "DestinationPrefixListId", "DestinationSecurityGroupId", "FromPort",
            "GroupId", "IpProtocol", "ToPort");

    @Override
    public String type() {
        return "AWS::EC2::SecurityGroupEgress";
    }

    @Override
    public Set<String> replacementProperties() {
        return REPLACING;
    }

    private static final Set<String> REPLACING = Set.of("GroupId", "GroupName", "IpProtocol", "FromPort", "ToPort",
            "CidrIp", "CidrIpv6", "SourceSecurityGroupId", "SourceSecurityGroupName", "SourceSecurityGroupOwnerId",
            "SourcePrefixListId", "DestinationSecurityGroupId", "DestinationPrefixListId");

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        IpPermission p = SecurityGroupRules.permission(r.properties(), true);
        String id = ec2(r).authorizeSecurityGroupEgress(b -> b.groupId(r.text("GroupId")).ipPermissions(p))
                .securityGroupRules().get(0).securityGroupRuleId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        IpPermission p = SecurityGroupRules.permission(r.properties(), true);
        ec2.updateSecurityGroupRuleDescriptionsEgress(b -> b.groupId(r.text("GroupId")).ipPermissions(p));
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).revokeSecurityGroupEgress(b -> b.groupId(r.text("GroupId"))
                .securityGroupRuleIds(r.physicalId())));
    }
}
