package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::InternetGateway}. {@code Ref} is the gateway id; {@code Fn::GetAtt} gives
 * {@code InternetGatewayId}. Only tags, which change in place.
 */
public final class InternetGatewayHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Tags");

    @Override
    public String type() {
        return "AWS::EC2::InternetGateway";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createInternetGateway(b -> b.tagSpecifications(
                Ec2Support.tagSpecs(r, ResourceType.INTERNET_GATEWAY))).internetGateway().internetGatewayId();
        return Created.of(id).attribute("InternetGatewayId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("InternetGatewayId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteInternetGateway(b -> b.internetGatewayId(r.physicalId())));
    }
}
