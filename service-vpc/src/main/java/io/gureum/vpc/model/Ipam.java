package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of one IPAM (VPC IP Address Manager): its home region is the store's, its operating regions
 * those it manages. It owns its two default scopes and its default resource discovery and association, created
 * with it. Its state follows the clock from {@link #created}, {@link #modified} and {@link #deleteRequested}.
 */
public final class Ipam extends Resource {
    public String description;
    public String tier = "advanced";
    public final List<String> operatingRegions = new ArrayList<>();
    public String publicDefaultScopeId;
    public String privateDefaultScopeId;
    public String defaultResourceDiscoveryId;
    public String defaultResourceDiscoveryAssociationId;
    public String clientToken;
    public Boolean enablePrivateGua;
    public String meteredAccount;
    /** When ModifyIpam last changed it; null if never. */
    public Instant modified;
    /** When DeleteIpam was called; null while the IPAM is not being deleted. */
    public Instant deleteRequested;

    public Ipam(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "ipam";
    }

    @Override
    public boolean global() {
        return true;
    }
}
