package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one Traffic Mirror session: source interface, target, filter, number and VXLAN ID. */
public final class TrafficMirrorSession extends Resource {
    public String networkInterfaceId;
    public String targetId;
    public String filterId;
    /** Bytes of each packet mirrored; null for the whole packet. */
    public Integer packetLength;
    public int sessionNumber;
    public int virtualNetworkId;
    public String description;
    public String clientToken;

    public TrafficMirrorSession(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "traffic-mirror-session";
    }
}
