package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one TransitGateway. */
public final class TransitGateway extends Resource {
    public String description;
    public long amazonSideAsn = 64512;
    /** The route table made with the gateway (AWS's "default" one), or null when it was made without one. */
    public String defaultRouteTableId;
    /**
     * The default association and propagation route tables once ModifyTransitGateway named them; null means
     * {@link #defaultRouteTableId} (records written before they could differ have neither).
     */
    public String associationDefaultRouteTableId;
    public String propagationDefaultRouteTableId;
    public String state = "available";
    public boolean defaultAssociation = true;
    public boolean defaultPropagation = true;
    public String autoAcceptSharedAttachments = "disable";
    public String dnsSupport = "enable";
    public String vpnEcmpSupport = "enable";
    public String securityGroupReferencingSupport = "disable";
    public String multicastSupport = "disable";
    public final List<String> cidrBlocks = new ArrayList<>();

    public TransitGateway(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    /** The default association route table (null when default association is disabled). */
    public String associationTable() {
        if (!defaultAssociation) {
            return null;
        }
        return associationDefaultRouteTableId != null ? associationDefaultRouteTableId : defaultRouteTableId;
    }

    /** The default propagation route table (null when default propagation is disabled). */
    public String propagationTable() {
        if (!defaultPropagation) {
            return null;
        }
        return propagationDefaultRouteTableId != null ? propagationDefaultRouteTableId : defaultRouteTableId;
    }

    @Override
    public String resourceType() {
        return "transit-gateway";
    }
}
