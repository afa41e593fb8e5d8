package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::VPNGateway}: a virtual private gateway. {@code Ref} is its id; {@code Fn::GetAtt} gives
 * {@code VPNGatewayId}. {@code Type} and {@code AmazonSideAsn} replace it; tags change in place. It is
 * attached to a VPC with {@code AWS::EC2::VPCGatewayAttachment}.
 */
public final class VpnGatewayHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("AmazonSideAsn", "Tags", "Type");

    @Override
    public String type() {
        return "AWS::EC2::VPNGateway";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AmazonSideAsn", "Type");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String asn = r.text("AmazonSideAsn");
        String id = ec2(r).createVpnGateway(b -> b.type(r.requiredText("Type"))
                .amazonSideAsn(asn == null ? null : Long.valueOf(asn.trim()))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPN_GATEWAY))).vpnGateway().vpnGatewayId();
        return Created.of(id).attribute("VPNGatewayId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("VPNGatewayId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteVpnGateway(b -> b.vpnGatewayId(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        var g = Ec2Support.described(() -> ec2(r).describeVpnGateways(b -> b.vpnGatewayIds(r.physicalId()))
                .vpnGateways(), found -> "deleted".equals(found.stateAsString()));
        if (g == null) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("Type", g.typeAsString())
                .put("AmazonSideAsn", g.amazonSideAsn()).result();
    }
}
