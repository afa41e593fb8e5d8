package io.gureum.vpc.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored state of one VPC Route Server: its BGP ASN, its route persistence and SNS settings, the VPC it is
 * associated with (at most one) and the route tables it propagates to. Every state follows the clock from the
 * instants kept here.
 */
public final class RouteServer extends Resource {
    public long amazonSideAsn;
    public String clientToken;
    /** {@code enabled} or {@code disabled}: where route persistence is, or is going. */
    public String persistRoutes = "disabled";
    /** Minutes; kept while persistence is enabled. */
    public Long persistRoutesDuration;
    /** When ModifyRouteServer last changed persistence (the state shows the change for a while); or null. */
    public Instant persistChanged;
    /** The transient persistence state shown after {@link #persistChanged}: enabling, disabling, resetting. */
    public String persistChange;
    public boolean snsNotificationsEnabled;
    public String snsTopicArn;
    /** When ModifyRouteServer was last called (the route server is {@code modifying} for a while); or null. */
    public Instant modified;
    /** When DeleteRouteServer was called; null while the route server is not being deleted. */
    public Instant deleteRequested;

    /** The associated VPC, or null. */
    public String vpcId;
    public Instant associated;
    /** When DisassociateRouteServer was called for {@link #vpcId}; null while not disassociating. */
    public Instant disassociateRequested;

    /** Route table → when EnableRouteServerPropagation was called. */
    public final Map<String, Instant> propagations = new LinkedHashMap<>();
    /** Route table → when DisableRouteServerPropagation was called (deleting until it settles). */
    public final Map<String, Instant> propagationsDisabled = new LinkedHashMap<>();

    public RouteServer(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "route-server";
    }
}
