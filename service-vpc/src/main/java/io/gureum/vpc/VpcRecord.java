package io.gureum.vpc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One networking resource's record: the resource's fields, whether it is in core's resource registry (a
 * deleted NAT or transit gateway is still described for a while but no longer taggable), and the tags the
 * store's account sees on it (each side of a cross-account peering connection tags its own side).
 */
final class VpcRecord {
    public boolean registered;
    public Map<String, String> tags = new LinkedHashMap<>();
    public Object resource;

    VpcRecord() {
    }

    VpcRecord(boolean registered, Map<String, String> tags, Object resource) {
        this.registered = registered;
        this.tags = new LinkedHashMap<>(tags);
        this.resource = resource;
    }
}
