package io.gureum.vpc.model;

import io.gureum.ec2common.ResourceTags;
import java.util.Objects;

/** One rule of a security group, with one peer (CIDR, IPv6 CIDR, prefix list or group). */
public final class SecurityGroupRule {
    /** The type of a rule in its ARN and in DescribeTags. */
    public static final String RESOURCE_TYPE = "security-group-rule";

    public final String id;
    public final boolean egress;
    /** {@code -1}, {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or a protocol number. */
    public final String protocol;
    public final Integer fromPort;
    public final Integer toPort;
    public final String cidrIpv4;
    public final String cidrIpv6;
    public final String prefixListId;
    public final String referencedGroupId;
    public final String referencedGroupOwnerId;
    public String description;
    /**
     * Kept in core's resource registry as {@code security-group-rule/sgr-…} while the rule is in its
     * group. Not final: ModifySecurityGroupRules replaces a rule in place, and the replacement keeps the
     * rule's ID, registration and tags.
     */
    public ResourceTags tags = new ResourceTags();

    public SecurityGroupRule(String id, boolean egress, String protocol, Integer fromPort, Integer toPort,
            String cidrIpv4, String cidrIpv6, String prefixListId, String referencedGroupId,
            String referencedGroupOwnerId, String description) {
        this.id = id;
        this.egress = egress;
        this.protocol = protocol;
        this.fromPort = fromPort;
        this.toPort = toPort;
        this.cidrIpv4 = cidrIpv4;
        this.cidrIpv6 = cidrIpv6;
        this.prefixListId = prefixListId;
        this.referencedGroupId = referencedGroupId;
        this.referencedGroupOwnerId = referencedGroupOwnerId;
        this.description = description;
    }

    /** Two rules are the same rule when everything but the ID, description and tags is equal. */
    public boolean sameAs(SecurityGroupRule o) {
        return egress == o.egress && protocol.equals(o.protocol) && Objects.equals(fromPort, o.fromPort)
                && Objects.equals(toPort, o.toPort) && Objects.equals(cidrIpv4, o.cidrIpv4)
                && Objects.equals(cidrIpv6, o.cidrIpv6) && Objects.equals(prefixListId, o.prefixListId)
                && Objects.equals(referencedGroupId, o.referencedGroupId);
    }

    /** The peer as AWS names it in duplicate-rule messages. */
    public String peer() {
        return cidrIpv4 != null ? cidrIpv4 : cidrIpv6 != null ? cidrIpv6
                : prefixListId != null ? prefixListId : referencedGroupId;
    }
}
