package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one TransitGatewayAttachment. */
public final class TransitGatewayAttachment extends Resource {
    public String transitGatewayId;
    public String vpcId;
    public final List<String> subnetIds = new ArrayList<>();
    public String state = "available";
    public String associatedRouteTableId;

    public TransitGatewayAttachment(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "transit-gateway-attachment";
    }
}
