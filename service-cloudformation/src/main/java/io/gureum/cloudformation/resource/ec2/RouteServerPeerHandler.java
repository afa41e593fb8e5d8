package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import io.gureum.core.ids.Arn;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteServerPeer;

/**
 * {@code AWS::EC2::RouteServerPeer} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-routeserverpeer.html).
 * {@code Ref} is the peer ID; {@code Fn::GetAtt} gives {@code Arn}, {@code Id}, {@code RouteServerId},
 * {@code EndpointEniId}, {@code EndpointEniAddress}, {@code SubnetId} and {@code VpcId}. {@code BgpOptions}
 * ({@code PeerAsn}, {@code PeerLivenessDetection}), {@code PeerAddress} and {@code RouteServerEndpointId} replace
 * it; tags change in place. Create waits until EC2 reports the peer {@code available} (its BGP session stays
 * {@code down}: no BGP speaker ever connects in Gureum), delete until {@code deleted} ({@link Polling}).
 */
public final class RouteServerPeerHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("BgpOptions", "PeerAddress", "RouteServerEndpointId", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::RouteServerPeer";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("BgpOptions", "PeerAddress", "RouteServerEndpointId");
    }

    private static RouteServerPeer describe(Ec2Client ec2, String id) {
        return ec2.describeRouteServerPeers(b -> b.routeServerPeerIds(id)).routeServerPeers().get(0);
    }

    private static Created created(ResourceRequest r, RouteServerPeer p) {
        String id = p.routeServerPeerId();
        return Created.of(id).attribute("Id", id).attribute("RouteServerId", p.routeServerId())
                .attribute("EndpointEniId", p.endpointEniId()).attribute("EndpointEniAddress", p.endpointEniAddress())
                .attribute("SubnetId", p.subnetId()).attribute("VpcId", p.vpcId())
                .attribute("Arn", Arn.of(r.partition(), "ec2", r.stack().region(), r.stack().accountId(),
                        "route-server-peer/" + id).toString());
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        JsonNode bgp = r.property("BgpOptions");
        if (bgp == null || !bgp.isObject()) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #: required key [BgpOptions] not found");
        }
        String asn = Ec2Support.text(bgp, "PeerAsn");
        Long peerAsn;
        try {
            peerAsn = asn == null ? null : Long.valueOf(asn.trim());
        } catch (NumberFormatException e) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #/BgpOptions/PeerAsn: expected type: Integer, found: String");
        }
        String liveness = Ec2Support.text(bgp, "PeerLivenessDetection");
        String id = ec2.createRouteServerPeer(b -> b.routeServerEndpointId(r.requiredText("RouteServerEndpointId"))
                .peerAddress(r.requiredText("PeerAddress"))
                .bgpOptions(o -> o.peerAsn(peerAsn).peerLivenessDetection(liveness))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.ROUTE_SERVER_PEER))).routeServerPeer()
                .routeServerPeerId();
        return Ec2Support.untilState("route server peer " + id, () -> describe(ec2, id), RouteServerPeer::stateAsString,
                "available").thenApply(p -> created(r, p));
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return created(r, describe(ec2(r), r.physicalId()));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteRouteServerPeer(b -> b.routeServerPeerId(id));
            return Polling.settled("route server peer " + id, () -> "deleted".equals(describe(ec2, id)
                    .stateAsString()));
        });
    }
}
