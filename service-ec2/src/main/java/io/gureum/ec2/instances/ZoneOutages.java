package io.gureum.ec2.instances;

import io.gureum.core.error.AwsException;
import io.gureum.core.events.Subscription;
import io.gureum.core.topology.ZoneState;
import io.gureum.core.topology.ZoneStateChanged;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * EC2 in an Availability Zone outage ({@code /_gureum/faults/az-outage}): launches and starts into the zone
 * fail with {@code InsufficientInstanceCapacity}, and its pending and running instances stop with the
 * signals AWS gives a stop it initiates (an {@code instance-stop} event, {@code Server.ScheduledStop}, system
 * status impaired while the zone is). Lifting the outage lets launches and starts succeed again; stopped
 * instances stay stopped until started, as on AWS.
 */
public final class ZoneOutages implements AutoCloseable {
    private final Compute compute;
    private final InstanceNetwork network;
    private final Subscription subscription;

    ZoneOutages(Compute compute, InstanceNetwork network) {
        this.compute = compute;
        this.network = network;
        this.subscription = compute.ctx.events().subscribe(ZoneStateChanged.class, this::changed);
    }

    /** Whether the zone is impaired or unavailable. */
    boolean impaired(String zone) {
        return zone != null && !compute.ctx.zoneStates().isAvailable(zone);
    }

    /** The error RunInstances and StartInstances answer for a zone in an outage. */
    AwsException insufficientCapacity(String instanceType, String zone, String region) {
        String others = compute.ctx.topology().region(region).map(r -> r.zones().stream()
                .map(z -> z.zoneName()).filter(z -> !z.equals(zone) && !impaired(z))
                .collect(Collectors.joining(", "))).orElse("");
        // The wording of AWS's answer: https://repost.aws/knowledge-center/ec2-insufficient-capacity-errors
        return new AwsException("InsufficientInstanceCapacity", "We currently do not have sufficient " + instanceType
                + " capacity in the Availability Zone you requested (" + zone + "). Our system will be working on "
                + "provisioning additional capacity. You can currently get " + instanceType + " capacity by not "
                + "specifying an Availability Zone in your request or choosing " + others + ".", 500);
    }

    private void changed(ZoneStateChanged change) {
        if (change.to() == ZoneState.AVAILABLE) {
            return;
        }
        compute.forEachStore((key, s) -> {
            if (!key.region().equals(change.region())) {
                return;
            }
            synchronized (s) {
                stopAll(s, change.zoneName());
                compute.records.record(s);
            }
        });
    }

    private void stopAll(ComputeStore s, String zone) {
        Instant now = compute.now();
        for (Instance i : s.instances.values()) {
            InstanceState st = i.state(now);
            if (!zone.equals(i.availabilityZone) || (st != InstanceState.PENDING && st != InstanceState.RUNNING)) {
                continue;
            }
            i.enter(InstanceState.STOPPING, now);
            i.stateTransitionReason = "Server initiated (" + InstanceViews.reasonTime(now) + ")";
            i.stateReasonCode = "Server.ScheduledStop";
            i.stateReasonMessage = "Server.ScheduledStop: Stopped due to scheduled retirement";
            i.eventCode = "instance-stop";
            i.eventDescription = "[Completed] The instance was stopped: its Availability Zone " + zone
                    + " is impaired";
            i.eventTime = now;
            if (i.assignPublicIp) {
                network.publicIp(s, i.primaryEniId, false);
            }
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
