package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicyEntry;

/**
 * {@code AWS::EC2::TransitGatewayMeteringPolicyEntry}: one rule of a metering policy. Its identifier is the policy
 * and the rule number, so {@code Ref} is {@code <TransitGatewayMeteringPolicyId>|<PolicyRuleNumber>}, as Cloud
 * Control names it; {@code Fn::GetAtt} gives {@code State} and {@code UpdateEffectiveAt}. Every property is
 * create-only in the type's schema (EC2 has no operation changing an entry), so any change replaces it.
 */
public final class TransitGatewayMeteringPolicyEntryHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("TransitGatewayMeteringPolicyId", "PolicyRuleNumber",
            "MeteredAccount", "SourceTransitGatewayAttachmentId", "SourceTransitGatewayAttachmentType",
            "SourceCidrBlock", "SourcePortRange", "DestinationTransitGatewayAttachmentId",
            "DestinationTransitGatewayAttachmentType", "DestinationCidrBlock", "DestinationPortRange", "Protocol");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayMeteringPolicyEntry";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String policy = r.requiredText("TransitGatewayMeteringPolicyId");
        Integer number = r.integer("PolicyRuleNumber");
        TransitGatewayMeteringPolicyEntry e = ec2(r).createTransitGatewayMeteringPolicyEntry(b -> b
                .transitGatewayMeteringPolicyId(policy).policyRuleNumber(number)
                .meteredAccount(r.requiredText("MeteredAccount"))
                .sourceTransitGatewayAttachmentId(r.text("SourceTransitGatewayAttachmentId"))
                .sourceTransitGatewayAttachmentType(r.text("SourceTransitGatewayAttachmentType"))
                .sourceCidrBlock(r.text("SourceCidrBlock")).sourcePortRange(r.text("SourcePortRange"))
                .destinationTransitGatewayAttachmentId(r.text("DestinationTransitGatewayAttachmentId"))
                .destinationTransitGatewayAttachmentType(r.text("DestinationTransitGatewayAttachmentType"))
                .destinationCidrBlock(r.text("DestinationCidrBlock")).destinationPortRange(r.text("DestinationPortRange"))
                .protocol(r.text("Protocol"))).transitGatewayMeteringPolicyEntry();
        return Created.of(policy + "|" + e.policyRuleNumber()).attribute("State", e.stateAsString())
                .attribute("UpdateEffectiveAt", e.updateEffectiveAt() == null ? null : e.updateEffectiveAt().toString());
    }

    @Override
    public void delete(ResourceRequest r) {
        String[] id = r.physicalId().split("\\|", 2);
        Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayMeteringPolicyEntry(b -> b
                .transitGatewayMeteringPolicyId(id[0]).policyRuleNumber(Integer.valueOf(id[1]))));
    }
}
