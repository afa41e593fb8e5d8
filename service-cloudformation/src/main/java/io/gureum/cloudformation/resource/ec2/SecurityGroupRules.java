package io.gureum.cloudformation.resource.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * A security group rule of a template (the {@code Ingress} and {@code Egress} property types, and the
 * properties of {@code AWS::EC2::SecurityGroupIngress}/{@code Egress}) as EC2's {@code IpPermission}.
 */
final class SecurityGroupRules {
    private SecurityGroupRules() {
    }

    /** The rule as an IpPermission; {@code egress} reads the {@code Destination…} source fields. */
    static IpPermission permission(JsonNode rule, boolean egress) {
        String protocol = Ec2Support.text(rule, "IpProtocol");
        IpPermission.Builder p = IpPermission.builder().ipProtocol(protocol);
        // "-1" (every protocol) takes no ports; CloudFormation passes the template's ports for the others.
        if (!"-1".equals(protocol)) {
            p.fromPort(Ec2Support.integer(rule, "FromPort")).toPort(Ec2Support.integer(rule, "ToPort"));
        }
        String description = Ec2Support.text(rule, "Description");
        String cidr = Ec2Support.text(rule, "CidrIp");
        if (cidr != null) {
            p.ipRanges(IpRange.builder().cidrIp(cidr).description(description).build());
        }
        String cidr6 = Ec2Support.text(rule, "CidrIpv6");
        if (cidr6 != null) {
            p.ipv6Ranges(Ipv6Range.builder().cidrIpv6(cidr6).description(description).build());
        }
        String prefixList = Ec2Support.text(rule, egress ? "DestinationPrefixListId" : "SourcePrefixListId");
        if (prefixList != null) {
            p.prefixListIds(PrefixListId.builder().prefixListId(prefixList).description(description).build());
        }
        String group = Ec2Support.text(rule, egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId");
        String groupName = egress ? null : Ec2Support.text(rule, "SourceSecurityGroupName");
        if (group != null || groupName != null) {
            p.userIdGroupPairs(UserIdGroupPair.builder().groupId(group).groupName(groupName)
                    .userId(egress ? null : Ec2Support.text(rule, "SourceSecurityGroupOwnerId"))
                    .description(description).build());
        }
        return p.build();
    }

    /** The rules of a list property (absent: none). */
    static List<IpPermission> permissions(JsonNode rules, boolean egress) {
        List<IpPermission> out = new ArrayList<>();
        if (rules != null && rules.isArray()) {
            rules.forEach(rule -> out.add(permission(rule, egress)));
        }
        return out;
    }

    /** The egress rule every new VPC security group has: all traffic to 0.0.0.0/0. */
    static IpPermission allowAllEgress() {
        return IpPermission.builder().ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
    }
}
