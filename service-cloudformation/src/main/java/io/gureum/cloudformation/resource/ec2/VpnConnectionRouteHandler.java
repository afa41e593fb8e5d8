package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code AWS::EC2::VPNConnectionRoute}: a static route of a VPN connection toward the customer network. EC2 gives a
 * static route no ID of its own; it is known by its connection and destination, so {@code Ref} is
 * {@code <VpnConnectionId>|<DestinationCidrBlock>}; it has no {@code Fn::GetAtt} attribute. Both properties replace
 * it. Create waits until EC2 reports the route {@code available}, without holding a thread ({@link Polling}).
 */
public final class VpnConnectionRouteHandler implements AsyncResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("DestinationCidrBlock", "VpnConnectionId");

    @Override
    public String type() {
        return "AWS::EC2::VPNConnectionRoute";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    private static String state(Ec2Client ec2, String connection, String cidr) {
        return ec2.describeVpnConnections(b -> b.vpnConnectionIds(connection)).vpnConnections().get(0).routes()
                .stream().filter(x -> cidr.equals(x.destinationCidrBlock())).map(x -> x.stateAsString()).findFirst()
                .orElse(null);
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String connection = r.requiredText("VpnConnectionId");
        String cidr = r.requiredText("DestinationCidrBlock");
        ec2.createVpnConnectionRoute(b -> b.vpnConnectionId(connection).destinationCidrBlock(cidr));
        return Polling.settled("VPN connection route " + cidr, () -> "available".equals(state(ec2, connection,
                cidr))).thenApply(x -> Created.of(connection + "|" + cidr));
    }

    @Override
    public void delete(ResourceRequest r) {
        String id = r.physicalId();
        int bar = id.indexOf('|');
        Ec2Support.deleting(() -> ec2(r).deleteVpnConnectionRoute(b -> b.vpnConnectionId(id.substring(0, bar))
                .destinationCidrBlock(id.substring(bar + 1))));
    }
}
