package io.gureum.vpc.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The stored state of one TransitGatewayRouteTable. */
public final class TransitGatewayRouteTable extends Resource {
    public String transitGatewayId;
    public boolean isDefault;
    public String state = "available";
    public final Set<String> associations = new LinkedHashSet<>();
    public final Set<String> propagations = new LinkedHashSet<>();
    public final Map<String, String> staticRoutes = new LinkedHashMap<>();
    public final Set<String> blackholes = new LinkedHashSet<>();

    public TransitGatewayRouteTable(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "transit-gateway-route-table";
    }
}
