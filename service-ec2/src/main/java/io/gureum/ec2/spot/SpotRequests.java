package io.gureum.ec2.spot;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2.regional.ShapeCopy;
import io.gureum.ec2.types.InstanceTypeCatalogue;
import io.gureum.ec2.types.Offerings;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CancelSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.CancelSpotInstanceRequestsResponse;
import software.amazon.awssdk.services.ec2.model.CancelledSpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.LaunchSpecification;
import software.amazon.awssdk.services.ec2.model.RequestSpotInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RequestSpotInstancesResponse;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.SpotInstanceStateFault;
import software.amazon.awssdk.services.ec2.model.SpotInstanceStatus;

/**
 * RequestSpotInstances, DescribeSpotInstanceRequests and CancelSpotInstanceRequests. A request is
 * evaluated when it is made and again at each describe: too low a maximum price leaves it
 * {@code open}/{@code price-too-low}; otherwise RunInstances (through the EC2 API) launches its instance
 * and the request becomes {@code active}/{@code fulfilled}. Until an instance provider serves RunInstances
 * the request stays {@code open}/{@code pending-evaluation}. An open request closes
 * ({@code schedule-expired}) at ValidUntil, 7 days after its creation unless given; a persistent request
 * whose instance has terminated opens again (Spot request status,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-request-status.html).
 */
public final class SpotRequests {
    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    private static final String DEFAULT_TYPE = "m1.small";
    private static final Set<String> TYPES = Set.of("one-time", "persistent");
    private static final Set<String> INTERRUPTIONS = Set.of("hibernate", "stop", "terminate");
    private static final Set<String> GONE = Set.of("shutting-down", "terminated");

    /** The Spot requests of one account and region, and the client tokens of their create calls. */
    private static final class Store {
        final Map<String, SpotRequest> byId = new LinkedHashMap<>();
        final Map<String, List<String>> clientTokens = new HashMap<>();
    }

    private final ServiceContext context;
    private final SpotFulfilment fulfilment;
    private final InstanceTypeCatalogue catalogue = InstanceTypeCatalogue.standard();
    private final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());
    private final Ec2Filters<SpotRequest> filters = new Ec2Filters<SpotRequest>(q -> q.tagMap())
            .on("spot-instance-request-id", q -> q.id)
            .on("state", q -> q.state)
            .on("status-code", q -> q.statusCode)
            .on("status-message", q -> q.statusMessage)
            .on("type", q -> q.type)
            .on("spot-price", q -> q.maxPrice)
            .on("instance-id", q -> q.instanceId)
            .on("launched-availability-zone", q -> q.launchedZone)
            .on("launch-group", q -> q.launchGroup)
            .on("availability-zone-group", q -> q.zoneGroup)
            .on("product-description", q -> "Linux/UNIX")
            .on("fault-code", q -> q.faultCode)
            .on("fault-message", q -> q.faultMessage)
            .on("create-time", q -> q.created.toString())
            .on("valid-from", q -> q.validFrom == null ? null : q.validFrom.toString())
            .on("valid-until", q -> q.validUntil.toString())
            .on("launch.image-id", q -> q.launch.imageId())
            .on("launch.instance-type", q -> instanceType(q))
            .on("launch.key-name", q -> q.launch.keyName())
            .on("launch.kernel-id", q -> q.launch.kernelId())
            .on("launch.ramdisk-id", q -> q.launch.ramdiskId())
            .on("launch.group-id", q -> q.launch.securityGroupIds())
            .on("launch.group-name", q -> q.launch.securityGroups())
            .on("launch.monitoring-enabled", q -> q.launch.monitoring() == null ? false : q.launch.monitoring().enabled());

    /** This family's records for --data-dir. */
    public PlaceFamily records() {
        return new RegisteredFamily<>("spot-instances-request", SpotRequest.class, stores, s -> s.byId, q -> q.id, s -> s.clientTokens, context.registry());
    }

    public SpotRequests(ServiceContext context) {
        this.context = context;
        this.fulfilment = new SpotFulfilment(context);
    }

    public RequestSpotInstancesResponse requestSpotInstances(RequestSpotInstancesRequest r) {
        if (r.launchSpecification() == null) {
            throw Ec2Errors.missing("LaunchSpecification");
        }
        int count = r.instanceCount() == null ? 1 : r.instanceCount();
        if (count < 1) {
            throw Ec2Errors.invalidValue(String.valueOf(count), "instanceCount", "Instance count must be at least 1.");
        }
        String type = r.typeAsString() == null ? "one-time" : r.typeAsString();
        if (!TYPES.contains(type)) {
            throw Ec2Errors.invalidValue(type, "type", "Valid values are: one-time, persistent.");
        }
        String interruption = r.instanceInterruptionBehaviorAsString() == null ? "terminate"
                : r.instanceInterruptionBehaviorAsString();
        if (!INTERRUPTIONS.contains(interruption)) {
            throw Ec2Errors.invalidValue(interruption, "instanceInterruptionBehavior",
                    "Valid values are: hibernate, stop, terminate.");
        }
        if (!interruption.equals("terminate") && type.equals("one-time")) {
            throw Ec2Errors.combination("The instance interruption behavior " + interruption
                    + " is only supported for persistent requests.");
        }
        if (r.spotPrice() != null) {
            price(r.spotPrice());
        }
        Instant now = context.clock().now();
        Instant until = r.validUntil() == null ? now.plus(DEFAULT_VALIDITY) : r.validUntil();
        if (!until.isAfter(now)) {
            throw Ec2Errors.invalidValue(until.toString(), "validUntil", "ValidUntil must be in the future.");
        }
        if (r.validFrom() != null && !r.validFrom().isBefore(until)) {
            throw Ec2Errors.combination("ValidFrom must be earlier than ValidUntil.");
        }
        TagSpecifications.validate(r.tagSpecifications(), "spot-instances-request");
        Store s = stores.current();
        List<SpotRequest> made = new ArrayList<>();
        List<SpotInstanceRequest> answer;
        synchronized (s) {
            if (r.clientToken() != null && s.clientTokens.containsKey(r.clientToken())) {
                return RequestSpotInstancesResponse.builder().spotInstanceRequests(s.clientTokens.get(r.clientToken())
                        .stream().map(s.byId::get).map(SpotRequests::toSdk).toList()).build();
            }
            Ec2Errors.checkDryRun(r.dryRun());
            RequestContext ctx = RequestContext.current();
            for (int i = 0; i < count; i++) {
                SpotRequest q = new SpotRequest("sir-" + context.ids().hex(8), ctx.accountId(), ctx.region(), now, type,
                        r.spotPrice(), r.validFrom(), until, r.launchGroup(), r.availabilityZoneGroup(), interruption,
                        r.launchSpecification());
                q.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
                q.register(context.registry());
                s.byId.put(q.id, q);
                made.add(q);
            }
            if (r.clientToken() != null) {
                s.clientTokens.put(r.clientToken(), made.stream().map(q -> q.id).toList());
            }
            // AWS answers with the requests as submitted: evaluation happens after the answer is made.
            answer = made.stream().map(SpotRequests::toSdk).toList();
        }
        for (SpotRequest q : made) {
            evaluate(s, q);
        }
        return RequestSpotInstancesResponse.builder().spotInstanceRequests(answer).build();
    }

    public DescribeSpotInstanceRequestsResponse describeSpotInstanceRequests(DescribeSpotInstanceRequestsRequest r) {
        Store s = stores.current();
        List<SpotRequest> all;
        synchronized (s) {
            if (r.hasSpotInstanceRequestIds()) {
                for (String id : new LinkedHashSet<>(r.spotInstanceRequestIds())) {
                    require(s, id);
                }
            }
            all = new ArrayList<>(s.byId.values());
        }
        for (SpotRequest q : all) {
            checkInstance(s, q);
            evaluate(s, q);
        }
        synchronized (s) {
            List<SpotRequest> found = new ArrayList<>(s.byId.values());
            if (r.hasSpotInstanceRequestIds() && !r.spotInstanceRequestIds().isEmpty()) {
                found.removeIf(q -> !r.spotInstanceRequestIds().contains(q.id));
            }
            var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                    r.nextToken(), 5, 1000);
            Ec2Errors.checkDryRun(r.dryRun());
            return DescribeSpotInstanceRequestsResponse.builder()
                    .spotInstanceRequests(page.items().stream().map(SpotRequests::toSdk).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    /** Cancelling leaves a launched instance running (it is terminated separately, as AWS documents). */
    public CancelSpotInstanceRequestsResponse cancelSpotInstanceRequests(CancelSpotInstanceRequestsRequest r) {
        Store s = stores.current();
        synchronized (s) {
            if (!r.hasSpotInstanceRequestIds() || r.spotInstanceRequestIds().isEmpty()) {
                throw Ec2Errors.missing("SpotInstanceRequestId");
            }
            List<SpotRequest> requests = new ArrayList<>();
            for (String id : new LinkedHashSet<>(r.spotInstanceRequestIds())) {
                requests.add(require(s, id));
            }
            Ec2Errors.checkDryRun(r.dryRun());
            Instant now = context.clock().now();
            List<CancelledSpotInstanceRequest> out = new ArrayList<>();
            for (SpotRequest q : requests) {
                if (q.state.equals("open")) {
                    q.status("cancelled", "canceled-before-fulfillment",
                            "You canceled your Spot request before it was fulfilled.", now);
                } else if (q.state.equals("active")) {
                    q.status("cancelled", "request-canceled-and-instance-running",
                            "You canceled your Spot request while the Spot Instance was still running.", now);
                }
                out.add(CancelledSpotInstanceRequest.builder().spotInstanceRequestId(q.id).state(q.state).build());
            }
            return CancelSpotInstanceRequestsResponse.builder().cancelledSpotInstanceRequests(out).build();
        }
    }

    /** Evaluates an open request: expiry, schedule, price, and then a launch. Call holding no lock. */
    private void evaluate(Store s, SpotRequest q) {
        String clientToken;
        synchronized (s) {
            Instant now = context.clock().now();
            if (!q.waiting() || q.statusCode.equals("bad-parameters")) {
                return;
            }
            if (!now.isBefore(q.validUntil)) {
                q.status("closed", "schedule-expired", "The Spot request expired because it could not be fulfilled "
                        + "before the specified end date.", q.validUntil);
                return;
            }
            if (q.validFrom != null && now.isBefore(q.validFrom)) {
                q.status("open", "not-scheduled-yet", "Your Spot request will not be evaluated until "
                        + q.validFrom + ".", now);
                return;
            }
            BigDecimal needed = lowestPrice(q, now);
            if (q.maxPrice != null && needed != null && price(q.maxPrice).compareTo(needed) < 0) {
                q.status("open", "price-too-low", "Your Spot request price of " + q.maxPrice + " is lower than the "
                        + "minimum required Spot request fulfillment price of " + needed.toPlainString() + ".", now);
                return;
            }
            q.status("open", "pending-fulfillment", "Your Spot request is pending fulfillment.", now);
            clientToken = q.launches == 0 ? q.id : q.id + "-" + q.launches;
        }
        SpotFulfilment.Outcome outcome = fulfilment.launch(q, clientToken);
        synchronized (s) {
            Instant now = context.clock().now();
            if (outcome.instance() != null) {
                q.instanceId = outcome.instance().instanceId();
                q.launches++;
                q.launchedZone = outcome.instance().placement() != null
                        && outcome.instance().placement().availabilityZone() != null
                        ? outcome.instance().placement().availabilityZone()
                        : q.launch.placement() == null ? null : q.launch.placement().availabilityZone();
                if (q.waiting()) {
                    q.status("active", "fulfilled", "Your Spot request is fulfilled.", now);
                } else if (q.state.equals("cancelled")) {
                    q.status("cancelled", "request-canceled-and-instance-running",
                            "You canceled your Spot request while the Spot Instance was still running.", now);
                }
            } else if (outcome.errorCode().startsWith("InsufficientInstanceCapacity")) {
                q.status("open", "capacity-not-available", "There is no capacity available for the instance type "
                        + "you requested.", now);
            } else if (q.waiting()) {
                q.faultCode = outcome.errorCode();
                q.faultMessage = outcome.errorMessage();
                q.status("failed", "bad-parameters", "Your Spot request is not valid: " + outcome.errorMessage(), now);
            }
        }
    }

    /**
     * An active request whose instance has gone: a one-time request closes, a persistent one opens again
     * to launch another. The instance is looked up with DescribeInstances through the EC2 API.
     */
    private void checkInstance(Store s, SpotRequest q) {
        String instanceId;
        synchronized (s) {
            if (!q.state.equals("active") || q.instanceId == null) {
                return;
            }
            instanceId = q.instanceId;
        }
        Ec2Client ec2 = context.clients().client(Ec2Client.class,
                Caller.service("ec2.amazonaws.com", q.ownerId, q.region, null));
        boolean gone;
        try {
            gone = ec2.describeInstances(b -> b.instanceIds(instanceId)).reservations().stream()
                    .flatMap(x -> x.instances().stream())
                    .allMatch(i -> i.state() != null && GONE.contains(i.state().nameAsString()));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            gone = "InvalidInstanceID.NotFound".equals(code);
        }
        if (!gone) {
            return;
        }
        synchronized (s) {
            if (!q.state.equals("active")) {
                return;
            }
            Instant now = context.clock().now();
            if (q.type.equals("persistent")) {
                q.instanceId = null;
                q.status("open", "pending-evaluation",
                        "Your Spot request has been submitted for review, and is pending evaluation.", now);
            } else {
                q.status("closed", "instance-terminated-by-user", "Spot Instance terminated by user.", now);
            }
        }
    }

    /** The lowest Spot price of the request's type among the zones it may launch in, or null (unknown type). */
    private BigDecimal lowestPrice(SpotRequest q, Instant now) {
        InstanceTypeInfo info = catalogue.info(instanceType(q));
        if (info == null) {
            return null;
        }
        List<AvailabilityZone> zones = context.topology().region(q.region).map(x -> x.zones()).orElse(List.of());
        String wanted = q.launch.placement() == null ? null : q.launch.placement().availabilityZone();
        BigDecimal lowest = null;
        for (AvailabilityZone z : zones) {
            if ((wanted == null || wanted.equals(z.zoneName()))
                    && Offerings.offered(catalogue, info.instanceTypeAsString(), z, zones)) {
                BigDecimal p = SpotPrices.price(info, z.zoneName(), "Linux/UNIX", now);
                lowest = lowest == null || p.compareTo(lowest) < 0 ? p : lowest;
            }
        }
        return lowest;
    }

    private static String instanceType(SpotRequest q) {
        return q.launch.instanceTypeAsString() == null ? DEFAULT_TYPE : q.launch.instanceTypeAsString();
    }

    private static BigDecimal price(String text) {
        try {
            BigDecimal p = new BigDecimal(text);
            if (p.signum() > 0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw Ec2Errors.invalidValue(text, "spotPrice", "The price must be a positive number.");
    }

    private static SpotRequest require(Store s, String id) {
        if (!id.matches("sir-[0-9a-z]{8,17}")) {
            throw new AwsException("InvalidSpotInstanceRequestID.Malformed",
                    "Invalid id: \"" + id + "\" (expecting \"sir-...\")", 400);
        }
        SpotRequest q = s.byId.get(id);
        if (q == null) {
            throw new AwsException("InvalidSpotInstanceRequestID.NotFound",
                    "The spot instance request ID '" + id + "' does not exist", 400);
        }
        return q;
    }

    private static SpotInstanceRequest toSdk(SpotRequest q) {
        LaunchSpecification.Builder launch = ((LaunchSpecification) ShapeCopy.copy(q.launch,
                (SdkPojo) LaunchSpecification.builder())).toBuilder();
        List<GroupIdentifier> groups = new ArrayList<>();
        q.launch.securityGroupIds().forEach(g -> groups.add(GroupIdentifier.builder().groupId(g).build()));
        q.launch.securityGroups().forEach(g -> groups.add(GroupIdentifier.builder().groupName(g).build()));
        launch.securityGroups(groups.isEmpty() ? null : groups);
        return SpotInstanceRequest.builder().spotInstanceRequestId(q.id).spotPrice(q.maxPrice).type(q.type)
                .state(q.state).status(SpotInstanceStatus.builder().code(q.statusCode).message(q.statusMessage)
                        .updateTime(q.statusTime).build())
                .fault(q.faultCode == null ? null
                        : SpotInstanceStateFault.builder().code(q.faultCode).message(q.faultMessage).build())
                .validFrom(q.validFrom).validUntil(q.validUntil).launchGroup(q.launchGroup)
                .availabilityZoneGroup(q.zoneGroup).launchSpecification(launch.build()).instanceId(q.instanceId)
                .createTime(q.created).productDescription("Linux/UNIX").launchedAvailabilityZone(q.launchedZone)
                .instanceInterruptionBehavior(q.interruptionBehavior).tags(q.sdkTags()).build();
    }
}
