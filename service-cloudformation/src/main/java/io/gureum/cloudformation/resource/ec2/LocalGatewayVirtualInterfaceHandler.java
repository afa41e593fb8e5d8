package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.LocalGatewayVirtualInterface;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::LocalGatewayVirtualInterface}. Local gateways exist only on AWS Outposts, which Gureum's accounts
 * have none of, so no virtual interface group exists either: CreateLocalGatewayVirtualInterface answers
 * {@code InvalidLocalGatewayVirtualInterfaceGroupID.NotFound} and the resource fails as it does on an account without
 * Outposts. Were it created, {@code Ref} would be the interface id.
 */
public final class LocalGatewayVirtualInterfaceHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("LocalGatewayVirtualInterfaceGroupId", "OutpostLagId", "Vlan",
            "LocalAddress", "PeerAddress", "PeerBgpAsn", "PeerBgpAsnExtended", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::LocalGatewayVirtualInterface";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LocalGatewayVirtualInterfaceGroupId", "OutpostLagId", "Vlan", "LocalAddress", "PeerAddress",
                "PeerBgpAsn", "PeerBgpAsnExtended");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String extended = r.text("PeerBgpAsnExtended");
        LocalGatewayVirtualInterface i = ec2(r).createLocalGatewayVirtualInterface(b -> b
                .localGatewayVirtualInterfaceGroupId(r.requiredText("LocalGatewayVirtualInterfaceGroupId"))
                .outpostLagId(r.requiredText("OutpostLagId")).vlan(r.integer("Vlan"))
                .localAddress(r.requiredText("LocalAddress")).peerAddress(r.requiredText("PeerAddress"))
                .peerBgpAsn(r.integer("PeerBgpAsn"))
                .peerBgpAsnExtended(extended == null ? null : Long.valueOf(extended.trim()))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.LOCAL_GATEWAY_VIRTUAL_INTERFACE)))
                .localGatewayVirtualInterface();
        return Created.of(i.localGatewayVirtualInterfaceId())
                .attribute("LocalGatewayVirtualInterfaceId", i.localGatewayVirtualInterfaceId())
                .attribute("LocalGatewayId", i.localGatewayId()).attribute("OwnerId", i.ownerId())
                .attribute("ConfigurationState", i.configurationStateAsString());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("LocalGatewayVirtualInterfaceId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteLocalGatewayVirtualInterface(b -> b
                .localGatewayVirtualInterfaceId(r.physicalId())));
    }
}
