package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The stored state of one PrefixList. */
public final class PrefixList extends Resource {
    public String name;
    public String addressFamily = "IPv4";
    public final List<String> cidrs = new ArrayList<>();
    /** Each entry's description, by CIDR, where one was given. */
    public final Map<String, String> descriptions = new HashMap<>();
    public boolean awsManaged;
    public int maxEntries;
    public long version = 1;
    public String state = "create-complete";
    /**
     * The entries of each version of a customer-managed list (CIDR to description, "" for none), for
     * RestoreManagedPrefixListVersion; lists recorded before versions were kept have only later ones.
     */
    public final java.util.TreeMap<Long, java.util.LinkedHashMap<String, String>> versions = new java.util.TreeMap<>();

    public PrefixList(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "prefix-list";
    }
}
