package io.gureum.elb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A load balancer as stored (and journaled as JSON): mutable, guarded by the state's lock. */
public final class StoredLoadBalancer {
    public String arn;
    public String name;
    /** {@code application}, {@code network} or {@code gateway}. */
    public String type;
    public String scheme;
    public String vpcId;
    public String ipAddressType;
    public String dnsName;
    public String hostedZoneId;
    public Instant created;
    /** When the load balancer leaves {@code provisioning} for {@code active} on the core clock. */
    public Instant activeAt;
    public List<String> securityGroups = new ArrayList<>();
    public List<Zone> zones = new ArrayList<>();
    public Map<String, String> attributes = new LinkedHashMap<>();
    public String enforceSecurityGroupInboundRulesOnPrivateLinkTraffic;
    public String enablePrefixForIpv6SourceNat;

    /** One subnet the load balancer has a node in. */
    public static final class Zone {
        public String zoneName;
        public String subnetId;
        public String allocationId;
        public String ipAddress;
        public String privateIpv4Address;
        public String ipv6Address;
    }

    /** The short type AWS puts in ARNs and full names: {@code app}, {@code net} or {@code gwy}. */
    static String shortType(String type) {
        return switch (type) {
            case "network" -> "net";
            case "gateway" -> "gwy";
            default -> "app";
        };
    }

    /** {@code app/name/id}: what CloudFormation's LoadBalancerFullName and CloudWatch's dimension name. */
    String fullName() {
        return arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
    }

    /** The state on the core clock. */
    String state(Instant now) {
        return now.isBefore(activeAt) ? "provisioning" : "active";
    }
}
