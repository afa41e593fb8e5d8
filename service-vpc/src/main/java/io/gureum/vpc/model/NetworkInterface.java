package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one NetworkInterface. */
public final class NetworkInterface extends Resource {
    public String subnetId;
    public String vpcId;
    public String availabilityZone;
    public String privateIp;
    public final List<String> secondaryPrivateIps = new ArrayList<>();
    public final List<String> ipv6Addresses = new ArrayList<>();
    /** IPv6 /80 prefixes delegated to the interface (AssignIpv6Addresses' Ipv6Prefixes, Ipv6PrefixCount). */
    public final List<String> ipv6Prefixes = new ArrayList<>();
    public String macAddress;
    public String description = "";
    public final List<String> groupIds = new ArrayList<>();
    /** The permissions CreateNetworkInterfacePermission granted on the interface. */
    public final List<NetworkInterfacePermission> permissions = new ArrayList<>();
    public String interfaceType = "interface";
    public boolean requesterManaged;
    public String requesterId;
    public boolean sourceDestCheck = true;
    public String attachmentId;
    public String attachedInstanceId;
    public Integer deviceIndex;
    public Instant attachTime;
    public String attachmentStatus;
    public boolean deleteOnTermination;
    public String publicIp;
    public String publicIpAllocationId;
    /**
     * Whether the interface asked for an Amazon public IPv4 address (ModifyNetworkInterfaceAttribute's
     * AssociatePublicIpAddress; RunInstances' public IP): it holds one whenever no Elastic IP is mapped to
     * its primary address.
     */
    public boolean autoPublicIp;

    public NetworkInterface(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "network-interface";
    }
}
