package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.TargetNetwork;

/**
 * {@code AWS::EC2::ClientVpnTargetNetworkAssociation} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-clientvpntargetnetworkassociation.html).
 * {@code Ref} and {@code Fn::GetAtt Id} are the association ID. Both properties replace it. Create waits until EC2
 * reports the association {@code associated}, delete until it is gone, neither holding a thread ({@link Polling}).
 */
public final class ClientVpnTargetNetworkAssociationHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("ClientVpnEndpointId", "SubnetId");

    @Override
    public String type() {
        return "AWS::EC2::ClientVpnTargetNetworkAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    private static List<TargetNetwork> find(Ec2Client ec2, String endpoint, String association) {
        return ec2.describeClientVpnTargetNetworks(b -> b.clientVpnEndpointId(endpoint).associationIds(association))
                .clientVpnTargetNetworks();
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String endpoint = r.requiredText("ClientVpnEndpointId");
        String subnet = r.requiredText("SubnetId");
        String id = ec2.associateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(endpoint).subnetId(subnet))
                .associationId();
        return Polling.settled("Client VPN target network association " + id, () -> find(ec2, endpoint, id).stream()
                .anyMatch(t -> "associated".equals(t.status().codeAsString())))
                .thenApply(x -> Created.of(id).attribute("Id", id));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String endpoint = r.text("ClientVpnEndpointId");
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.disassociateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(endpoint).associationId(id));
            return Polling.settled("Client VPN target network association " + id, () -> find(ec2, endpoint, id)
                    .isEmpty());
        });
    }
}
