package io.gureum.vpc;

import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;

/**
 * DescribeAvailabilityZones from core's topology, because subnets are placed by zone name or zone ID
 * and tools (Terraform's aws_availability_zones) list the zones before creating subnets. Every zone
 * is {@code available}: zone impairment is not modeled here.
 */
public final class AvailabilityZones {
    private final Network net;

    /** A zone as a filterable value (zones are not stored resources and have no tags). */
    private static final class ZoneView extends Resource {
        final AvailabilityZone zone;

        ZoneView(AvailabilityZone zone) {
            super(zone.zoneId(), "", Instant.EPOCH);
            this.zone = zone;
        }

        @Override
        public String resourceType() {
            return "availability-zone";
        }
    }

    private final Filters<ZoneView> filters = new Filters<ZoneView>()
            .on("zone-name", z -> z.zone.zoneName())
            .on("zone-id", z -> z.zone.zoneId())
            .on("region-name", z -> z.zone.regionName())
            .on("group-name", z -> z.zone.regionName())
            .on("network-border-group", z -> z.zone.regionName())
            .on("state", this::state)
            .on("opt-in-status", z -> "opt-in-not-required")
            .on("zone-type", z -> "availability-zone")
            .on("message", z -> null);

    AvailabilityZones(Network net) {
        this.net = net;
    }

    /** {@code available}, or {@code impaired}/{@code unavailable} during an outage ({@code /_gureum/faults/az-outage}). */
    private String state(ZoneView z) {
        return net.ctx.zoneStates().state(z.zone.zoneName()).wireValue();
    }

    public DescribeAvailabilityZonesResponse describeAvailabilityZones(DescribeAvailabilityZonesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<AvailabilityZone> zones = net.zones(s.region);
        List<ZoneView> found = new ArrayList<>();
        boolean byName = r.hasZoneNames() && !r.zoneNames().isEmpty();
        boolean byId = r.hasZoneIds() && !r.zoneIds().isEmpty();
        if (byName || byId) {
            for (String wanted : byName ? r.zoneNames() : r.zoneIds()) {
                AvailabilityZone z = zones.stream().filter(x -> wanted.equals(byName ? x.zoneName() : x.zoneId()))
                        .findFirst().orElseThrow(() -> Ec2Errors.invalidParameterValue(
                                (byName ? "Invalid availability zone: [" : "Invalid availability zone id: [") + wanted + "]"));
                found.add(new ZoneView(z));
            }
        } else {
            zones.forEach(z -> found.add(new ZoneView(z)));
        }
        return DescribeAvailabilityZonesResponse.builder().availabilityZones(found.stream()
                .filter(filters.predicate(r.filters()))
                .map(v -> software.amazon.awssdk.services.ec2.model.AvailabilityZone.builder()
                        .zoneName(v.zone.zoneName()).zoneId(v.zone.zoneId()).regionName(v.zone.regionName())
                        .groupName(v.zone.regionName()).networkBorderGroup(v.zone.regionName())
                        .state(state(v)).optInStatus("opt-in-not-required").zoneType("availability-zone")
                        .messages(List.of()).build())
                .toList()).build();
    }
}
