package io.gureum.vpc.reachability;

/** An inclusive range of ports; {@code null} bounds in rules mean every port. */
record PortRange(int from, int to) {
    static final PortRange ALL = new PortRange(0, 65535);
    /** The ephemeral ports a client's connection comes from, as NAT gateways remap them (REMAP_EPHEMERAL_PORT). */
    static final PortRange EPHEMERAL = new PortRange(1024, 65535);

    static PortRange of(Integer from, Integer to) {
        if (from == null && to == null) {
            return ALL;
        }
        int f = from == null || from < 0 ? 0 : from;
        int t = to == null || to < 0 ? 65535 : to;
        return new PortRange(f, t);
    }

    /** The common ports, or null when none. */
    PortRange intersect(PortRange o) {
        int f = Math.max(from, o.from);
        int t = Math.min(to, o.to);
        return f > t ? null : new PortRange(f, t);
    }

    boolean covers(PortRange o) {
        return from <= o.from && to >= o.to;
    }

    software.amazon.awssdk.services.ec2.model.PortRange toSdk() {
        return software.amazon.awssdk.services.ec2.model.PortRange.builder().from(from).to(to).build();
    }
}
