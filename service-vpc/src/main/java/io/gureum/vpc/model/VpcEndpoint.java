package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored state of one VpcEndpoint. */
public final class VpcEndpoint extends Resource {
    public String vpcId;
    public String serviceName;
    public String type;
    public String state;
    public String policyDocument;
    public boolean privateDnsEnabled;
    /** The endpoint service (vpce-svc-) of an endpoint to a PrivateLink service, and its owner; else null. */
    public String endpointServiceId;
    public String endpointServiceOwner;
    public final List<String> routeTableIds = new ArrayList<>();
    public final List<String> subnetIds = new ArrayList<>();
    public final List<String> networkInterfaceIds = new ArrayList<>();
    public final List<String> groupIds = new ArrayList<>();

    public VpcEndpoint(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpc-endpoint";
    }
}
