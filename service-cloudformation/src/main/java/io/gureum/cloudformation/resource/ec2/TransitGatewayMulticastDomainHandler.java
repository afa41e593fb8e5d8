package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMulticastDomain;

/**
 * {@code AWS::EC2::TransitGatewayMulticastDomain}. {@code Ref} is the domain id; {@code Fn::GetAtt} gives
 * {@code TransitGatewayMulticastDomainId}, {@code TransitGatewayMulticastDomainArn}, {@code State} and
 * {@code CreationTime}. EC2 has no call that changes a domain's options, so {@code TransitGatewayId} and
 * {@code Options} replace it; tags change in place.
 */
public final class TransitGatewayMulticastDomainHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("Options", "Tags", "TransitGatewayId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayMulticastDomain";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Options", "TransitGatewayId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode o = r.property("Options");
        String id = ec2(r).createTransitGatewayMulticastDomain(b -> b.transitGatewayId(r.requiredText("TransitGatewayId"))
                .options(o == null ? null : x -> x.igmpv2Support(Ec2Support.text(o, "Igmpv2Support"))
                        .staticSourcesSupport(Ec2Support.text(o, "StaticSourcesSupport"))
                        .autoAcceptSharedAssociations(Ec2Support.text(o, "AutoAcceptSharedAssociations")))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRANSIT_GATEWAY_MULTICAST_DOMAIN)))
                .transitGatewayMulticastDomain().transitGatewayMulticastDomainId();
        return attributes(r, id);
    }

    private static Created attributes(ResourceRequest r, String id) {
        TransitGatewayMulticastDomain d = ec2(r).describeTransitGatewayMulticastDomains(b -> b
                .transitGatewayMulticastDomainIds(id)).transitGatewayMulticastDomains().get(0);
        return Created.of(id).attribute("TransitGatewayMulticastDomainId", id)
                .attribute("TransitGatewayMulticastDomainArn", d.transitGatewayMulticastDomainArn())
                .attribute("State", d.stateAsString()).attribute("CreationTime", d.creationTime().toString());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return attributes(r, r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayMulticastDomain(b -> b
                .transitGatewayMulticastDomainId(r.physicalId())));
    }
}
