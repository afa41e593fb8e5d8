package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::EgressOnlyInternetGateway}. {@code Ref} is the gateway id; {@code Fn::GetAtt} gives
 * {@code Id}. {@code VpcId} replaces the gateway; tags change in place.
 */
public final class EgressOnlyInternetGatewayHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("VpcId", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::EgressOnlyInternetGateway";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("VpcId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String vpc = r.requiredText("VpcId");
        String id = ec2(r).createEgressOnlyInternetGateway(b -> b.vpcId(vpc)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.EGRESS_ONLY_INTERNET_GATEWAY)))
                .egressOnlyInternetGateway().egressOnlyInternetGatewayId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteEgressOnlyInternetGateway(b -> b
                .egressOnlyInternetGatewayId(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        var g = Ec2Support.described(() -> ec2(r).describeEgressOnlyInternetGateways(b -> b
                .egressOnlyInternetGatewayIds(r.physicalId())).egressOnlyInternetGateways(), found -> false);
        if (g == null) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("VpcId", g.attachments().isEmpty() ? null
                : g.attachments().get(0).vpcId()).result();
    }
}
