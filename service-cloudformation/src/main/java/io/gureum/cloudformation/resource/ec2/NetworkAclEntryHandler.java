package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.IcmpTypeCode;
import software.amazon.awssdk.services.ec2.model.PortRange;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclEntryRequest;

/**
 * {@code AWS::EC2::NetworkAclEntry}. {@code Ref} is the entry's generated name; {@code Fn::GetAtt} gives
 * {@code Id} (the same). {@code NetworkAclId}, {@code RuleNumber} and {@code Egress} replace the entry; the
 * others change in place with ReplaceNetworkAclEntry. {@code Protocol} {@code -1} means every protocol;
 * TCP (6) and UDP (17) need {@code PortRange}, ICMP (1) {@code Icmp}.
 */
public final class NetworkAclEntryHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "CidrBlock", "Egress", "Icmp", "Ipv6CidrBlock", "NetworkAclId", "PortRange", "Protocol", "RuleAction",
            "RuleNumber");

    @Override
    public String type() {
        return "AWS::EC2::NetworkAclEntry";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("NetworkAclId", "RuleNumber", "Egress");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        ec2(r).createNetworkAclEntry(CreateNetworkAclEntryRequest.builder().networkAclId(r.requiredText("NetworkAclId"))
                .ruleNumber(r.integer("RuleNumber")).egress(Boolean.TRUE.equals(r.bool("Egress")))
                .protocol(r.requiredText("Protocol")).ruleAction(r.requiredText("RuleAction"))
                .cidrBlock(r.text("CidrBlock")).ipv6CidrBlock(r.text("Ipv6CidrBlock"))
                .portRange(portRange(r.property("PortRange"))).icmpTypeCode(icmp(r.property("Icmp"))).build());
        String id = r.generatedName(255);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        ec2(r).replaceNetworkAclEntry(ReplaceNetworkAclEntryRequest.builder().networkAclId(r.requiredText("NetworkAclId"))
                .ruleNumber(r.integer("RuleNumber")).egress(Boolean.TRUE.equals(r.bool("Egress")))
                .protocol(r.requiredText("Protocol")).ruleAction(r.requiredText("RuleAction"))
                .cidrBlock(r.text("CidrBlock")).ipv6CidrBlock(r.text("Ipv6CidrBlock"))
                .portRange(portRange(r.property("PortRange"))).icmpTypeCode(icmp(r.property("Icmp"))).build());
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteNetworkAclEntry(b -> b.networkAclId(r.text("NetworkAclId"))
                .ruleNumber(r.integer("RuleNumber")).egress(Boolean.TRUE.equals(r.bool("Egress")))));
    }

    private static PortRange portRange(JsonNode p) {
        return p == null ? null
                : PortRange.builder().from(Ec2Support.integer(p, "From")).to(Ec2Support.integer(p, "To")).build();
    }

    private static IcmpTypeCode icmp(JsonNode p) {
        return p == null ? null
                : IcmpTypeCode.builder().code(Ec2Support.integer(p, "Code")).type(Ec2Support.integer(p, "Type")).build();
    }
}
