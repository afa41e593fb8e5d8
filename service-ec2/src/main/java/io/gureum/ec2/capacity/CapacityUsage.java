package io.gureum.ec2.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.compute.PlaceRecords;
import io.gureum.ec2.instances.Instance;
import io.gureum.ec2.instances.InstanceUsage;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.ec2common.persist.RecordSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What instances ran as, over the core clock: each change an instance makes (it enters a state, leaves a
 * Capacity Reservation) closes its open {@link UsageSegment} and, while it is pending or running, opens one
 * with its reservation (or none, or Spot). Capacity Manager's usage metrics are computed from these segments;
 * they stay after the instance has gone. With {@code --data-dir} they are records of kind
 * {@code capacity-usage} (one per instance) beside Capacity Manager's settings ({@code capacity-manager}).
 */
final class CapacityUsage implements InstanceUsage, PlaceFamily {
    static final String USAGE = "capacity-usage";
    static final String SETTINGS = "capacity-manager";

    /** The JSON of one instance's segments. */
    static final class Segments {
        public List<UsageSegment> segments = new ArrayList<>();
    }

    private final CapacityReservations reservations;

    CapacityUsage(CapacityReservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public void observe(String account, String region, Instance i, boolean billable, Instant at) {
        CapacityReservations.Store s = reservations.stores.of(account, region);
        synchronized (s) {
            List<UsageSegment> list = s.usage.computeIfAbsent(i.id, k -> new ArrayList<>());
            UsageSegment last = list.isEmpty() ? null : list.get(list.size() - 1);
            boolean spot = "spot".equals(i.instanceLifecycle);
            if (last != null && last.open()) {
                boolean same = billable && java.util.Objects.equals(last.reservationId, i.capacityReservationId)
                        && last.spot == spot;
                if (same) {
                    return;
                }
                last.end = at.isBefore(last.start) ? last.start : at;
            }
            if (!billable) {
                return;
            }
            UsageSegment u = new UsageSegment();
            u.instanceId = i.id;
            u.instanceType = i.instanceType;
            u.zoneId = reservations.context.topology().zoneByName(i.availabilityZone).map(z -> z.zoneId())
                    .orElse(i.availabilityZone);
            u.platform = i.platformDetails == null ? "Linux/UNIX" : i.platformDetails;
            u.tenancy = i.tenancy == null ? "default" : i.tenancy;
            u.spot = spot;
            u.reservationId = i.capacityReservationId;
            u.start = last != null && at.isBefore(last.end) ? last.end : at;
            list.add(u);
        }
    }

    @Override
    public void each(String account, String region, RecordSink sink) {
        CapacityReservations.Store s = reservations.stores.of(account, region);
        synchronized (s) {
            for (Map.Entry<String, List<UsageSegment>> e : s.usage.entrySet()) {
                Segments out = new Segments();
                out.segments.addAll(e.getValue());
                sink.accept(USAGE, e.getKey(), out);
            }
            if (s.manager.worthKeeping()) {
                sink.accept(SETTINGS, SETTINGS, s.manager);
            }
        }
    }

    @Override
    public void restore(String account, String region, PlaceRecords in) {
        CapacityReservations.Store s = reservations.stores.of(account, region);
        synchronized (s) {
            for (Map.Entry<String, JsonNode> e : in.of(USAGE).entrySet()) {
                s.usage.put(e.getKey(), new ArrayList<>(FieldJson.read(e.getValue(), Segments.class).segments));
            }
            JsonNode kept = in.of(SETTINGS).get(SETTINGS);
            if (kept != null) {
                s.manager = FieldJson.read(kept, CapacityManagerSettings.class);
            }
        }
    }
}
