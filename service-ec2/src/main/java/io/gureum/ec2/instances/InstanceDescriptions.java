package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusDetails;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * DescribeInstances (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html):
 * instances grouped by reservation (one per RunInstances call), filtered on the instance as described
 * (network fields as service-vpc reports the interfaces), paginated by instance. The interfaces of all
 * candidates come from one DescribeNetworkInterfaces call, so a call costs O(instances + interfaces).
 */
public final class InstanceDescriptions {
    private final Compute compute;
    private final InstanceNetwork network;
    private final Instances instances;
    private final Ec2Filters<software.amazon.awssdk.services.ec2.model.Instance> filters;
    private static final java.util.Set<String> RESERVATION_FILTERS = java.util.Set.of("reservation-id", "owner-id",
            "requester-id");

    private record Owned(Instance instance, String account) {
    }

    private final Ec2Filters<Owned> reservationFilters = new Ec2Filters<Owned>()
            .on("reservation-id", o -> o.instance().reservationId)
            .on("owner-id", Owned::account)
            .on("requester-id", o -> o.instance().requesterId);

    public InstanceDescriptions(Compute compute, Instances instances) {
        this.compute = compute;
        this.network = instances.network();
        this.instances = instances;
        this.filters = InstanceFilters.of();
    }

    private List<Instance> candidates(ComputeStore s, List<String> ids) {
        if (ids != null && !ids.isEmpty()) {
            return Instances.require(s, ids);
        }
        return List.copyOf(s.instances.values());
    }

    public DescribeInstancesResponse describeInstances(DescribeInstancesRequest r) {
        ComputeStore s = compute.store();
        boolean byId = r.hasInstanceIds() && !r.instanceIds().isEmpty();
        if (byId && r.maxResults() != null) {
            throw Ec2Errors.combination("The parameter instancesSet cannot be used with the parameter maxResults");
        }
        List<Instance> candidates = candidates(s, byId ? r.instanceIds() : null);
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = compute.now();
        Map<String, List<NetworkInterface>> enis = network.interfacesOf(s, candidates.stream().map(i -> i.id).toList());
        // Reservation and owner filters read the reservation, which the SDK's Instance does not carry.
        List<Filter> own = new ArrayList<>();
        List<Filter> rest = new ArrayList<>();
        for (Filter f : r.hasFilters() ? r.filters() : List.<Filter>of()) {
            (RESERVATION_FILTERS.contains(f.name()) ? own : rest).add(f);
        }
        var keep = filters.predicate(rest);
        var keepReservation = reservationFilters.predicate(own);
        candidates = candidates.stream().filter(i -> keepReservation.test(new Owned(i, s.account))).toList();
        List<software.amazon.awssdk.services.ec2.model.Instance> described = new ArrayList<>();
        Map<String, String> reservationOf = new java.util.HashMap<>();
        for (Instance i : candidates) {
            var sdk = InstanceViews.toSdk(i, s.region, now, enis.getOrDefault(i.id, List.of()), s.volumes);
            if (keep.test(sdk)) {
                described.add(sdk);
                reservationOf.put(i.id, i.reservationId);
            }
        }
        var page = Pagination.page(described, r.maxResults(), r.nextToken(), 5, 1000);
        Map<String, List<software.amazon.awssdk.services.ec2.model.Instance>> grouped = new LinkedHashMap<>();
        for (var i : page.items()) {
            grouped.computeIfAbsent(reservationOf.get(i.instanceId()), k -> new ArrayList<>()).add(i);
        }
        List<Reservation> reservations = new ArrayList<>();
        grouped.forEach((id, list) -> reservations.add(Reservation.builder().reservationId(id).ownerId(s.account)
                .groups(List.of()).instances(list).build()));
        return DescribeInstancesResponse.builder().reservations(reservations).nextToken(page.nextToken()).build();
    }

    public DescribeInstanceStatusResponse describeInstanceStatus(DescribeInstanceStatusRequest r) {
        ComputeStore s = compute.store();
        boolean byId = r.hasInstanceIds() && !r.instanceIds().isEmpty();
        if (byId && r.maxResults() != null) {
            throw Ec2Errors.combination("The parameter instancesSet cannot be used with the parameter maxResults");
        }
        List<Instance> candidates = candidates(s, byId ? r.instanceIds() : null);
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = compute.now();
        boolean all = Boolean.TRUE.equals(r.includeAllInstances());
        List<InstanceStatus> out = new ArrayList<>();
        for (Instance i : candidates) {
            InstanceState st = i.state(now);
            if (!all && st != InstanceState.RUNNING) {
                continue;
            }
            if (st == InstanceState.TERMINATED && !byId) {
                continue;
            }
            out.add(status(i, st, instances.outages().impaired(i.availabilityZone), now));
        }
        var keep = InstanceFilters.status().predicate(r.filters());
        var page = Pagination.page(out.stream().filter(keep).toList(), r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeInstanceStatusResponse.builder().instanceStatuses(page.items()).nextToken(page.nextToken())
                .build();
    }

    /**
     * Status checks pass once the instance runs; they are not applicable otherwise. While its zone is in an
     * outage the system check is impaired (reachability failed), and the stop the outage caused shows as a
     * completed {@code instance-stop} event.
     */
    private static InstanceStatus status(Instance i, InstanceState st, boolean zoneImpaired, Instant now) {
        boolean running = st == InstanceState.RUNNING;
        String summary = running ? "ok" : "not-applicable";
        InstanceStatusSummary check = InstanceStatusSummary.builder().status(summary)
                .details(running ? List.of(InstanceStatusDetails.builder().name("reachability").status("passed").build())
                        : List.of(InstanceStatusDetails.builder().name("reachability").status(summary).build()))
                .build();
        InstanceStatusSummary system = !zoneImpaired ? check : InstanceStatusSummary.builder().status("impaired")
                .details(InstanceStatusDetails.builder().name("reachability").status("failed")
                        .impairedSince(i.eventTime != null ? i.eventTime : now).build())
                .build();
        List<software.amazon.awssdk.services.ec2.model.InstanceStatusEvent> events = i.eventCode == null ? List.of()
                : List.of(software.amazon.awssdk.services.ec2.model.InstanceStatusEvent.builder()
                        .instanceEventId("instance-event-" + i.id.substring(2)).code(i.eventCode)
                        .description(i.eventDescription).notBefore(i.eventTime).build());
        return InstanceStatus.builder().instanceId(i.id).availabilityZone(i.availabilityZone)
                .instanceState(st.toSdk()).instanceStatus(check).systemStatus(system)
                .attachedEbsStatus(running ? software.amazon.awssdk.services.ec2.model.EbsStatusSummary.builder().status("ok").build() : null)
                .events(events).build();
    }
}
