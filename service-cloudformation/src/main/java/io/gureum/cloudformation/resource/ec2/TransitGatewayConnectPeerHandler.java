package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachmentBgpConfiguration;
import software.amazon.awssdk.services.ec2.model.TransitGatewayConnectPeer;

/**
 * {@code AWS::EC2::TransitGatewayConnectPeer}: a Connect peer of a Connect attachment. {@code Ref} is the
 * Connect peer id; {@code Fn::GetAtt} gives {@code TransitGatewayConnectPeerId}, {@code State},
 * {@code CreationTime}, {@code ConnectPeerConfiguration.Protocol} and {@code ConnectPeerConfiguration.BgpConfigurations}.
 * {@code ConnectPeerConfiguration} gives {@code PeerAddress}, {@code InsideCidrBlocks}, optionally
 * {@code TransitGatewayAddress}, and the peer ASN as the first {@code BgpConfigurations} entry's {@code PeerAsn}
 * (the other entries' fields are read-only on AWS). Every property but tags replaces it.
 */
public final class TransitGatewayConnectPeerHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("ConnectPeerConfiguration", "Tags", "TransitGatewayAttachmentId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayConnectPeer";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ConnectPeerConfiguration", "TransitGatewayAttachmentId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode c = r.property("ConnectPeerConfiguration");
        if (c == null || Ec2Support.text(c, "PeerAddress") == null || c.get("InsideCidrBlocks") == null) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #/ConnectPeerConfiguration: required key [PeerAddress, InsideCidrBlocks] not found");
        }
        JsonNode bgp = c.path("BgpConfigurations").path(0).get("PeerAsn");
        String id = ec2(r).createTransitGatewayConnectPeer(b -> b
                .transitGatewayAttachmentId(r.requiredText("TransitGatewayAttachmentId"))
                .peerAddress(Ec2Support.text(c, "PeerAddress"))
                .transitGatewayAddress(Ec2Support.text(c, "TransitGatewayAddress"))
                .insideCidrBlocks(Ec2Support.strings(c.get("InsideCidrBlocks")))
                .bgpOptions(bgp == null ? null : o -> o.peerAsn(Long.valueOf(bgp.asText().trim())))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRANSIT_GATEWAY_CONNECT_PEER)))
                .transitGatewayConnectPeer().transitGatewayConnectPeerId();
        return attributes(r, id);
    }

    private static Created attributes(ResourceRequest r, String id) {
        TransitGatewayConnectPeer p = ec2(r).describeTransitGatewayConnectPeers(b -> b.transitGatewayConnectPeerIds(id))
                .transitGatewayConnectPeers().get(0);
        ArrayNode bgp = JsonNodeFactory.instance.arrayNode();
        for (TransitGatewayAttachmentBgpConfiguration b : p.connectPeerConfiguration().bgpConfigurations()) {
            ObjectNode o = bgp.addObject();
            o.put("TransitGatewayAsn", b.transitGatewayAsn());
            o.put("PeerAsn", b.peerAsn());
            o.put("TransitGatewayAddress", b.transitGatewayAddress());
            o.put("PeerAddress", b.peerAddress());
            o.put("BgpStatus", b.bgpStatusAsString());
        }
        return Created.of(id).attribute("TransitGatewayConnectPeerId", id).attribute("State", p.stateAsString())
                .attribute("CreationTime", p.creationTime().toString())
                .attribute("ConnectPeerConfiguration.Protocol", p.connectPeerConfiguration().protocolAsString())
                .attribute("ConnectPeerConfiguration.BgpConfigurations", bgp);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return attributes(r, r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayConnectPeer(b -> b
                .transitGatewayConnectPeerId(r.physicalId())));
    }
}
