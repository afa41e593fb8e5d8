package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one Traffic Mirror filter; its rules are {@link TrafficMirrorFilterRule}s of their own. */
public final class TrafficMirrorFilter extends Resource {
    public String description;
    /** The network services mirrored besides the rules' traffic ({@code amazon-dns}). */
    public final List<String> networkServices = new ArrayList<>();
    public String clientToken;

    public TrafficMirrorFilter(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "traffic-mirror-filter";
    }
}
