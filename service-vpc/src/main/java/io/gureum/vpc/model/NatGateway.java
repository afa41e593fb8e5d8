package io.gureum.vpc.model;

import java.time.Instant;

/** The stored state of one NatGateway. */
public final class NatGateway extends Resource {
    public String vpcId;
    public String subnetId;
    public String availabilityZone;
    public String connectivityType;
    public String allocationId;
    public String publicIp;
    public String privateIp;
    public String networkInterfaceId;
    public Instant deleteRequested;
    public String failureCode;
    public String failureMessage;
    /** Secondary addresses (AssociateNatGatewayAddress, AssignPrivateNatGatewayAddress, CreateNatGateway's). */
    public final java.util.List<NatGatewaySecondaryAddress> secondaryAddresses = new java.util.ArrayList<>();

    public NatGateway(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "natgateway";
    }
}
