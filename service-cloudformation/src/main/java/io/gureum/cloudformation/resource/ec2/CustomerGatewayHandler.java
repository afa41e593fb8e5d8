package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::CustomerGateway}. {@code Ref} is its id; {@code Fn::GetAtt} gives
 * {@code CustomerGatewayId}. Every property but the tags replaces it; tags change in place.
 */
public final class CustomerGatewayHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("BgpAsn", "BgpAsnExtended", "CertificateArn", "DeviceName",
            "IpAddress", "Tags", "Type");

    @Override
    public String type() {
        return "AWS::EC2::CustomerGateway";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("BgpAsn", "BgpAsnExtended", "CertificateArn", "DeviceName", "IpAddress", "Type");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String extended = r.text("BgpAsnExtended");
        String id = ec2(r).createCustomerGateway(b -> b.type(r.requiredText("Type")).ipAddress(r.text("IpAddress"))
                .bgpAsn(r.integer("BgpAsn")).bgpAsnExtended(extended == null ? null : Long.valueOf(extended.trim()))
                .certificateArn(r.text("CertificateArn")).deviceName(r.text("DeviceName"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.CUSTOMER_GATEWAY)))
                .customerGateway().customerGatewayId();
        return Created.of(id).attribute("CustomerGatewayId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("CustomerGatewayId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteCustomerGateway(b -> b.customerGatewayId(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        var g = Ec2Support.described(() -> ec2(r).describeCustomerGateways(b -> b.customerGatewayIds(r.physicalId()))
                .customerGateways(), found -> "deleted".equals(found.state()));
        if (g == null) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("Type", g.type())
                .put("IpAddress", g.ipAddress()).put("BgpAsn", g.bgpAsn()).put("BgpAsnExtended", g.bgpAsnExtended())
                .put("CertificateArn", g.certificateArn()).put("DeviceName", g.deviceName()).result();
    }
}
