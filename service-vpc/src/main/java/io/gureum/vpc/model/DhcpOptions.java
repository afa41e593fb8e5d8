package io.gureum.vpc.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stored state of one DHCP option set: its options (key to values) in the order they were given. */
public final class DhcpOptions extends Resource {
    public final Map<String, List<String>> configurations = new LinkedHashMap<>();
    /** The set the region's VPCs get at creation (https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html). */
    public boolean isDefault;

    public DhcpOptions(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "dhcp-options";
    }
}
