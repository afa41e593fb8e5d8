package io.gureum.vpc.model;

import java.time.Instant;

/**
 * The stored state of one carrier gateway (AWS Wavelength): associated with one VPC from its creation. Its state
 * follows the clock from {@link #created} and {@link #deleteRequested}.
 */
public final class CarrierGateway extends Resource {
    public String vpcId;
    public String clientToken;
    /** When DeleteCarrierGateway was called; null while the gateway is not being deleted. */
    public Instant deleteRequested;

    public CarrierGateway(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "carrier-gateway";
    }
}
