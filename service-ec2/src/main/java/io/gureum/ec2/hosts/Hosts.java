package io.gureum.ec2.hosts;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2.types.InstanceTypeCatalogue;
import io.gureum.ec2.types.Offerings;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AllocateHostsRequest;
import software.amazon.awssdk.services.ec2.model.AllocateHostsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeHostsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeHostsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HostInstance;
import software.amazon.awssdk.services.ec2.model.ModifyHostsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyHostsResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseHostsRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseHostsResponse;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItemError;

/**
 * AllocateHosts, DescribeHosts, ModifyHosts and ReleaseHosts (their API reference pages). A host is
 * {@code available} at once and {@code released} by ReleaseHosts, which refuses a host that still has
 * instances (stop or terminate them first, as AWS documents); released hosts stay visible for 24 hours of the
 * core clock. The instances on a host are found with DescribeInstances' {@code host-id} filter in-process:
 * pending, running, stopping and shutting-down ones occupy it.
 */
public final class Hosts {
    private static final Set<String> ON_OFF = Set.of("on", "off");
    private static final Duration RELEASED_VISIBLE = Duration.ofHours(24);
    private static final List<String> OCCUPYING = List.of("pending", "running", "stopping", "shutting-down");

    /** The hosts of one account and region, and the client tokens of their allocate calls. */
    private static final class Store {
        final Map<String, Host> byId = new LinkedHashMap<>();
        final Map<String, List<String>> clientTokens = new HashMap<>();
    }

    private final ServiceContext context;
    private final InstanceTypeCatalogue catalogue = InstanceTypeCatalogue.standard();
    private final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());
    private final Ec2Filters<Host> filters = new Ec2Filters<Host>(h -> h.tagMap())
            .on("auto-placement", h -> h.autoPlacement)
            .on("availability-zone", h -> h.zoneName)
            .on("client-token", h -> h.clientToken)
            .on("host-reservation-id", h -> null)
            .on("instance-type", h -> h.instanceType)
            .on("state", h -> h.state)
            .on("tag-key", h -> List.copyOf(h.tagMap().keySet()));

    public Hosts(ServiceContext context) {
        this.context = context;
    }

    /** This family's records for --data-dir. */
    public PlaceFamily records() {
        return new RegisteredFamily<>("dedicated-host", Host.class, stores, s -> s.byId, h -> h.id,
                s -> s.clientTokens, context.registry());
    }

    public AllocateHostsResponse allocateHosts(AllocateHostsRequest r) {
        String type = r.instanceType();
        String family = r.instanceFamily();
        if (type == null && family == null) {
            throw Ec2Errors.missing("InstanceType or InstanceFamily");
        }
        if (type != null && family != null) {
            throw Ec2Errors.combination("Specify either InstanceType or InstanceFamily, not both.");
        }
        if (type != null && (!catalogue.contains(type) || !HostCapacity.supported(HostCapacity.familyOf(type)))) {
            throw Ec2Errors.invalidValue(type, "instanceType", "Dedicated Hosts do not support this instance type.");
        }
        if (family != null && !HostCapacity.supported(family)) {
            throw Ec2Errors.invalidValue(family, "instanceFamily",
                    "Dedicated Hosts do not support this instance family.");
        }
        int quantity = r.quantity() == null ? 1 : r.quantity();
        if (quantity < 1) {
            throw Ec2Errors.invalidValue(String.valueOf(quantity), "quantity", "Quantity must be at least 1.");
        }
        if (r.outpostArn() != null || r.hasAssetIds()) {
            throw Ec2Errors.invalidParameterValue("Dedicated Hosts on Outposts are not available: this account has no Outposts.");
        }
        String auto = onOff(r.autoPlacementAsString(), "off", "autoPlacement");
        String recovery = onOff(r.hostRecoveryAsString(), "off", "hostRecovery");
        String maintenance = onOff(r.hostMaintenanceAsString(), "on", "hostMaintenance");
        AvailabilityZone zone = zone(r.availabilityZone(), r.availabilityZoneId());
        String probe = type != null ? type : HostCapacity.sizes(family).get(0).instanceTypeAsString();
        if (!Offerings.offered(catalogue, probe, zone, zones())) {
            throw new AwsException("Unsupported", "Your requested instance type (" + probe + ") is not supported in "
                    + "your requested Availability Zone (" + zone.zoneName() + ").", 400);
        }
        TagSpecifications.validate(r.tagSpecifications(), "dedicated-host");
        Store s = stores.current();
        synchronized (s) {
            if (r.clientToken() != null && s.clientTokens.containsKey(r.clientToken())) {
                return AllocateHostsResponse.builder().hostIds(s.clientTokens.get(r.clientToken())).build();
            }
            RequestContext ctx = RequestContext.current();
            Instant now = context.clock().now();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < quantity; i++) {
                Host h = new Host(context.ids().next("h"), ctx.accountId(), ctx.region(), now, zone.zoneName(),
                        zone.zoneId(), r.clientToken());
                h.instanceType = type;
                h.instanceFamily = family;
                h.autoPlacement = auto;
                h.hostRecovery = recovery;
                h.hostMaintenance = maintenance;
                h.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
                h.register(context.registry());
                s.byId.put(h.id, h);
                ids.add(h.id);
            }
            if (r.clientToken() != null) {
                s.clientTokens.put(r.clientToken(), ids);
            }
            return AllocateHostsResponse.builder().hostIds(ids).build();
        }
    }

    public DescribeHostsResponse describeHosts(DescribeHostsRequest r) {
        if (r.hasHostIds() && !r.hostIds().isEmpty() && r.maxResults() != null) {
            throw Ec2Errors.combination("The parameter HostIds cannot be used with the parameter maxResults");
        }
        Store s = stores.current();
        List<Host> found;
        synchronized (s) {
            purge(s);
            found = new ArrayList<>(s.byId.values());
            if (r.hasHostIds() && !r.hostIds().isEmpty()) {
                for (String id : new LinkedHashSet<>(r.hostIds())) {
                    require(s, id);
                }
                found.removeIf(h -> !r.hostIds().contains(h.id));
            }
        }
        found = found.stream().filter(filters.predicate(r.filter())).toList();
        var page = Pagination.page(found, r.maxResults(), r.nextToken(), 5, 500);
        Map<String, List<software.amazon.awssdk.services.ec2.model.Instance>> on = instancesOn(
                page.items().stream().filter(h -> h.state.equals("available")).map(h -> h.id).toList());
        synchronized (s) {
            return DescribeHostsResponse.builder()
                    .hosts(page.items().stream().map(h -> toSdk(h, on.getOrDefault(h.id, List.of()))).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    public ModifyHostsResponse modifyHosts(ModifyHostsRequest r) {
        if (!r.hasHostIds() || r.hostIds().isEmpty()) {
            throw Ec2Errors.missing("HostId");
        }
        String auto = r.autoPlacementAsString() == null ? null : onOff(r.autoPlacementAsString(), null, "autoPlacement");
        String recovery = r.hostRecoveryAsString() == null ? null : onOff(r.hostRecoveryAsString(), null, "hostRecovery");
        String maintenance = r.hostMaintenanceAsString() == null ? null
                : onOff(r.hostMaintenanceAsString(), null, "hostMaintenance");
        if (r.instanceType() != null && r.instanceFamily() != null) {
            throw Ec2Errors.combination("Specify either InstanceType or InstanceFamily, not both.");
        }
        if (r.instanceType() != null && (!catalogue.contains(r.instanceType())
                || !HostCapacity.supported(HostCapacity.familyOf(r.instanceType())))) {
            throw Ec2Errors.invalidValue(r.instanceType(), "instanceType",
                    "Dedicated Hosts do not support this instance type.");
        }
        if (r.instanceFamily() != null && !HostCapacity.supported(r.instanceFamily())) {
            throw Ec2Errors.invalidValue(r.instanceFamily(), "instanceFamily",
                    "Dedicated Hosts do not support this instance family.");
        }
        if (auto == null && recovery == null && maintenance == null && r.instanceType() == null
                && r.instanceFamily() == null) {
            throw Ec2Errors.missing("AutoPlacement, HostRecovery, HostMaintenance, InstanceType or InstanceFamily");
        }
        boolean reconfigure = r.instanceType() != null || r.instanceFamily() != null;
        Map<String, List<software.amazon.awssdk.services.ec2.model.Instance>> on = reconfigure
                ? instancesOn(new ArrayList<>(new LinkedHashSet<>(r.hostIds()))) : Map.of();
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            List<String> ok = new ArrayList<>();
            List<UnsuccessfulItem> failed = new ArrayList<>();
            for (String id : new LinkedHashSet<>(r.hostIds())) {
                Host h = s.byId.get(id);
                if (h == null || !h.state.equals("available")) {
                    failed.add(unsuccessful(id, "Client.InvalidHostID.NotFound", "The ID '" + id + "' is not valid"));
                } else if (reconfigure && !on.getOrDefault(id, List.of()).isEmpty()) {
                    failed.add(unsuccessful(id, "Client.HostHasInstances", "Dedicated Host " + id
                            + " has running instances; its supported instance type or family cannot be modified."));
                } else {
                    ok.add(id);
                }
            }
            for (String id : ok) {
                Host h = s.byId.get(id);
                if (auto != null) {
                    h.autoPlacement = auto;
                }
                if (recovery != null) {
                    h.hostRecovery = recovery;
                }
                if (maintenance != null) {
                    h.hostMaintenance = maintenance;
                }
                if (reconfigure) {
                    h.instanceType = r.instanceType();
                    h.instanceFamily = r.instanceFamily();
                }
            }
            return ModifyHostsResponse.builder().successful(ok).unsuccessful(failed).build();
        }
    }

    public ReleaseHostsResponse releaseHosts(ReleaseHostsRequest r) {
        if (!r.hasHostIds() || r.hostIds().isEmpty()) {
            throw Ec2Errors.missing("HostId");
        }
        Map<String, List<software.amazon.awssdk.services.ec2.model.Instance>> on = instancesOn(
                new ArrayList<>(new LinkedHashSet<>(r.hostIds())));
        Store s = stores.current();
        synchronized (s) {
            purge(s);
            Instant now = context.clock().now();
            List<String> ok = new ArrayList<>();
            List<UnsuccessfulItem> failed = new ArrayList<>();
            for (String id : new LinkedHashSet<>(r.hostIds())) {
                Host h = s.byId.get(id);
                if (h == null || !h.state.equals("available")) {
                    failed.add(unsuccessful(id, "Client.InvalidHostID.NotFound", "The ID '" + id + "' is not valid"));
                } else if (!on.getOrDefault(id, List.of()).isEmpty()) {
                    failed.add(unsuccessful(id, "Client.InvalidHost.Occupied", "Dedicated host '" + id
                            + "' cannot be released as it is occupied."));
                } else {
                    h.state = "released";
                    h.releaseTime = now;
                    h.forget();
                    ok.add(id);
                }
            }
            return ReleaseHostsResponse.builder().successful(ok).unsuccessful(failed).build();
        }
    }

    /** The occupying instances of each host, by DescribeInstances' host-id filter through the EC2 API. */
    private Map<String, List<software.amazon.awssdk.services.ec2.model.Instance>> instancesOn(List<String> hostIds) {
        Map<String, List<software.amazon.awssdk.services.ec2.model.Instance>> out = new HashMap<>();
        if (hostIds.isEmpty()) {
            return out;
        }
        RequestContext ctx = RequestContext.current();
        Ec2Client ec2 = context.clients().client(Ec2Client.class,
                Caller.service("ec2.amazonaws.com", ctx.accountId(), ctx.region(), null));
        ec2.describeInstancesPaginator(b -> b.filters(Filter.builder().name("host-id").values(hostIds).build(),
                Filter.builder().name("instance-state-name").values(OCCUPYING).build()))
                .reservations().forEach(res -> res.instances().forEach(i -> out
                        .computeIfAbsent(i.placement().hostId(), k -> new ArrayList<>()).add(i)));
        return out;
    }

    private void purge(Store s) {
        Instant now = context.clock().now();
        s.byId.values().removeIf(h -> h.releaseTime != null && !now.isBefore(h.releaseTime.plus(RELEASED_VISIBLE)));
    }

    private static UnsuccessfulItem unsuccessful(String id, String code, String message) {
        return UnsuccessfulItem.builder().resourceId(id)
                .error(UnsuccessfulItemError.builder().code(code).message(message).build()).build();
    }

    private static String onOff(String given, String fallback, String parameter) {
        String v = given == null ? fallback : given;
        if (!ON_OFF.contains(v)) {
            throw Ec2Errors.invalidValue(v, parameter, "Valid values are: on, off.");
        }
        return v;
    }

    private static Host require(Store s, String id) {
        if (!id.matches("h-[0-9a-f]{8}([0-9a-f]{9})?")) {
            throw new AwsException("InvalidHostID.Malformed", "Invalid id: \"" + id + "\" (expecting \"h-...\")", 400);
        }
        Host h = s.byId.get(id);
        if (h == null) {
            throw new AwsException("InvalidHostID.NotFound", "The host ID '" + id + "' does not exist", 400);
        }
        return h;
    }

    private List<AvailabilityZone> zones() {
        return context.topology().region(RequestContext.current().region()).map(x -> x.zones()).orElse(List.of());
    }

    private AvailabilityZone zone(String name, String id) {
        if (name == null && id == null) {
            throw Ec2Errors.missing("AvailabilityZone");
        }
        if (name != null && id != null) {
            throw Ec2Errors.combination("Specify either AvailabilityZone or AvailabilityZoneId, not both.");
        }
        for (AvailabilityZone z : zones()) {
            if (z.zoneName().equals(name) || z.zoneId().equals(id)) {
                return z;
            }
        }
        throw Ec2Errors.invalidParameterValue("Invalid availability zone: [" + (name != null ? name : id) + "]");
    }

    private static software.amazon.awssdk.services.ec2.model.Host toSdk(Host h,
            List<software.amazon.awssdk.services.ec2.model.Instance> instances) {
        Map<String, Integer> byType = new HashMap<>();
        List<HostInstance> listed = new ArrayList<>();
        for (var i : instances) {
            byType.merge(i.instanceTypeAsString(), 1, Integer::sum);
            listed.add(HostInstance.builder().instanceId(i.instanceId()).instanceType(i.instanceTypeAsString())
                    .ownerId(h.ownerId).build());
        }
        return software.amazon.awssdk.services.ec2.model.Host.builder().hostId(h.id).ownerId(h.ownerId)
                .availabilityZone(h.zoneName).availabilityZoneId(h.zoneId).autoPlacement(h.autoPlacement)
                .hostRecovery(h.hostRecovery).hostMaintenance(h.hostMaintenance).clientToken(h.clientToken)
                .allowsMultipleInstanceTypes(h.instanceFamily != null ? "on" : "off")
                .hostProperties(HostCapacity.properties(h))
                .availableCapacity(h.state.equals("available") ? HostCapacity.available(h, byType) : null)
                .instances(h.state.equals("available") ? listed : null).state(h.state).allocationTime(h.created)
                .releaseTime(h.releaseTime).memberOfServiceLinkedResourceGroup(false).tags(h.sdkTags()).build();
    }
}
