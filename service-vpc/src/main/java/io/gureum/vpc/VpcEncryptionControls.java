package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.VpcEncryptionControl;
import io.gureum.vpc.model.VpcPeeringConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateVpcEncryptionControlRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEncryptionControlResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEncryptionControlRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEncryptionControlResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEncryptionControlsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEncryptionControlsResponse;
import software.amazon.awssdk.services.ec2.model.GetVpcResourcesBlockingEncryptionEnforcementRequest;
import software.amazon.awssdk.services.ec2.model.GetVpcResourcesBlockingEncryptionEnforcementResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEncryptionControlRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEncryptionControlResponse;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControlExclusion;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControlExclusions;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionNonCompliantResource;

/**
 * VPC Encryption Controls (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-encryption-controls.html):
 * CreateVpcEncryptionControl, DescribeVpcEncryptionControls, ModifyVpcEncryptionControl, DeleteVpcEncryptionControl
 * and GetVpcResourcesBlockingEncryptionEnforcement. A control starts in {@code monitor} mode ({@code creating}, then
 * {@code available}: an existing VPC "can only be enabled in Monitor Mode first"). Switching to {@code enforce}
 * ({@code enforce-in-progress}) succeeds ({@code available}) only when nothing in the VPC blocks it, else it ends
 * {@code enforce-failed} and stays in monitor mode; the resources are judged when the switch is asked for. What
 * blocks it here: attached internet gateways, egress-only internet gateways, NAT gateways, attached virtual private
 * gateways and active VPC peering connections, each unless its type's exclusion is {@code enabled} or
 * {@code enabling}. Transitions take {@link #TRANSITION} of the clock; a deleted control is described
 * ({@code deleted}) for {@link #VISIBLE_AFTER_DELETE}.
 */
public final class VpcEncryptionControls {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    static final Duration VISIBLE_AFTER_DELETE = Duration.ofHours(1);
    private static final Set<String> MODES = Set.of("monitor", "enforce");
    private static final Set<String> EXCLUSION_INPUTS = Set.of("enable", "disable");
    /** The exclusions, by their API name, in the order VpcEncryptionControlExclusions has them. */
    static final List<String> EXCLUSIONS = List.of("InternetGateway", "EgressOnlyInternetGateway", "NatGateway",
            "VirtualPrivateGateway", "VpcPeering", "Lambda", "VpcLattice", "ElasticFileSystem");

    private final Network net;
    private final Filters<VpcEncryptionControl> filters = new Filters<VpcEncryptionControl>()
            .on("vpc-id", c -> c.vpcId)
            .on("vpc-encryption-control-id", c -> c.id)
            .on("mode", c -> c.mode)
            .on("state", c -> c.state);

    VpcEncryptionControls(Network net) {
        this.net = net;
    }

    static AwsException notFound(String id) {
        return new AwsException("InvalidVpcEncryptionControlId.NotFound",
                "The VPC encryption control ID '" + id + "' does not exist", 400);
    }

    /** Settles transitions that came due; drops deleted controls whose visibility is over. Before each operation. */
    void settle(VpcStore s) {
        if (s.encryptionControls.isEmpty()) {
            return;
        }
        Instant now = net.now();
        for (VpcEncryptionControl c : List.copyOf(s.encryptionControls.values())) {
            Instant due = c.stateSince.plus(TRANSITION);
            if (!now.isBefore(due)) {
                switch (c.state) {
                    case "creating", "monitor-in-progress" -> state(c, "available", null, due);
                    case "enforce-in-progress" -> {
                        // The outcome was judged when the switch was asked for.
                        if (c.pendingFailure != null) {
                            c.mode = "monitor";
                            state(c, "enforce-failed", c.pendingFailure, due);
                            c.pendingFailure = null;
                        } else {
                            state(c, "available", null, due);
                        }
                    }
                    case "deleting" -> {
                        state(c, "deleted", null, due);
                        s.forget(c);
                    }
                    default -> {
                    }
                }
            }
            for (var e : c.exclusionSince.entrySet()) {
                if (!now.isBefore(e.getValue().plus(TRANSITION))) {
                    c.exclusions.computeIfPresent(e.getKey(), (k, v) -> v.equals("enabling") ? "enabled"
                            : v.equals("disabling") ? "disabled" : v);
                }
            }
            if (c.deleted != null && c.state.equals("deleted")
                    && !now.isBefore(c.deleted.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
                s.remove(s.encryptionControls, c.id);
            }
        }
    }

    private static void state(VpcEncryptionControl c, String state, String message, Instant since) {
        c.state = state;
        c.stateMessage = message;
        c.stateSince = since;
    }

    public CreateVpcEncryptionControlResponse createVpcEncryptionControl(CreateVpcEncryptionControlRequest r) {
        VpcStore s = net.store();
        if (r.vpcId() == null) {
            throw Ec2Errors.missing("VpcId");
        }
        String vpcId = net.vpcs.require(s, r.vpcId()).id;
        VpcEncryptionControl existing = liveFor(s, vpcId);
        if (existing != null) {
            throw Ec2Errors.invalidParameterValue("The VPC " + vpcId + " already has the VPC encryption control "
                    + existing.id + ".");
        }
        Tags.validate(r.tagSpecifications(), "vpc-encryption-control");
        Ec2Errors.checkDryRun(r.dryRun());
        VpcEncryptionControl c = new VpcEncryptionControl(net.id("vpcec"), s.account, net.now());
        c.vpcId = vpcId;
        for (String name : EXCLUSIONS) {
            c.exclusions.put(name, "disabled");
        }
        Tags.apply(r.tagSpecifications(), c);
        s.put(s.encryptionControls, c);
        return CreateVpcEncryptionControlResponse.builder().vpcEncryptionControl(toSdk(s, c)).build();
    }

    public ModifyVpcEncryptionControlResponse modifyVpcEncryptionControl(ModifyVpcEncryptionControlRequest r) {
        VpcStore s = net.store();
        VpcEncryptionControl c = requireLive(s, r.vpcEncryptionControlId());
        String mode = r.modeAsString();
        if (mode != null && !MODES.contains(mode)) {
            throw Ec2Errors.invalidValue(mode, "Mode", "Valid values: monitor, enforce");
        }
        Map<String, String> asked = new LinkedHashMap<>();
        exclusion(asked, "InternetGateway", r.internetGatewayExclusionAsString());
        exclusion(asked, "EgressOnlyInternetGateway", r.egressOnlyInternetGatewayExclusionAsString());
        exclusion(asked, "NatGateway", r.natGatewayExclusionAsString());
        exclusion(asked, "VirtualPrivateGateway", r.virtualPrivateGatewayExclusionAsString());
        exclusion(asked, "VpcPeering", r.vpcPeeringExclusionAsString());
        exclusion(asked, "Lambda", r.lambdaExclusionAsString());
        exclusion(asked, "VpcLattice", r.vpcLatticeExclusionAsString());
        exclusion(asked, "ElasticFileSystem", r.elasticFileSystemExclusionAsString());
        if (mode == null && asked.isEmpty()) {
            throw Ec2Errors.missing("Mode");
        }
        if (!c.state.equals("available") && !c.state.endsWith("-failed")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The VPC encryption control " + c.id + " is in state "
                    + c.state + " and cannot be modified.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Instant now = net.now();
        asked.forEach((name, input) -> {
            String current = c.exclusions.getOrDefault(name, "disabled");
            boolean on = current.equals("enabled") || current.equals("enabling");
            if (input.equals("enable") && !on) {
                c.exclusions.put(name, "enabling");
                c.exclusionSince.put(name, now);
            } else if (input.equals("disable") && on) {
                c.exclusions.put(name, "disabling");
                c.exclusionSince.put(name, now);
            }
        });
        if ("enforce".equals(mode)) {
            List<VpcEncryptionNonCompliantResource> blocking = blocking(s, c);
            c.mode = "enforce";
            state(c, "enforce-in-progress", null, now);
            c.pendingFailure = blocking.isEmpty() ? null : "Resources in the VPC block encryption enforcement: "
                    + String.join(", ", blocking.stream().map(VpcEncryptionNonCompliantResource::id).toList());
        } else if ("monitor".equals(mode) && !c.mode.equals("monitor")) {
            c.mode = "monitor";
            state(c, "monitor-in-progress", null, now);
        }
        return ModifyVpcEncryptionControlResponse.builder().vpcEncryptionControl(toSdk(s, c)).build();
    }

    public DeleteVpcEncryptionControlResponse deleteVpcEncryptionControl(DeleteVpcEncryptionControlRequest r) {
        VpcStore s = net.store();
        VpcEncryptionControl c = requireLive(s, r.vpcEncryptionControlId());
        Ec2Errors.checkDryRun(r.dryRun());
        markDeleted(c);
        return DeleteVpcEncryptionControlResponse.builder().vpcEncryptionControl(toSdk(s, c)).build();
    }

    public DescribeVpcEncryptionControlsResponse describeVpcEncryptionControls(DescribeVpcEncryptionControlsRequest r) {
        VpcStore s = net.store();
        List<VpcEncryptionControl> found = Selected.byIds(s.encryptionControls, r.vpcEncryptionControlIds(), id -> notFound(id));
        if (r.hasVpcIds() && !r.vpcIds().isEmpty()) {
            found.removeIf(c -> !r.vpcIds().contains(c.vpcId));
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeVpcEncryptionControlsResponse.builder()
                .vpcEncryptionControls(page.items().stream().map(c -> toSdk(s, c)).toList())
                .nextToken(page.nextToken()).build();
    }

    public GetVpcResourcesBlockingEncryptionEnforcementResponse getVpcResourcesBlockingEncryptionEnforcement(
            GetVpcResourcesBlockingEncryptionEnforcementRequest r) {
        VpcStore s = net.store();
        if (r.vpcId() == null) {
            throw Ec2Errors.missing("VpcId");
        }
        String vpcId = net.vpcs.require(s, r.vpcId()).id;
        VpcEncryptionControl c = liveFor(s, vpcId);
        var page = Pagination.page(blocking(s, vpcId, c), r.maxResults(), r.nextToken(), 5, 1000);
        Ec2Errors.checkDryRun(r.dryRun());
        return GetVpcResourcesBlockingEncryptionEnforcementResponse.builder().nonCompliantResources(page.items())
                .nextToken(page.nextToken()).build();
    }

    /** A deleted VPC takes its encryption control with it. */
    void vpcDeleted(VpcStore s, String vpcId) {
        VpcEncryptionControl c = liveFor(s, vpcId);
        if (c != null) {
            markDeleted(c);
        }
    }

    private void markDeleted(VpcEncryptionControl c) {
        state(c, "deleting", null, net.now());
        c.deleted = net.now();
    }

    private List<VpcEncryptionNonCompliantResource> blocking(VpcStore s, VpcEncryptionControl c) {
        return blocking(s, c.vpcId, c);
    }

    /**
     * What blocks enforcement in the VPC, in a stable order: gateways and peering connections whose type the
     * control does not exclude (all are excludable).
     */
    private List<VpcEncryptionNonCompliantResource> blocking(VpcStore s, String vpcId, VpcEncryptionControl c) {
        List<VpcEncryptionNonCompliantResource> out = new ArrayList<>();
        if (!excluded(c, "InternetGateway")) {
            s.internetGateways.values().stream().filter(g -> vpcId.equals(g.attachedVpcId))
                    .forEach(g -> out.add(resource(g.id, "internet-gateway", "Internet gateway " + g.id
                            + " attached to the VPC")));
        }
        if (!excluded(c, "EgressOnlyInternetGateway")) {
            s.egressOnlyInternetGateways.values().stream().filter(g -> vpcId.equals(g.vpcId))
                    .forEach(g -> out.add(resource(g.id, "egress-only-internet-gateway",
                            "Egress-only internet gateway " + g.id + " attached to the VPC")));
        }
        if (!excluded(c, "NatGateway")) {
            s.natGateways.values().stream().filter(n -> vpcId.equals(n.vpcId) && net.natGateways.holdsSubnet(n))
                    .forEach(n -> out.add(resource(n.id, "nat-gateway", "NAT gateway " + n.id + " in the VPC")));
        }
        if (!excluded(c, "VirtualPrivateGateway")) {
            s.vpnGateways.values().stream().filter(v -> v.attachments.containsKey(vpcId)
                    && !"detached".equals(v.attachments.get(vpcId)))
                    .forEach(v -> out.add(resource(v.id, "vpn-gateway", "Virtual private gateway " + v.id
                            + " attached to the VPC")));
        }
        if (!excluded(c, "VpcPeering")) {
            for (VpcPeeringConnection p : s.peerings.values()) {
                if ("active".equals(p.status) && (vpcId.equals(p.requesterVpcId) || vpcId.equals(p.accepterVpcId))) {
                    out.add(resource(p.id, "vpc-peering-connection", "VPC peering connection " + p.id
                            + " of the VPC"));
                }
            }
        }
        return out;
    }

    private static boolean excluded(VpcEncryptionControl c, String name) {
        if (c == null) {
            return false;
        }
        String state = c.exclusions.getOrDefault(name, "disabled");
        return state.equals("enabled") || state.equals("enabling");
    }

    private static VpcEncryptionNonCompliantResource resource(String id, String type, String description) {
        return VpcEncryptionNonCompliantResource.builder().id(id).type(type).description(description)
                .isExcludable(true).build();
    }

    private static void exclusion(Map<String, String> asked, String name, String input) {
        if (input == null) {
            return;
        }
        if (!EXCLUSION_INPUTS.contains(input)) {
            throw Ec2Errors.invalidValue(input, name + "Exclusion", "Valid values: enable, disable");
        }
        asked.put(name, input);
    }

    private static VpcEncryptionControl liveFor(VpcStore s, String vpcId) {
        return s.encryptionControls.values().stream().filter(c -> vpcId.equals(c.vpcId) && c.deleted == null)
                .findFirst().orElse(null);
    }

    private static VpcEncryptionControl requireLive(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("VpcEncryptionControlId");
        }
        VpcEncryptionControl c = s.encryptionControls.get(id);
        if (c == null || c.deleted != null) {
            throw notFound(id);
        }
        return c;
    }

    /** The control as EC2 describes it (also in DescribeVpcs' EncryptionControl). */
    software.amazon.awssdk.services.ec2.model.VpcEncryptionControl toSdk(VpcStore s, VpcEncryptionControl c) {
        Map<String, VpcEncryptionControlExclusion> e = new LinkedHashMap<>();
        c.exclusions.forEach((name, state) -> e.put(name, VpcEncryptionControlExclusion.builder().state(state).build()));
        return software.amazon.awssdk.services.ec2.model.VpcEncryptionControl.builder().vpcId(c.vpcId)
                .vpcEncryptionControlId(c.id).mode(c.mode).state(c.state).stateMessage(c.stateMessage)
                .resourceExclusions(VpcEncryptionControlExclusions.builder().internetGateway(e.get("InternetGateway"))
                        .egressOnlyInternetGateway(e.get("EgressOnlyInternetGateway")).natGateway(e.get("NatGateway"))
                        .virtualPrivateGateway(e.get("VirtualPrivateGateway")).vpcPeering(e.get("VpcPeering"))
                        .lambda(e.get("Lambda")).vpcLattice(e.get("VpcLattice"))
                        .elasticFileSystem(e.get("ElasticFileSystem")).build())
                .tags(Tags.toSdk(s.tagsOf(c))).build();
    }

    /** The VPC's live control as DescribeVpcs shows it, or null. */
    software.amazon.awssdk.services.ec2.model.VpcEncryptionControl ofVpc(VpcStore s, String vpcId) {
        VpcEncryptionControl c = liveFor(s, vpcId);
        return c == null ? null : toSdk(s, c);
    }
}
