package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VpnConcentrator;

/**
 * {@code AWS::EC2::VPNConcentrator}. {@code Ref} is the concentrator id; {@code Fn::GetAtt} gives
 * {@code VpnConcentratorId} and {@code TransitGatewayAttachmentId}. {@code TransitGatewayId} and {@code Type}
 * replace it; tags change in place. Create waits until EC2 reports it {@code available} (VPN connections can only be
 * made on it then), delete until {@code deleted}, without holding a thread ({@link Polling}).
 */
public final class VpnConcentratorHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("TransitGatewayId", "Type", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::VPNConcentrator";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TransitGatewayId", "Type");
    }

    private static VpnConcentrator describe(Ec2Client ec2, String id) {
        return ec2.describeVpnConcentrators(b -> b.vpnConcentratorIds(id)).vpnConcentrators().get(0);
    }

    private static Created created(VpnConcentrator c) {
        return Created.of(c.vpnConcentratorId()).attribute("VpnConcentratorId", c.vpnConcentratorId())
                .attribute("TransitGatewayAttachmentId", c.transitGatewayAttachmentId());
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createVpnConcentrator(b -> b.type(r.requiredText("Type"))
                .transitGatewayId(r.requiredText("TransitGatewayId"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPN_CONCENTRATOR))).vpnConcentrator()
                .vpnConcentratorId();
        return Ec2Support.untilState("VPN concentrator " + id, () -> describe(ec2, id), VpnConcentrator::state,
                "available").thenApply(VpnConcentratorHandler::created);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return created(describe(ec2(r), r.physicalId()));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deleteUntilDeleted("VPN concentrator " + id, () -> ec2.deleteVpnConcentrator(b -> b
                .vpnConcentratorId(id)), () -> ec2.describeVpnConcentrators(b -> b.vpnConcentratorIds(id))
                .vpnConcentrators(), VpnConcentrator::state);
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        var c = Ec2Support.described(() -> ec2(r).describeVpnConcentrators(b -> b.vpnConcentratorIds(r.physicalId()))
                .vpnConcentrators(), found -> "deleted".equals(found.state()) || "deleting".equals(found.state()));
        if (c == null) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("TransitGatewayId", c.transitGatewayId())
                .put("Type", c.type()).result();
    }
}
