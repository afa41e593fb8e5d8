package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored state of one IPAM pool: the CIDRs provisioned to it (a nested pool's come from its source pool, where
 * they are allocations of type {@code ipam-pool}) and the allocations made from them.
 */
public final class IpamPool extends Resource {
    /** One CIDR provisioned to the pool; its state follows the clock from the two instants. */
    public static final class PoolCidr {
        public String id;
        public String cidr;
        public Instant provisionRequested;
        public Instant deprovisionRequested;
        public String clientToken;
        /** Why provisioning failed ({@code cidr-not-available}), with AWS's message; null if it did not. */
        public String failureCode;
        public String failureMessage;
        /** The allocation this CIDR is in its source pool (a nested pool's CIDR), or null. */
        public String sourceAllocationId;
    }

    /** One allocation from the pool: to a resource (a VPC, a nested pool) or manual ({@code custom}). */
    public static final class Allocation {
        public String id;
        public String cidr;
        public String description;
        public String resourceId;
        public String resourceType;
        public String resourceRegion;
        public String resourceOwner;
        public String clientToken;
        public final Map<String, String> tags = new LinkedHashMap<>();
    }

    public String ipamId;
    public String scopeId;
    public String scopeType;
    public String sourcePoolId;
    public int depth = 1;
    public String locale;
    public String description;
    public String addressFamily;
    public Boolean autoImport;
    public Boolean publiclyAdvertisable;
    public Integer allocationMinNetmaskLength;
    public Integer allocationMaxNetmaskLength;
    public Integer allocationDefaultNetmaskLength;
    public final Map<String, String> allocationResourceTags = new LinkedHashMap<>();
    public String awsService;
    public String publicIpSource;
    public String clientToken;
    public final List<PoolCidr> cidrs = new ArrayList<>();
    public final List<Allocation> allocations = new ArrayList<>();
    public Instant modified;
    public Instant deleteRequested;

    public IpamPool(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "ipam-pool";
    }

    @Override
    public boolean global() {
        return true;
    }
}
