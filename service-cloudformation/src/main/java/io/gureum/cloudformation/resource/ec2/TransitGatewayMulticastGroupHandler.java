package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastGroup;

/**
 * A network interface registered with a multicast group, as a member or a source. Its identifier is the
 * domain, the group address and the interface, so {@code Ref} is
 * {@code <TransitGatewayMulticastDomainId>|<GroupIpAddress>|<NetworkInterfaceId>}; {@code Fn::GetAtt} gives what
 * SearchTransitGatewayMulticastGroups says of it ({@code GroupMember}, {@code GroupSource}, {@code MemberType} or
 * {@code SourceType}, {@code ResourceId}, {@code ResourceType}, {@code SubnetId}, {@code TransitGatewayAttachmentId}).
 * Every property replaces it.
 */
abstract class TransitGatewayMulticastGroupHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("GroupIpAddress", "NetworkInterfaceId",
            "TransitGatewayMulticastDomainId");

    /** Whether this type registers sources (otherwise members). */
    abstract boolean source();

    @Override
    public final Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public final Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String domain = r.requiredText("TransitGatewayMulticastDomainId");
        String group = r.requiredText("GroupIpAddress");
        String eni = r.requiredText("NetworkInterfaceId");
        Ec2Client ec2 = ec2(r);
        if (source()) {
            ec2.registerTransitGatewayMulticastGroupSources(b -> b.transitGatewayMulticastDomainId(domain)
                    .groupIpAddress(group).networkInterfaceIds(eni));
        } else {
            ec2.registerTransitGatewayMulticastGroupMembers(b -> b.transitGatewayMulticastDomainId(domain)
                    .groupIpAddress(group).networkInterfaceIds(eni));
        }
        TransitGatewayMulticastGroup g = ec2.searchTransitGatewayMulticastGroups(b -> b
                .transitGatewayMulticastDomainId(domain).filters(Filter.builder().name("group-ip-address").values(group)
                        .build(), Filter.builder().name(source() ? "is-group-source" : "is-group-member").values("true")
                                .build())).multicastGroups().stream().filter(x -> eni.equals(x.networkInterfaceId()))
                .findFirst().orElseThrow();
        Created c = Created.of(domain + "|" + group + "|" + eni).attribute("GroupMember", String.valueOf(g.groupMember()))
                .attribute("GroupSource", String.valueOf(g.groupSource())).attribute("ResourceId", g.resourceId())
                .attribute("ResourceType", g.resourceTypeAsString()).attribute("SubnetId", g.subnetId())
                .attribute("TransitGatewayAttachmentId", g.transitGatewayAttachmentId());
        return source() ? c.attribute("SourceType", g.sourceTypeAsString())
                : c.attribute("MemberType", g.memberTypeAsString());
    }

    @Override
    public final void delete(ResourceRequest r) {
        String domain = r.text("TransitGatewayMulticastDomainId");
        String group = r.text("GroupIpAddress");
        String eni = r.text("NetworkInterfaceId");
        Ec2Support.deleting(() -> {
            if (source()) {
                ec2(r).deregisterTransitGatewayMulticastGroupSources(b -> b.transitGatewayMulticastDomainId(domain)
                        .groupIpAddress(group).networkInterfaceIds(eni));
            } else {
                ec2(r).deregisterTransitGatewayMulticastGroupMembers(b -> b.transitGatewayMulticastDomainId(domain)
                        .groupIpAddress(group).networkInterfaceIds(eni));
            }
        });
    }
}
