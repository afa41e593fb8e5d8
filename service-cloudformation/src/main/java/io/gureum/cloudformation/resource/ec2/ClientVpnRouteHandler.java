package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ClientVpnRoute;

/**
 * {@code AWS::EC2::ClientVpnRoute} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-clientvpnroute.html).
 * {@code Ref} and {@code Fn::GetAtt Id} are the route's identifier, which AWS leaves opaque: here the endpoint ID,
 * the destination CIDR and the target subnet joined by {@code |}. Every property replaces the route. Create waits
 * until EC2 reports the route {@code active}, delete until it is gone ({@link Polling}); a route already gone with
 * its target network's association counts as deleted.
 */
public final class ClientVpnRouteHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("ClientVpnEndpointId", "Description", "DestinationCidrBlock",
            "TargetVpcSubnetId");

    @Override
    public String type() {
        return "AWS::EC2::ClientVpnRoute";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    private static Optional<ClientVpnRoute> find(Ec2Client ec2, String endpoint, String cidr, String subnet) {
        return ec2.describeClientVpnRoutes(b -> b.clientVpnEndpointId(endpoint)).routes().stream()
                .filter(x -> x.destinationCidr().equals(cidr) && subnet.equals(x.targetSubnet())
                        && "add-route".equals(x.origin())).findFirst();
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String endpoint = r.requiredText("ClientVpnEndpointId");
        String cidr = r.requiredText("DestinationCidrBlock");
        String subnet = r.requiredText("TargetVpcSubnetId");
        ec2.createClientVpnRoute(b -> b.clientVpnEndpointId(endpoint).destinationCidrBlock(cidr)
                .targetVpcSubnetId(subnet).description(r.text("Description")));
        String id = String.join("|", endpoint, cidr, subnet);
        return Ec2Support.untilState("Client VPN route " + id, () -> find(ec2, endpoint, cidr, subnet).orElse(null),
                x -> x.status().codeAsString(), "active").thenApply(x -> Created.of(id).attribute("Id", id));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String[] parts = r.physicalId().split("\\|", 3);
        if (parts.length != 3) {
            return CompletableFuture.completedFuture(null);
        }
        return Ec2Support.deletingAsync(() -> {
            if (find(ec2, parts[0], parts[1], parts[2]).isEmpty()) {
                return CompletableFuture.completedFuture(null); // gone with its association
            }
            ec2.deleteClientVpnRoute(b -> b.clientVpnEndpointId(parts[0]).destinationCidrBlock(parts[1])
                    .targetVpcSubnetId(parts[2]));
            return Polling.settled("Client VPN route " + r.physicalId(), () -> find(ec2, parts[0], parts[1],
                    parts[2]).isEmpty());
        });
    }
}
