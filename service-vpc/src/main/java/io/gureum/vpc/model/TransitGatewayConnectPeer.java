package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one Connect peer (a GRE tunnel with BGP sessions) of a Connect attachment. */
public final class TransitGatewayConnectPeer extends Resource {
    public String attachmentId;
    public String state = "available";
    public String transitGatewayAddress;
    public String peerAddress;
    public final List<String> insideCidrBlocks = new ArrayList<>();
    public long peerAsn;
    public long transitGatewayAsn;
    public String protocol = "gre";

    public TransitGatewayConnectPeer(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "transit-gateway-connect-peer";
    }
}
