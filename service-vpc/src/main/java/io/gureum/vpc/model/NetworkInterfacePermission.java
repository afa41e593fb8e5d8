package io.gureum.vpc.model;

import java.time.Instant;

/**
 * One permission on a network interface (CreateNetworkInterfacePermission): an account (or, in AWS's model, a
 * service) allowed to attach the interface or associate an Elastic IP with it. Kept with its interface, which
 * takes it along when deleted; {@code pending} until its grant comes due on the clock, then {@code granted}.
 */
public final class NetworkInterfacePermission {
    public String id;
    public String networkInterfaceId;
    public String awsAccountId;
    public String awsService;
    public String permission;
    public Instant created;

    public NetworkInterfacePermission() {
    }
}
