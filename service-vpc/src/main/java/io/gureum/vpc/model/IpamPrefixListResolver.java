package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The stored state of one IPAM prefix list resolver: its CIDR selection rules and the versions (the CIDRs its rules
 * selected, each time that set changed). Its state follows the clock from {@link #created}, {@link #modified} and
 * {@link #deleteRequested}.
 */
public final class IpamPrefixListResolver extends Resource {
    /** One condition of a rule; all the conditions of a rule must hold. */
    public static final class Condition {
        public String operation;
        public String ipamPoolId;
        public String resourceId;
        public String resourceOwner;
        public String resourceRegion;
        public String tagKey;
        public String tagValue;
        public String cidr;
    }

    /** One CIDR selection rule; a CIDR any rule selects is in the resolver's version. */
    public static final class Rule {
        public String ruleType;
        public String staticCidr;
        public String ipamScopeId;
        public String resourceType;
        public final List<Condition> conditions = new ArrayList<>();
    }

    public String ipamId;
    public String description;
    public String addressFamily;
    public String clientToken;
    public final List<Rule> rules = new ArrayList<>();
    /** Version number to the CIDRs selected, in address order. */
    public final TreeMap<Long, List<String>> versions = new TreeMap<>();
    public Instant modified;
    public Instant deleteRequested;

    public IpamPrefixListResolver(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "ipam-prefix-list-resolver";
    }

    @Override
    public boolean global() {
        return true;
    }
}
