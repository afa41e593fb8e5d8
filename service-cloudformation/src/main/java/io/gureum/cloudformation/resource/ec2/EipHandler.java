package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::EIP}. {@code Ref} is the Elastic IP address; {@code Fn::GetAtt} gives
 * {@code AllocationId} and {@code PublicIp}. {@code Domain}, {@code NetworkBorderGroup},
 * {@code PublicIpv4Pool}, {@code TransferAddress} and {@code Address} replace it; {@code InstanceId} and tags
 * change in place (the address is associated with the new instance).
 */
public final class EipHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Address", "Domain", "InstanceId", "NetworkBorderGroup", "PublicIpv4Pool", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::EIP";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Domain", "NetworkBorderGroup", "PublicIpv4Pool", "TransferAddress", "Address", "IpamPoolId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        AllocateAddressResponse a = ec2.allocateAddress(b -> b.domain(r.has("Domain") ? r.text("Domain") : "vpc")
                .networkBorderGroup(r.text("NetworkBorderGroup")).publicIpv4Pool(r.text("PublicIpv4Pool"))
                .address(r.text("Address")).tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.ELASTIC_IP)));
        if (r.has("InstanceId")) {
            ec2.associateAddress(b -> b.allocationId(a.allocationId()).instanceId(r.text("InstanceId")));
        }
        return Created.of(a.publicIp()).attribute("AllocationId", a.allocationId()).attribute("PublicIp", a.publicIp());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String allocation = allocationId(r);
        if (r.changedProperties().contains("InstanceId")) {
            String before = Ec2Support.text(r.previousProperties(), "InstanceId");
            if (before != null) {
                ec2.describeAddresses(b -> b.allocationIds(allocation)).addresses().stream()
                        .map(x -> x.associationId()).filter(x -> x != null).findFirst()
                        .ifPresent(assoc -> ec2.disassociateAddress(b -> b.associationId(assoc)));
            }
            if (r.has("InstanceId")) {
                ec2.associateAddress(b -> b.allocationId(allocation).instanceId(r.text("InstanceId")));
            }
        }
        Ec2Support.retag(r, allocation);
        return Created.of(r.physicalId()).attribute("AllocationId", allocation).attribute("PublicIp", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String allocation = allocationId(r);
        Ec2Support.deleting(() -> {
            ec2.describeAddresses(b -> b.allocationIds(allocation)).addresses().stream()
                    .map(x -> x.associationId()).filter(x -> x != null).findFirst()
                    .ifPresent(assoc -> ec2.disassociateAddress(b -> b.associationId(assoc)));
            ec2.releaseAddress(b -> b.allocationId(allocation));
        });
    }

    private static String allocationId(ResourceRequest r) {
        JsonNode id = r.attributes().get("AllocationId");
        if (id != null) {
            return id.asText();
        }
        return ec2(r).describeAddresses(b -> b.publicIps(r.physicalId())).addresses().get(0).allocationId();
    }
}
