package io.gureum.vpc.model;

import java.time.Instant;

/**
 * A secondary address of a NAT gateway: a private IPv4 address of its interface and, on a public gateway, the
 * Elastic IP mapped to it. Its status follows the clock from {@link #added} (associating or assigning) and
 * {@link #removeRequested} (disassociating or unassigning).
 */
public final class NatGatewaySecondaryAddress {
    public String allocationId;
    public String publicIp;
    public String associationId;
    public String privateIp;
    public Instant added;
    public Instant removeRequested;
}
