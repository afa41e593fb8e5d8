package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.LocalGatewayVirtualInterfaceGroup;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::LocalGatewayVirtualInterfaceGroup}. Local gateways exist only on AWS Outposts, which Gureum's
 * accounts have none of: CreateLocalGatewayVirtualInterfaceGroup answers {@code InvalidLocalGatewayID.NotFound}, so
 * the resource fails as it does on an account without Outposts. Were it created, {@code Ref} would be the group id
 * and {@code Fn::GetAtt} would give its id, ARN, interfaces, owner and configuration state.
 */
public final class LocalGatewayVirtualInterfaceGroupHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("LocalGatewayId", "LocalBgpAsn", "LocalBgpAsnExtended", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::LocalGatewayVirtualInterfaceGroup";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LocalGatewayId", "LocalBgpAsn", "LocalBgpAsnExtended");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String extended = r.text("LocalBgpAsnExtended");
        LocalGatewayVirtualInterfaceGroup g = ec2(r).createLocalGatewayVirtualInterfaceGroup(b -> b
                .localGatewayId(r.requiredText("LocalGatewayId")).localBgpAsn(r.integer("LocalBgpAsn"))
                .localBgpAsnExtended(extended == null ? null : Long.valueOf(extended.trim()))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.LOCAL_GATEWAY_VIRTUAL_INTERFACE_GROUP)))
                .localGatewayVirtualInterfaceGroup();
        return Created.of(g.localGatewayVirtualInterfaceGroupId())
                .attribute("LocalGatewayVirtualInterfaceGroupId", g.localGatewayVirtualInterfaceGroupId())
                .attribute("LocalGatewayVirtualInterfaceGroupArn", g.localGatewayVirtualInterfaceGroupArn())
                .attribute("OwnerId", g.ownerId()).attribute("ConfigurationState", g.configurationStateAsString());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("LocalGatewayVirtualInterfaceGroupId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteLocalGatewayVirtualInterfaceGroup(b -> b
                .localGatewayVirtualInterfaceGroupId(r.physicalId())));
    }
}
