package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayVpcAttachmentRequestOptions;
import software.amazon.awssdk.services.ec2.model.ModifyTransitGatewayVpcAttachmentRequestOptions;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::TransitGatewayAttachment}: a VPC attached to a transit gateway. {@code Ref} is the
 * attachment id; {@code Fn::GetAtt} gives {@code Id}. {@code TransitGatewayId} and {@code VpcId} replace it.
 * Subnets (by difference) and options change in place with ModifyTransitGatewayVpcAttachment (an option left
 * out goes back to AWS's default); tags change in place.
 */
public final class TransitGatewayAttachmentHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Options", "SubnetIds", "Tags", "TransitGatewayId", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayAttachment";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TransitGatewayId", "VpcId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = createVpcAttachment(r);
        return Created.of(id).attribute("Id", id);
    }

    /** Creates a VPC attachment from the properties both attachment types share; returns its ID. */
    static String createVpcAttachment(ResourceRequest r) {
        JsonNode o = r.property("Options");
        return ec2(r).createTransitGatewayVpcAttachment(b -> b.transitGatewayId(r.requiredText("TransitGatewayId"))
                .vpcId(r.requiredText("VpcId")).subnetIds(Ec2Support.strings(r, "SubnetIds"))
                .options(o == null ? null : CreateTransitGatewayVpcAttachmentRequestOptions.builder()
                        .dnsSupport(Ec2Support.text(o, "DnsSupport")).ipv6Support(Ec2Support.text(o, "Ipv6Support"))
                        .applianceModeSupport(Ec2Support.text(o, "ApplianceModeSupport"))
                        .securityGroupReferencingSupport(Ec2Support.text(o, "SecurityGroupReferencingSupport")).build())
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRANSIT_GATEWAY_ATTACHMENT)))
                .transitGatewayVpcAttachment().transitGatewayAttachmentId();
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        List<String> before = Ec2Support.strings(r.previousProperties().get("SubnetIds"));
        List<String> after = Ec2Support.strings(r, "SubnetIds");
        List<String> add = new ArrayList<>(after);
        add.removeAll(before);
        List<String> remove = new ArrayList<>(before);
        remove.removeAll(after);
        modify(r, add, remove, r.changedProperties().contains("Options"));
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    /**
     * ModifyTransitGatewayVpcAttachment with the subnets to add and remove and, when {@code options}, every
     * option of the template (AWS's default for one left out); nothing to change calls nothing.
     */
    static void modify(ResourceRequest r, List<String> add, List<String> remove, boolean options) {
        if (add.isEmpty() && remove.isEmpty() && !options) {
            return;
        }
        JsonNode o = r.property("Options");
        ec2(r).modifyTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(r.physicalId())
                .addSubnetIds(add.isEmpty() ? null : add).removeSubnetIds(remove.isEmpty() ? null : remove)
                .options(!options ? null : ModifyTransitGatewayVpcAttachmentRequestOptions.builder()
                        .dnsSupport(Objects.requireNonNullElse(Ec2Support.text(o, "DnsSupport"), "enable"))
                        .ipv6Support(Objects.requireNonNullElse(Ec2Support.text(o, "Ipv6Support"), "disable"))
                        .applianceModeSupport(Objects.requireNonNullElse(Ec2Support.text(o, "ApplianceModeSupport"),
                                "disable"))
                        .securityGroupReferencingSupport(Objects.requireNonNullElse(
                                Ec2Support.text(o, "SecurityGroupReferencingSupport"), "enable")).build()));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(
                r.physicalId())));
    }
}
