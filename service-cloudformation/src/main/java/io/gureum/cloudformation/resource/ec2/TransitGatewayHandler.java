package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayOptions;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGateway;

/**
 * {@code AWS::EC2::TransitGateway}. {@code Ref} is the transit gateway id; {@code Fn::GetAtt} gives
 * {@code Id} and {@code TransitGatewayArn}. {@code AmazonSideAsn} and {@code MulticastSupport} replace it; the
 * description, the other options, the default route tables and the CIDR blocks change in place with
 * ModifyTransitGateway (a removed option goes back to AWS's default; CIDR blocks are added and removed by
 * difference); tags change in place.
 */
public final class TransitGatewayHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AmazonSideAsn", "AssociationDefaultRouteTableId", "AutoAcceptSharedAttachments",
            "DefaultRouteTableAssociation", "DefaultRouteTablePropagation", "Description", "DnsSupport",
            "MulticastSupport", "PropagationDefaultRouteTableId", "SecurityGroupReferencingSupport", "Tags",
            "TransitGatewayCidrBlocks", "VpnEcmpSupport");

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
        if (r.has("AssociationDefaultRouteTableId") || r.has("PropagationDefaultRouteTableId")) {
            ec2.modifyTransitGateway(b -> b.transitGatewayId(t.transitGatewayId()).options(o -> o
                    .associationDefaultRouteTableId(r.text("AssociationDefaultRouteTableId"))
                    .propagationDefaultRouteTableId(r.text("PropagationDefaultRouteTableId"))));
        }
        return Created.of(t.transitGatewayId()).attribute("Id", t.transitGatewayId())
                .attribute("TransitGatewayArn", t.transitGatewayArn());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Set<String> changed = r.changedProperties();
        Ec2Client ec2 = ec2(r);
        ModifyTransitGatewayOptions.Builder o = ModifyTransitGatewayOptions.builder();
        boolean modify = false;
        String[][] options = {{"AutoAcceptSharedAttachments", "disable"}, {"DefaultRouteTableAssociation", "enable"},
                {"DefaultRouteTablePropagation", "enable"}, {"DnsSupport", "enable"}, {"VpnEcmpSupport", "enable"},
                {"SecurityGroupReferencingSupport", "disable"}};
        for (String[] option : options) {
            if (changed.contains(option[0])) {
                String value = r.has(option[0]) ? r.text(option[0]) : option[1];
                switch (option[0]) {
                    case "AutoAcceptSharedAttachments" -> o.autoAcceptSharedAttachments(value);
                    case "DefaultRouteTableAssociation" -> o.defaultRouteTableAssociation(value);
                    case "DefaultRouteTablePropagation" -> o.defaultRouteTablePropagation(value);
                    case "DnsSupport" -> o.dnsSupport(value);
                    case "VpnEcmpSupport" -> o.vpnEcmpSupport(value);
                    default -> o.securityGroupReferencingSupport(value);
                }
                modify = true;
            }
        }
        if (changed.contains("AssociationDefaultRouteTableId") && r.has("AssociationDefaultRouteTableId")) {
            o.associationDefaultRouteTableId(r.text("AssociationDefaultRouteTableId"));
            modify = true;
        }
        if (changed.contains("PropagationDefaultRouteTableId") && r.has("PropagationDefaultRouteTableId")) {
            o.propagationDefaultRouteTableId(r.text("PropagationDefaultRouteTableId"));
            modify = true;
        }
        if (changed.contains("TransitGatewayCidrBlocks")) {
            List<String> before = Ec2Support.strings(r.previousProperties().get("TransitGatewayCidrBlocks"));
            List<String> after = Ec2Support.strings(r, "TransitGatewayCidrBlocks");
            List<String> add = new ArrayList<>(after);
            add.removeAll(before);
            List<String> remove = new ArrayList<>(before);
            remove.removeAll(after);
            o.addTransitGatewayCidrBlocks(add.isEmpty() ? null : add)
                    .removeTransitGatewayCidrBlocks(remove.isEmpty() ? null : remove);
            modify = true;
        }
        boolean description = changed.contains("Description");
        if (modify || description) {
            boolean withOptions = modify;
            ec2.modifyTransitGateway(b -> b.transitGatewayId(r.physicalId())
                    .description(description ? (r.has("Description") ? r.text("Description") : "") : null)
                    .options(withOptions ? o.build() : null));
        }
        Ec2Support.retag(r, r.physicalId());
        String arn = ec2.describeTransitGateways(b -> b.transitGatewayIds(r.physicalId())).transitGateways().get(0)
                .transitGatewayArn();
        return Created.of(r.physicalId()).attribute("Id", r.physicalId()).attribute("TransitGatewayArn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTransitGateway(b -> b.transitGatewayId(r.physicalId())));
    }
}
