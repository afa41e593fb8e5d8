package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGateway;

/**
 * {@code AWS::EC2::TransitGateway}. {@code Ref} is the transit gateway id; {@code Fn::GetAtt} gives
 * {@code Id} and {@code TransitGatewayArn}. {@code AmazonSideAsn} and {@code MulticastSupport} replace it.
 * AWS changes the other options in place with ModifyTransitGateway, which Gureum's EC2 does not emulate:
 * such an update fails naming the properties; tags change in place.
 */
public final class TransitGatewayHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AmazonSideAsn", "AutoAcceptSharedAttachments", "DefaultRouteTableAssociation",
            "DefaultRouteTablePropagation", "Description", "DnsSupport", "MulticastSupport",
            "SecurityGroupReferencingSupport", "Tags", "TransitGatewayCidrBlocks", "VpnEcmpSupport");

    @Override
    public String type() {
        return "AWS::EC2::TransitGateway";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AmazonSideAsn", "MulticastSupport");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        TransitGateway t = ec2.createTransitGateway(b -> b.description(r.text("Description"))
                .options(o -> o.amazonSideAsn(r.has("AmazonSideAsn") ? Long.valueOf(r.text("AmazonSideAsn")) : null)
                        .autoAcceptSharedAttachments(r.text("AutoAcceptSharedAttachments"))
                        .defaultRouteTableAssociation(r.text("DefaultRouteTableAssociation"))
                        .defaultRouteTablePropagation(r.text("DefaultRouteTablePropagation"))
                        .dnsSupport(r.text("DnsSupport")).vpnEcmpSupport(r.text("VpnEcmpSupport"))
                        .multicastSupport(r.text("MulticastSupport"))
                        .securityGroupReferencingSupport(r.text("SecurityGroupReferencingSupport"))
                        .transitGatewayCidrBlocks(Ec2Support.strings(r, "TransitGatewayCidrBlocks").isEmpty() ? null
                                : Ec2Support.strings(r, "TransitGatewayCidrBlocks")))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRANSIT_GATEWAY))).transitGateway();
        return Created.of(t.transitGatewayId()).attribute("Id", t.transitGatewayId())
                .attribute("TransitGatewayArn", t.transitGatewayArn());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Set<String> unserved = new TreeSet<>(r.changedProperties());
        unserved.remove("Tags");
        if (!unserved.isEmpty()) {
            throw new ResourceFailure("Gureum does not emulate ModifyTransitGateway: cannot update " + unserved);
        }
        Ec2Support.retag(r, r.physicalId());
        String arn = ec2(r).describeTransitGateways(b -> b.transitGatewayIds(r.physicalId())).transitGateways().get(0)
                .transitGatewayArn();
        return Created.of(r.physicalId()).attribute("Id", r.physicalId()).attribute("TransitGatewayArn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTransitGateway(b -> b.transitGatewayId(r.physicalId())));
    }
}
