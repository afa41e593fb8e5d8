package io.gureum.ec2.hosts;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;

/**
 * One Dedicated Host: configured for one instance type ({@code instanceType}) or for every size of one
 * family ({@code instanceFamily}, AllowsMultipleInstanceTypes {@code on}). {@code state} is
 * {@code available} or {@code released}.
 */
final class Host extends Registered {
    final String zoneName;
    final String zoneId;
    final String clientToken;
    String instanceType;
    String instanceFamily;
    String autoPlacement;
    String hostRecovery;
    String hostMaintenance;
    String state = "available";
    Instant releaseTime;

    Host(String id, String ownerId, String region, Instant created, String zoneName, String zoneId,
            String clientToken) {
        super(id, ownerId, region, created);
        this.zoneName = zoneName;
        this.zoneId = zoneId;
        this.clientToken = clientToken;
    }

    @Override
    public String resourceType() {
        return "dedicated-host";
    }

    /** The family the host serves: its own, or its instance type's. */
    String family() {
        return instanceFamily != null ? instanceFamily : HostCapacity.familyOf(instanceType);
    }
}
