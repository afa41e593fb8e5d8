package io.gureum.ec2.connect;

import io.gureum.ec2.compute.Timing;
import io.gureum.ec2.regional.Registered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An EC2 Instance Connect Endpoint. Its state settles on the core clock: {@code create-in-progress} and
 * {@code update-in-progress} become {@code create-complete} and {@code update-complete}, {@code delete-in-progress}
 * leaves the describe, each {@link Timing#TRANSITION} after it began.
 */
final class ConnectEndpoint extends Registered {
    String subnetId;
    String vpcId;
    String availabilityZone;
    String availabilityZoneId;
    String networkInterfaceId;
    boolean preserveClientIp;
    String ipAddressType;
    String dnsLabel;
    final List<String> securityGroupIds = new ArrayList<>();
    String state = "create-in-progress";
    Instant stateSince;

    ConnectEndpoint(String id, String ownerId, String region, Instant created) {
        super(id, ownerId, region, created);
        this.stateSince = created;
    }

    @Override
    public String resourceType() {
        return "instance-connect-endpoint";
    }

    String arn() {
        return "arn:aws:ec2:" + region + ":" + ownerId + ":instance-connect-endpoint/" + id;
    }

    /** The state at {@code now}; {@code delete-complete} once a deletion has run its course. */
    String state(Instant now) {
        if (!now.isBefore(stateSince.plus(Timing.TRANSITION))) {
            switch (state) {
                case "create-in-progress" -> settle("create-complete");
                case "update-in-progress" -> settle("update-complete");
                case "delete-in-progress" -> settle("delete-complete");
                default -> {
                }
            }
        }
        return state;
    }

    private void settle(String next) {
        stateSince = stateSince.plus(Timing.TRANSITION);
        state = next;
    }

    String dnsName() {
        return id + "." + dnsLabel + ".ec2-instance-connect-endpoint." + region + ".amazonaws.com";
    }

    String fipsDnsName() {
        return id + "." + dnsLabel + ".fips.ec2-instance-connect-endpoint." + region + ".amazonaws.com";
    }
}
