package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.core.spi.Caller;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.RouteServer;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.Vpc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AssociateRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.AssociateRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.CreateRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.DeleteRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteServersResponse;
import software.amazon.awssdk.services.ec2.model.DisableRouteServerPropagationRequest;
import software.amazon.awssdk.services.ec2.model.DisableRouteServerPropagationResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.EnableRouteServerPropagationRequest;
import software.amazon.awssdk.services.ec2.model.EnableRouteServerPropagationResponse;
import software.amazon.awssdk.services.ec2.model.GetRouteServerAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.GetRouteServerAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.GetRouteServerPropagationsRequest;
import software.amazon.awssdk.services.ec2.model.GetRouteServerPropagationsResponse;
import software.amazon.awssdk.services.ec2.model.GetRouteServerRoutingDatabaseRequest;
import software.amazon.awssdk.services.ec2.model.GetRouteServerRoutingDatabaseResponse;
import software.amazon.awssdk.services.ec2.model.ModifyRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.ModifyRouteServerResponse;
import software.amazon.awssdk.services.ec2.model.RouteServerAssociation;
import software.amazon.awssdk.services.ec2.model.RouteServerPropagation;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * VPC Route Server (https://docs.aws.amazon.com/vpc/latest/userguide/dynamic-routing-route-server.html): a route
 * server, associated with one VPC, holds the routes BGP peers advertise to its endpoints and installs the best of
 * them in the route tables it propagates to. States follow the clock: a route server is {@code pending} for
 * {@link #TRANSITION} after CreateRouteServer, {@code modifying} as long after ModifyRouteServer, {@code deleting}
 * as long after DeleteRouteServer, then {@code deleted} and still described for {@link #VISIBLE_AFTER_DELETE}; an
 * association is {@code associating} then {@code associated}, and {@code disassociating} before it goes; a
 * propagation {@code pending} then {@code available}, and {@code deleting} before it goes. No BGP speaker ever
 * connects to an endpoint here, so the routing database stays empty and no route is ever propagated.
 */
public final class RouteServers {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    static final Duration VISIBLE_AFTER_DELETE = Duration.ofHours(1);
    static final long MAX_ASN = 4294967295L;

    private final Network net;
    private final Filters<RouteServer> filters;

    RouteServers(Network net) {
        this.net = net;
        this.filters = new Filters<RouteServer>()
                .on("route-server-id", rs -> rs.id)
                .on("state", this::state)
                .on("amazon-side-asn", rs -> String.valueOf(rs.amazonSideAsn))
                .on("persist-routes-state", this::persistState)
                .on("sns-notifications-enabled", rs -> String.valueOf(rs.snsNotificationsEnabled));
    }

    /** AWS's error for a route server ID that does not exist. */
    static AwsException notFound(String id) {
        return new AwsException("InvalidRouteServerId.NotFound", "The route server ID '" + id + "' does not exist",
                400);
    }

    // ---- states on the clock

    String state(RouteServer rs) {
        Instant now = net.now();
        if (rs.deleteRequested != null) {
            return now.isBefore(rs.deleteRequested.plus(TRANSITION)) ? "deleting" : "deleted";
        }
        if (now.isBefore(rs.created.plus(TRANSITION))) {
            return "pending";
        }
        if (rs.modified != null && now.isBefore(rs.modified.plus(TRANSITION))) {
            return "modifying";
        }
        return "available";
    }

    String persistState(RouteServer rs) {
        if (rs.persistChanged != null && net.now().isBefore(rs.persistChanged.plus(TRANSITION))) {
            return rs.persistChange;
        }
        return rs.persistRoutes;
    }

    /** The association's state, or null when the route server has none. */
    String associationState(RouteServer rs) {
        if (rs.vpcId == null) {
            return null;
        }
        Instant now = net.now();
        if (rs.disassociateRequested != null) {
            return now.isBefore(rs.disassociateRequested.plus(TRANSITION)) ? "disassociating" : null;
        }
        return now.isBefore(rs.associated.plus(TRANSITION)) ? "associating" : "associated";
    }

    private String propagationState(RouteServer rs, String table) {
        Instant disabled = rs.propagationsDisabled.get(table);
        if (disabled != null) {
            return net.now().isBefore(disabled.plus(TRANSITION)) ? "deleting" : null;
        }
        Instant enabled = rs.propagations.get(table);
        if (enabled == null) {
            return null;
        }
        return net.now().isBefore(enabled.plus(TRANSITION)) ? "pending" : "available";
    }

    /** A route server the caller may use: one that exists and is not deleted. */
    RouteServer require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("RouteServerId");
        }
        RouteServer rs = s.routeServers.get(id);
        if (rs == null || state(rs).equals("deleted")) {
            throw notFound(id);
        }
        return rs;
    }

    /** A route server that is {@code available} (not pending, modifying or being deleted). */
    private RouteServer requireAvailable(VpcStore s, String id) {
        RouteServer rs = require(s, id);
        String state = state(rs);
        if (!state.equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The route server " + rs.id + " is in state " + state
                    + "; the request needs it available.");
        }
        return rs;
    }

    /** Whether a route server is associated (or associating, or disassociating) with the VPC. */
    boolean associatedWith(VpcStore s, String vpcId) {
        return s.routeServers.values().stream().anyMatch(rs -> vpcId.equals(rs.vpcId) && associationState(rs) != null);
    }

    /**
     * Settles what came due on the clock: disassociations and disabled propagations end, deleted route servers,
     * endpoints and peers leave the registry, and the store an hour later. Called before each operation.
     */
    void settle(VpcStore s) {
        if (s.routeServers.isEmpty()) {
            return;
        }
        Instant now = net.now();
        for (RouteServer rs : List.copyOf(s.routeServers.values())) {
            if (rs.vpcId != null && associationState(rs) == null) {
                rs.vpcId = null;
                rs.associated = null;
                rs.disassociateRequested = null;
            }
            for (String table : List.copyOf(rs.propagationsDisabled.keySet())) {
                if (propagationState(rs, table) == null) {
                    rs.propagationsDisabled.remove(table);
                    rs.propagations.remove(table);
                }
            }
            if (rs.deleteRequested != null && state(rs).equals("deleted")) {
                forgetWhenDue(s, s.routeServers, rs, rs.deleteRequested, now);
            }
        }
        net.routeServerEndpoints.settle(s, now);
    }

    /** A deleted resource leaves the registry once deleted, and the store {@link #VISIBLE_AFTER_DELETE} later. */
    static <T extends io.gureum.vpc.model.Resource> void forgetWhenDue(VpcStore s, Map<String, T> family, T resource,
            Instant deleteRequested, Instant now) {
        if (s.registered(resource)) {
            s.forget(resource);
        }
        if (!now.isBefore(deleteRequested.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
            s.remove(family, resource.id);
        }
    }

    /** A deleted route table propagates no more. */
    void forgetRouteTable(VpcStore s, String tableId) {
        for (RouteServer rs : s.routeServers.values()) {
            rs.propagations.remove(tableId);
            rs.propagationsDisabled.remove(tableId);
        }
    }

    // ---- route servers

    private static void checkAsn(Long asn, String parameter) {
        if (asn == null) {
            throw Ec2Errors.missing(parameter);
        }
        if (asn < 1 || asn > MAX_ASN) {
            throw Ec2Errors.invalidValue(String.valueOf(asn), parameter, "Valid values are from 1 to " + MAX_ASN
                    + ".");
        }
    }

    private static void checkDuration(Long minutes) {
        if (minutes != null && (minutes < 1 || minutes > 5)) {
            throw Ec2Errors.invalidValue(String.valueOf(minutes), "PersistRoutesDuration", "The value must be in "
                    + "the range of 1-5.");
        }
    }

    public CreateRouteServerResponse createRouteServer(CreateRouteServerRequest r) {
        VpcStore s = net.store();
        checkAsn(r.amazonSideAsn(), "AmazonSideAsn");
        String persist = r.persistRoutesAsString();
        if (persist != null && !persist.equals("enable") && !persist.equals("disable")) {
            throw Ec2Errors.invalidValue(persist, "PersistRoutes", "A new route server takes enable or disable.");
        }
        boolean enabled = "enable".equals(persist);
        checkDuration(r.persistRoutesDuration());
        if (r.persistRoutesDuration() != null && !enabled) {
            throw Ec2Errors.combination("PersistRoutesDuration is only valid when PersistRoutes is enable.");
        }
        boolean sns = Boolean.TRUE.equals(r.snsNotificationsEnabled());
        if (r.clientToken() != null) {
            for (RouteServer rs : s.routeServers.values()) {
                if (r.clientToken().equals(rs.clientToken)) {
                    if (rs.amazonSideAsn != r.amazonSideAsn() || enabled != rs.persistRoutes.equals("enabled")
                            || sns != rs.snsNotificationsEnabled) {
                        throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage("The client token "
                                + r.clientToken() + " was used with different parameters.");
                    }
                    return CreateRouteServerResponse.builder().routeServer(toSdk(rs)).build();
                }
            }
        }
        Tags.validate(r.tagSpecifications(), "route-server");
        if (sns) {
            requireSns();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        RouteServer rs = new RouteServer(net.id("rs"), s.account, net.now());
        rs.amazonSideAsn = r.amazonSideAsn();
        rs.clientToken = r.clientToken();
        rs.persistRoutes = enabled ? "enabled" : "disabled";
        rs.persistRoutesDuration = enabled ? Objects.requireNonNullElse(r.persistRoutesDuration(), 1L) : null;
        if (sns) {
            rs.snsNotificationsEnabled = true;
            rs.snsTopicArn = createTopic(s, rs);
        }
        Tags.apply(r.tagSpecifications(), rs);
        s.put(s.routeServers, rs);
        return CreateRouteServerResponse.builder().routeServer(toSdk(rs)).build();
    }

    public DescribeRouteServersResponse describeRouteServers(DescribeRouteServersRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<RouteServer> found = Selected.byIds(s.routeServers, r.routeServerIds(), id -> notFound(id));
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeRouteServersResponse.builder().routeServers(page.items().stream().map(this::toSdk).toList())
                .nextToken(page.nextToken()).build();
    }

    /**
     * ModifyRouteServer: persistence {@code enable} (with a duration of 1 to 5 minutes, 1 when none is given),
     * {@code disable} or {@code reset} (which withdraws persisted routes: there never are any here), and SNS
     * notifications on or off (the topic is made or deleted through SNS).
     */
    public ModifyRouteServerResponse modifyRouteServer(ModifyRouteServerRequest r) {
        VpcStore s = net.store();
        RouteServer rs = requireAvailable(s, r.routeServerId());
        String persist = r.persistRoutesAsString();
        if (persist != null && !Set.of("enable", "disable", "reset").contains(persist)) {
            throw Ec2Errors.invalidValue(persist, "PersistRoutes", "Valid values are enable, disable and reset.");
        }
        checkDuration(r.persistRoutesDuration());
        boolean enabling = "enable".equals(persist) || persist == null && rs.persistRoutes.equals("enabled");
        if (r.persistRoutesDuration() != null && !enabling) {
            throw Ec2Errors.combination("PersistRoutesDuration is only valid when route persistence is enabled.");
        }
        if ("reset".equals(persist) && !rs.persistRoutes.equals("enabled")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Route persistence of " + rs.id + " is not enabled, so there "
                    + "are no persisted routes to reset.");
        }
        Boolean sns = r.snsNotificationsEnabled();
        if (Boolean.TRUE.equals(sns) && !rs.snsNotificationsEnabled) {
            requireSns();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = net.now();
        rs.modified = now;
        if (persist != null) {
            rs.persistChanged = now;
            switch (persist) {
                case "enable" -> {
                    rs.persistChange = rs.persistRoutes.equals("enabled") ? "modifying" : "enabling";
                    rs.persistRoutes = "enabled";
                }
                case "disable" -> {
                    rs.persistChange = "disabling";
                    rs.persistRoutes = "disabled";
                }
                default -> rs.persistChange = "resetting";
            }
        }
        if (rs.persistRoutes.equals("enabled")) {
            if (r.persistRoutesDuration() != null) {
                rs.persistRoutesDuration = r.persistRoutesDuration();
            } else if (rs.persistRoutesDuration == null) {
                rs.persistRoutesDuration = 1L;
            }
        } else {
            rs.persistRoutesDuration = null;
        }
        if (sns != null && sns != rs.snsNotificationsEnabled) {
            if (sns) {
                rs.snsTopicArn = createTopic(s, rs);
            } else {
                deleteTopic(s, rs);
            }
            rs.snsNotificationsEnabled = sns;
        }
        return ModifyRouteServerResponse.builder().routeServer(toSdk(rs)).build();
    }

    /** A route server with an association, endpoints or propagations cannot be deleted: they go first. */
    public DeleteRouteServerResponse deleteRouteServer(DeleteRouteServerRequest r) {
        VpcStore s = net.store();
        RouteServer rs = require(s, r.routeServerId());
        List<String> endpoints = s.routeServerEndpoints.values().stream()
                .filter(e -> e.routeServerId.equals(rs.id) && e.deleteRequested == null).map(e -> e.id).toList();
        if (!endpoints.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The route server " + rs.id + " has route server endpoints ("
                    + String.join(", ", endpoints) + "): delete them first.");
        }
        if (associationState(rs) != null) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The route server " + rs.id + " is associated with "
                    + rs.vpcId + ": disassociate it first.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (rs.deleteRequested == null) {
            rs.deleteRequested = net.now();
            rs.propagations.clear();
            rs.propagationsDisabled.clear();
            if (rs.snsTopicArn != null) {
                deleteTopic(s, rs);
            }
        }
        return DeleteRouteServerResponse.builder().routeServer(toSdk(rs)).build();
    }

    software.amazon.awssdk.services.ec2.model.RouteServer toSdk(RouteServer rs) {
        String persist = persistState(rs);
        return software.amazon.awssdk.services.ec2.model.RouteServer.builder().routeServerId(rs.id)
                .amazonSideAsn(rs.amazonSideAsn).state(state(rs)).tags(Tags.toSdk(rs.tags))
                .persistRoutesState(persist)
                .persistRoutesDuration(rs.persistRoutes.equals("enabled") ? rs.persistRoutesDuration : null)
                .snsNotificationsEnabled(rs.snsNotificationsEnabled).snsTopicArn(rs.snsTopicArn).build();
    }

    // ---- SNS

    private void requireSns() {
        if (!net.ctx.clients().serves(SnsClient.class)) {
            throw new AwsException("NotImplemented", "SnsNotificationsEnabled needs SNS, which is not enabled in "
                    + "this run (see --services).", 501, false);
        }
    }

    /** SNS as the caller's account: AWS makes the topic with the caller's own {@code sns:CreateTopic} right. */
    private SnsClient sns(VpcStore s) {
        return net.ctx.clients().client(SnsClient.class, Caller.root(s.account, s.region));
    }

    /**
     * The route server's topic, made in the caller's account (AWS asks the caller for {@code sns:CreateTopic},
     * https://docs.aws.amazon.com/vpc/latest/userguide/route-server-iam.html); its name is Gureum's choice.
     */
    private String createTopic(VpcStore s, RouteServer rs) {
        return sns(s).createTopic(b -> b.name("route-server-" + rs.id)).topicArn();
    }

    private void deleteTopic(VpcStore s, RouteServer rs) {
        if (net.ctx.clients().serves(SnsClient.class)) {
            String arn = rs.snsTopicArn;
            sns(s).deleteTopic(b -> b.topicArn(arn));
        }
        rs.snsTopicArn = null;
    }

    // ---- associations

    public AssociateRouteServerResponse associateRouteServer(AssociateRouteServerRequest r) {
        VpcStore s = net.store();
        RouteServer rs = requireAvailable(s, r.routeServerId());
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (associationState(rs) != null) {
            throw new AwsException("Resource.AlreadyAssociated", "The route server " + rs.id + " is already "
                    + "associated with " + rs.vpcId + ".", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        rs.vpcId = vpc.id;
        rs.associated = net.now();
        rs.disassociateRequested = null;
        return AssociateRouteServerResponse.builder().routeServerAssociation(association(rs)).build();
    }

    /** The route server's endpoints and propagations go before its association. */
    public DisassociateRouteServerResponse disassociateRouteServer(DisassociateRouteServerRequest r) {
        VpcStore s = net.store();
        RouteServer rs = require(s, r.routeServerId());
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        String state = associationState(rs);
        if (state == null || !vpc.id.equals(rs.vpcId) || state.equals("disassociating")) {
            throw Ec2Error.INVALID_ASSOCIATION_NOT_FOUND.withMessage("The route server " + rs.id
                    + " is not associated with " + vpc.id + ".");
        }
        List<String> endpoints = s.routeServerEndpoints.values().stream()
                .filter(e -> e.routeServerId.equals(rs.id) && e.deleteRequested == null).map(e -> e.id).toList();
        if (!endpoints.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The route server " + rs.id + " has route server endpoints in "
                    + vpc.id + " (" + String.join(", ", endpoints) + "): delete them first.");
        }
        List<String> tables = rs.propagations.keySet().stream().filter(t -> !rs.propagationsDisabled.containsKey(t))
                .toList();
        if (!tables.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The route server " + rs.id + " propagates to "
                    + String.join(", ", tables) + ": disable those propagations first.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        rs.disassociateRequested = net.now();
        return DisassociateRouteServerResponse.builder().routeServerAssociation(association(rs)).build();
    }

    public GetRouteServerAssociationsResponse getRouteServerAssociations(GetRouteServerAssociationsRequest r) {
        VpcStore s = net.store();
        RouteServer rs = require(s, r.routeServerId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<RouteServerAssociation> list = associationState(rs) == null ? List.of() : List.of(association(rs));
        return GetRouteServerAssociationsResponse.builder().routeServerAssociations(list).build();
    }

    private RouteServerAssociation association(RouteServer rs) {
        return RouteServerAssociation.builder().routeServerId(rs.id).vpcId(rs.vpcId).state(associationState(rs))
                .build();
    }

    /** The route server's association with a VPC, which endpoints and propagations need. */
    String associatedVpc(RouteServer rs) {
        return "associated".equals(associationState(rs)) ? rs.vpcId : null;
    }

    // ---- propagations

    public EnableRouteServerPropagationResponse enableRouteServerPropagation(EnableRouteServerPropagationRequest r) {
        VpcStore s = net.store();
        RouteServer rs = require(s, r.routeServerId());
        RouteTable t = net.routeTables.require(s, r.routeTableId());
        String vpc = associatedVpc(rs);
        if (vpc == null) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The route server " + rs.id + " is not associated with a VPC.");
        }
        if (!vpc.equals(t.vpcId)) {
            throw Ec2Errors.invalidParameterValue("The route table " + t.id + " is not in " + vpc
                    + ", the VPC of route server " + rs.id + ".");
        }
        if (s.vpnGateways.values().stream().anyMatch(g -> t.propagatingVgws.contains(g.id))) {
            // Route server does not support route tables associated with virtual private gateways.
            throw Ec2Errors.invalidParameterValue("The route table " + t.id + " propagates routes of a virtual "
                    + "private gateway; route server does not propagate to it.");
        }
        String state = propagationState(rs, t.id);
        if (state != null && !state.equals("deleting")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Propagation from " + rs.id + " to " + t.id
                    + " is already enabled.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        rs.propagationsDisabled.remove(t.id);
        rs.propagations.put(t.id, net.now());
        return EnableRouteServerPropagationResponse.builder().routeServerPropagation(propagation(rs, t.id)).build();
    }

    public DisableRouteServerPropagationResponse disableRouteServerPropagation(
            DisableRouteServerPropagationRequest r) {
        VpcStore s = net.store();
        RouteServer rs = require(s, r.routeServerId());
        RouteTable t = net.routeTables.require(s, r.routeTableId());
        String state = propagationState(rs, t.id);
        if (state == null || state.equals("deleting")) {
            throw Ec2Error.INVALID_PARAMETER_VALUE.withMessage("Route server " + rs.id + " does not propagate to "
                    + t.id + ".");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        rs.propagationsDisabled.put(t.id, net.now());
        return DisableRouteServerPropagationResponse.builder().routeServerPropagation(propagation(rs, t.id))
                .build();
    }

    public GetRouteServerPropagationsResponse getRouteServerPropagations(GetRouteServerPropagationsRequest r) {
        VpcStore s = net.store();
        RouteServer rs = require(s, r.routeServerId());
        if (r.routeTableId() != null) {
            net.routeTables.require(s, r.routeTableId());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<RouteServerPropagation> list = new ArrayList<>();
        for (String table : rs.propagations.keySet()) {
            if ((r.routeTableId() == null || r.routeTableId().equals(table)) && propagationState(rs, table) != null) {
                list.add(propagation(rs, table));
            }
        }
        return GetRouteServerPropagationsResponse.builder().routeServerPropagations(list).build();
    }

    private RouteServerPropagation propagation(RouteServer rs, String table) {
        return RouteServerPropagation.builder().routeServerId(rs.id).routeTableId(table)
                .state(propagationState(rs, table)).build();
    }

    // ---- routing database

    /**
     * The routes BGP peers advertised: none, as no BGP session is ever established here (every peer's BGP
     * status is {@code down}). AWS documents no filter names for it, so filters are taken as given (there is
     * nothing for them to filter); pagination is AWS's (5 to 1000 per page).
     */
    public GetRouteServerRoutingDatabaseResponse getRouteServerRoutingDatabase(GetRouteServerRoutingDatabaseRequest r) {
        VpcStore s = net.store();
        RouteServer rs = require(s, r.routeServerId());
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(List.<software.amazon.awssdk.services.ec2.model.RouteServerRoute>of(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return GetRouteServerRoutingDatabaseResponse.builder().areRoutesPersisted(false).routes(page.items())
                .nextToken(page.nextToken()).build();
    }
}
