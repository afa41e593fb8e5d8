package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The stored state of one RouteTable. */
public final class RouteTable extends Resource {
    public String vpcId;
    public final List<Route> routes = new ArrayList<>();
    public final List<RouteTableAssociation> associations = new ArrayList<>();
    public final Set<String> propagatingVgws = new LinkedHashSet<>();

    public RouteTable(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "route-table";
    }
}
