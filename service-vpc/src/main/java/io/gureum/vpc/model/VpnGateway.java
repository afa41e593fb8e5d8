package io.gureum.vpc.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The stored state of one VpnGateway. */
public final class VpnGateway extends Resource {
    public String type;
    public String availabilityZone;
    public long amazonSideAsn = 64512;
    public String state = "available";
    public final Map<String, String> attachments = new LinkedHashMap<>();

    public VpnGateway(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpn-gateway";
    }
}
