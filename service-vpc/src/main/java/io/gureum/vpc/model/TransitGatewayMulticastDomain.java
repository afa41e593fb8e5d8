package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stored state of one transit gateway multicast domain: its subnet associations and group registrations. */
public final class TransitGatewayMulticastDomain extends Resource {
    public String transitGatewayId;
    public String state = "available";
    public String igmpv2Support = "disable";
    public String staticSourcesSupport = "disable";
    public String autoAcceptSharedAssociations = "disable";
    /** Associated subnet → the VPC attachment it came through. */
    public final Map<String, String> subnets = new LinkedHashMap<>();
    public final List<Registration> registrations = new ArrayList<>();

    /** A network interface registered as a static member or source of a group. */
    public static final class Registration {
        public String group;
        public String networkInterfaceId;
        public boolean source;

        public Registration() {
        }

        public Registration(String group, String networkInterfaceId, boolean source) {
            this.group = group;
            this.networkInterfaceId = networkInterfaceId;
            this.source = source;
        }
    }

    public TransitGatewayMulticastDomain(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "transit-gateway-multicast-domain";
    }
}
