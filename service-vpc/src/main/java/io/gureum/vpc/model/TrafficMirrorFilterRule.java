package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one rule of a Traffic Mirror filter. */
public final class TrafficMirrorFilterRule extends Resource {
    public String filterId;
    /** {@code ingress} or {@code egress}. */
    public String direction;
    public int ruleNumber;
    /** {@code accept} or {@code reject}. */
    public String action;
    /** The IANA protocol number; null for all protocols. */
    public Integer protocol;
    public Integer destinationFromPort;
    public Integer destinationToPort;
    public Integer sourceFromPort;
    public Integer sourceToPort;
    public String destinationCidr;
    public String sourceCidr;
    public String description;
    public String clientToken;

    public TrafficMirrorFilterRule(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "traffic-mirror-filter-rule";
    }
}
