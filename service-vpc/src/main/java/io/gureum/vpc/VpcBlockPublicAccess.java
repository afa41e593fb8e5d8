package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Arns;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.VpcBlockPublicAccessExclusion;
import io.gureum.vpc.model.VpcBlockPublicAccessOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateVpcBlockPublicAccessExclusionRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcBlockPublicAccessExclusionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcBlockPublicAccessExclusionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcBlockPublicAccessExclusionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcBlockPublicAccessExclusionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcBlockPublicAccessExclusionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcBlockPublicAccessOptionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcBlockPublicAccessOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcBlockPublicAccessExclusionRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcBlockPublicAccessExclusionResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcBlockPublicAccessOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcBlockPublicAccessOptionsResponse;

/**
 * VPC Block Public Access (https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html): the account's
 * mode in a Region ({@code off}, {@code block-bidirectional}, {@code block-ingress}) and exclusions of single VPCs
 * or subnets ({@code allow-bidirectional}, {@code allow-egress}). A change is {@code update-in-progress} for
 * {@link #TRANSITION} on the clock, then {@code update-complete}; exclusions go the same way through
 * {@code create-}, {@code update-} and {@code delete-in-progress} to {@code -complete}, and a deleted exclusion is
 * still described ({@code delete-complete}) for {@link #VISIBLE_AFTER_DELETE}. The mode and the exclusions take
 * effect when complete, in the Reachability Analyzer ({@link #blocks}): traffic through internet gateways is what
 * BPA blocks.
 */
public final class VpcBlockPublicAccess {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    static final Duration VISIBLE_AFTER_DELETE = Duration.ofHours(1);
    private static final List<String> MODES = List.of("off", "block-bidirectional", "block-ingress");
    private static final List<String> EXCLUSION_MODES = List.of("allow-bidirectional", "allow-egress");

    private final Network net;
    private final Filters<VpcBlockPublicAccessExclusion> filters;

    VpcBlockPublicAccess(Network net) {
        this.net = net;
        this.filters = new Filters<VpcBlockPublicAccessExclusion>()
                .on("resource-arn", e -> resourceArn(net.store(), e))
                .on("internet-gateway-exclusion-mode", e -> e.mode)
                .on("state", this::state);
    }

    /** AWS's code for an exclusion ID that does not exist. */
    static AwsException notFound(String id) {
        return new AwsException("InvalidVpcBlockPublicAccessExclusionId.NotFound",
                "The exclusion ID '" + id + "' does not exist", 400);
    }

    String state(VpcBlockPublicAccessExclusion e) {
        return e.phase + (net.now().isBefore(e.phaseStarted.plus(TRANSITION)) ? "-in-progress" : "-complete");
    }

    private String optionsState(VpcBlockPublicAccessOptions o) {
        if (o == null) {
            return "default-state";
        }
        return net.now().isBefore(o.lastUpdate.plus(TRANSITION)) ? "update-in-progress" : "update-complete";
    }

    /** The mode in force: a change takes effect once complete. */
    String mode(VpcStore s) {
        VpcBlockPublicAccessOptions o = s.bpaOptions.get(VpcBlockPublicAccessOptions.ID);
        if (o == null) {
            return "off";
        }
        return optionsState(o).equals("update-complete") ? o.mode : o.previousMode;
    }

    /** The exclusion mode in force for the subnet (its own exclusion, else its VPC's), or null. */
    private String exclusion(VpcStore s, Subnet subnet) {
        String vpcMode = null;
        for (VpcBlockPublicAccessExclusion e : s.bpaExclusions.values()) {
            String state = state(e);
            if (!state.equals("create-complete") && !state.startsWith("update-")) {
                continue;
            }
            if (subnet.id.equals(e.subnetId)) {
                return e.mode;
            }
            if (subnet.vpcId.equals(e.vpcId)) {
                vpcMode = e.mode;
            }
        }
        return vpcMode;
    }

    /**
     * Whether BPA blocks the subnet's traffic through an internet gateway. Bidirectional mode blocks both ways
     * except for excluded subnets ({@code allow-egress} lets only outbound traffic pass); ingress-only mode
     * blocks inbound traffic and lets outbound traffic pass only from NAT gateways, "because these gateways only
     * allow outbound connections to be established", except for excluded subnets.
     */
    boolean blocks(VpcStore s, Subnet subnet, boolean ingress, boolean throughNat) {
        String mode = mode(s);
        if (mode.equals("off")) {
            return false;
        }
        String excluded = exclusion(s, subnet);
        if (ingress) {
            return !"allow-bidirectional".equals(excluded);
        }
        if (excluded != null) {
            return false;
        }
        return mode.equals("block-bidirectional") || !throughNat;
    }

    /** Deleted exclusions leave the registry once complete, and the store later. Called before each operation. */
    void settle(VpcStore s) {
        if (s.bpaExclusions.isEmpty()) {
            return;
        }
        for (VpcBlockPublicAccessExclusion e : List.copyOf(s.bpaExclusions.values())) {
            if (e.deleted == null || !state(e).equals("delete-complete")) {
                continue;
            }
            if (s.registered(e)) {
                s.forget(e);
            }
            if (!net.now().isBefore(e.deleted.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
                s.remove(s.bpaExclusions, e.id);
            }
        }
    }

    // ---- options

    public DescribeVpcBlockPublicAccessOptionsResponse describeVpcBlockPublicAccessOptions(
            DescribeVpcBlockPublicAccessOptionsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeVpcBlockPublicAccessOptionsResponse.builder().vpcBlockPublicAccessOptions(options(s)).build();
    }

    public ModifyVpcBlockPublicAccessOptionsResponse modifyVpcBlockPublicAccessOptions(
            ModifyVpcBlockPublicAccessOptionsRequest r) {
        VpcStore s = net.store();
        String mode = r.internetGatewayBlockModeAsString();
        if (mode == null) {
            throw Ec2Errors.missing("InternetGatewayBlockMode");
        }
        if (!MODES.contains(mode)) {
            throw Ec2Errors.invalidValue(mode, "InternetGatewayBlockMode", "Valid values: " + String.join(", ", MODES));
        }
        Ec2Errors.checkDryRun(r.dryRun());
        String inForce = mode(s);
        VpcBlockPublicAccessOptions o = s.bpaOptions.computeIfAbsent(VpcBlockPublicAccessOptions.ID,
                id -> new VpcBlockPublicAccessOptions(s.account, net.now()));
        o.previousMode = inForce;
        o.mode = mode;
        o.lastUpdate = net.now();
        return ModifyVpcBlockPublicAccessOptionsResponse.builder().vpcBlockPublicAccessOptions(options(s)).build();
    }

    private software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessOptions options(VpcStore s) {
        VpcBlockPublicAccessOptions o = s.bpaOptions.get(VpcBlockPublicAccessOptions.ID);
        return software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessOptions.builder().awsAccountId(s.account)
                .awsRegion(s.region).state(optionsState(o)).internetGatewayBlockMode(o == null ? "off" : o.mode)
                .lastUpdateTimestamp(o == null ? null : o.lastUpdate).managedBy("account").exclusionsAllowed("allowed")
                .build();
    }

    // ---- exclusions

    public CreateVpcBlockPublicAccessExclusionResponse createVpcBlockPublicAccessExclusion(
            CreateVpcBlockPublicAccessExclusionRequest r) {
        VpcStore s = net.store();
        String mode = exclusionMode(r.internetGatewayExclusionModeAsString());
        if (r.vpcId() == null && r.subnetId() == null) {
            throw Ec2Errors.missing("VpcId or SubnetId");
        }
        if (r.vpcId() != null && r.subnetId() != null) {
            throw Ec2Errors.combination("Specify either VpcId or SubnetId, not both.");
        }
        String vpcId = r.vpcId() != null ? net.vpcs.require(s, r.vpcId()).id : null;
        String subnetId = r.subnetId() != null ? net.subnets.require(s, r.subnetId()).id : null;
        for (VpcBlockPublicAccessExclusion e : s.bpaExclusions.values()) {
            boolean same = vpcId != null ? vpcId.equals(e.vpcId) : subnetId.equals(e.subnetId);
            if (same && e.deleted == null) {
                throw Ec2Errors.invalidParameterValue("The resource " + (vpcId != null ? vpcId : subnetId)
                        + " already has the exclusion " + e.id + ".");
            }
        }
        Tags.validate(r.tagSpecifications(), "vpc-block-public-access-exclusion");
        Ec2Errors.checkDryRun(r.dryRun());
        VpcBlockPublicAccessExclusion e = new VpcBlockPublicAccessExclusion(net.id("vpcbpa-exclude"), s.account,
                net.now());
        e.vpcId = vpcId;
        e.subnetId = subnetId;
        e.mode = mode;
        e.lastUpdate = e.created;
        Tags.apply(r.tagSpecifications(), e);
        s.put(s.bpaExclusions, e);
        return CreateVpcBlockPublicAccessExclusionResponse.builder().vpcBlockPublicAccessExclusion(toSdk(s, e)).build();
    }

    public ModifyVpcBlockPublicAccessExclusionResponse modifyVpcBlockPublicAccessExclusion(
            ModifyVpcBlockPublicAccessExclusionRequest r) {
        VpcStore s = net.store();
        VpcBlockPublicAccessExclusion e = requireLive(s, r.exclusionId());
        String mode = exclusionMode(r.internetGatewayExclusionModeAsString());
        Ec2Errors.checkDryRun(r.dryRun());
        e.mode = mode;
        e.phase = "update";
        e.phaseStarted = net.now();
        e.lastUpdate = net.now();
        return ModifyVpcBlockPublicAccessExclusionResponse.builder().vpcBlockPublicAccessExclusion(toSdk(s, e)).build();
    }

    public DeleteVpcBlockPublicAccessExclusionResponse deleteVpcBlockPublicAccessExclusion(
            DeleteVpcBlockPublicAccessExclusionRequest r) {
        VpcStore s = net.store();
        VpcBlockPublicAccessExclusion e = requireLive(s, r.exclusionId());
        Ec2Errors.checkDryRun(r.dryRun());
        e.phase = "delete";
        e.phaseStarted = net.now();
        e.lastUpdate = net.now();
        e.deleted = net.now();
        return DeleteVpcBlockPublicAccessExclusionResponse.builder().vpcBlockPublicAccessExclusion(toSdk(s, e)).build();
    }

    public DescribeVpcBlockPublicAccessExclusionsResponse describeVpcBlockPublicAccessExclusions(
            DescribeVpcBlockPublicAccessExclusionsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<VpcBlockPublicAccessExclusion> found = Selected.byIds(s.bpaExclusions, r.exclusionIds(), id -> notFound(id));
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeVpcBlockPublicAccessExclusionsResponse.builder()
                .vpcBlockPublicAccessExclusions(page.items().stream().map(e -> toSdk(s, e)).toList())
                .nextToken(page.nextToken()).build();
    }

    private VpcBlockPublicAccessExclusion requireLive(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("ExclusionId");
        }
        VpcBlockPublicAccessExclusion e = s.bpaExclusions.get(id);
        if (e == null || e.deleted != null) {
            throw notFound(id);
        }
        return e;
    }

    private static String exclusionMode(String mode) {
        if (mode == null) {
            throw Ec2Errors.missing("InternetGatewayExclusionMode");
        }
        if (!EXCLUSION_MODES.contains(mode)) {
            throw Ec2Errors.invalidValue(mode, "InternetGatewayExclusionMode",
                    "Valid values: " + String.join(", ", EXCLUSION_MODES));
        }
        return mode;
    }

    /** The exclusion's ResourceArn: the ARN of the VPC or subnet it excludes. */
    private static String resourceArn(VpcStore s, VpcBlockPublicAccessExclusion e) {
        return e.vpcId != null ? Ec2Arns.of(s.region, s.account, "vpc", e.vpcId).toString()
                : Ec2Arns.of(s.region, s.account, "subnet", e.subnetId).toString();
    }

    software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessExclusion toSdk(VpcStore s,
            VpcBlockPublicAccessExclusion e) {
        Instant deleted = e.deleted;
        return software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessExclusion.builder().exclusionId(e.id)
                .internetGatewayExclusionMode(e.mode).resourceArn(resourceArn(s, e)).state(state(e))
                .creationTimestamp(e.created).lastUpdateTimestamp(e.lastUpdate).deletionTimestamp(deleted)
                .tags(Tags.toSdk(s.tagsOf(e))).build();
    }
}
