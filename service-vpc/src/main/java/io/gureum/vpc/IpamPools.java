package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import io.gureum.vpc.model.Ipam;
import io.gureum.vpc.model.IpamPool;
import io.gureum.vpc.model.IpamPool.Allocation;
import io.gureum.vpc.model.IpamPool.PoolCidr;
import io.gureum.vpc.model.IpamScope;
import io.gureum.vpc.model.Resource;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.IpBlock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AllocateIpamPoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.AllocateIpamPoolCidrResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamPoolRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamPoolResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPoolRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPoolResponse;
import software.amazon.awssdk.services.ec2.model.DeprovisionIpamPoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.DeprovisionIpamPoolCidrResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPoolsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPoolsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GetIpamPoolAllocationsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPoolAllocationsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPoolCidrsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPoolCidrsResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamResourceCidrsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamResourceCidrsResponse;
import software.amazon.awssdk.services.ec2.model.IpamPoolCidrFailureReason;
import software.amazon.awssdk.services.ec2.model.IpamResourceCidr;
import software.amazon.awssdk.services.ec2.model.IpamResourceTag;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPoolRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPoolResponse;
import software.amazon.awssdk.services.ec2.model.ProvisionIpamPoolCidrRequest;
import software.amazon.awssdk.services.ec2.model.ProvisionIpamPoolCidrResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseIpamPoolAllocationRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseIpamPoolAllocationResponse;
import software.amazon.awssdk.services.ec2.model.RequestIpamResourceTag;

/**
 * IPAM pools (https://docs.aws.amazon.com/vpc/latest/ipam/how-it-works-ipam.html): CIDRs provisioned to a pool
 * (a nested pool's come out of its source pool, where they are allocations of type {@code ipam-pool}), allocations
 * from them — manual ones, nested pools' and VPCs' (CreateVpc and AssociateVpcCidrBlock with an
 * {@code Ipv4IpamPoolId}; deleting the VPC or disassociating the block releases them). A netmask length picks the
 * first free block in address order. Provisioning is asynchronous as in AWS: {@code pending-provision} for
 * {@link IpamStates#TRANSITION}, then {@code provisioned}, or {@code failed-provision} with
 * {@code cidr-not-available} when the block is not free.
 */
public final class IpamPools {
    static final int MAX_DEPTH = 10;
    private final Network net;
    private final Filters<IpamPool> filters;

    IpamPools(Network net) {
        this.net = net;
        this.filters = new Filters<IpamPool>().on("ipam-pool-id", p -> p.id).on("ipam-scope-id", p -> p.scopeId)
                .on("ipam-id", p -> p.ipamId).on("ipam-arn", p -> net.ipams.arnOfIpam(p.ipamId))
                .on("ipam-scope-arn", p -> scopeArn(net.store(), p)).on("ipam-scope-type", p -> p.scopeType)
                .on("address-family", p -> p.addressFamily).on("locale", p -> p.locale == null ? "None" : p.locale)
                .on("source-ipam-pool-id", p -> p.sourcePoolId).on("pool-depth", p -> String.valueOf(p.depth))
                .on("description", p -> p.description).on("owner-id", p -> p.ownerId).on("state", this::state)
                .on("auto-import", p -> p.autoImport).on("aws-service", p -> p.awsService)
                .on("ipam-region", p -> net.store().region);
    }

    static AwsException poolNotFound(String id) {
        return new AwsException("InvalidIpamPoolId.NotFound", "The ipam-pool ID '" + id + "' does not exist", 400);
    }

    static AwsException allocationNotFound(String id) {
        return new AwsException("InvalidIpamPoolAllocationId.NotFound",
                "The IPAM pool allocation (" + id + ") does not exist.", 400);
    }

    String state(IpamPool p) {
        return IpamStates.of(net.now(), p.created, p.modified, p.deleteRequested);
    }

    String state(PoolCidr c) {
        var now = net.now();
        if (c.failureCode != null) {
            return now.isBefore(c.provisionRequested.plus(IpamStates.TRANSITION)) ? "pending-provision"
                    : "failed-provision";
        }
        if (c.deprovisionRequested != null) {
            return now.isBefore(c.deprovisionRequested.plus(IpamStates.TRANSITION)) ? "pending-deprovision"
                    : "deprovisioned";
        }
        return now.isBefore(c.provisionRequested.plus(IpamStates.TRANSITION)) ? "pending-provision" : "provisioned";
    }

    IpamPool require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("IpamPoolId");
        }
        IpamPool p = s.ipamPools.get(id);
        if (p == null || p.deleteRequested != null) {
            throw poolNotFound(id);
        }
        return p;
    }

    private static String scopeArn(VpcStore s, IpamPool p) {
        IpamScope x = s.ipamScopes.get(p.scopeId);
        return x == null ? null : s.arnOf(x).toString();
    }

    private static int bits(IpamPool p) {
        return "ipv6".equals(p.addressFamily) ? 128 : 32;
    }

    // --- pools ---

    public CreateIpamPoolResponse createIpamPool(CreateIpamPoolRequest r) {
        VpcStore s = net.store();
        IpamScope scope = net.ipams.requireScope(s, r.ipamScopeId());
        Ipam ipam = net.ipams.requireIpam(s, scope.ipamId);
        if (r.clientToken() != null) {
            for (IpamPool p : s.ipamPools.values()) {
                if (r.clientToken().equals(p.clientToken) && p.deleteRequested == null) {
                    return CreateIpamPoolResponse.builder().ipamPool(toSdk(s, p)).build();
                }
            }
        }
        String family = r.addressFamilyAsString();
        if (family == null) {
            throw Ec2Errors.missing("AddressFamily");
        }
        if (!family.equals("ipv4") && !family.equals("ipv6")) {
            throw Ec2Errors.invalidValue(family, "AddressFamily", "Valid values are ipv4 and ipv6.");
        }
        if (r.sourceResource() != null) {
            throw new AwsException("NotImplemented", "Gureum does not emulate resource planning pools "
                    + "(SourceResource).", 501);
        }
        String locale = r.locale() == null || r.locale().equals("None") ? null : r.locale();
        if (locale != null && !ipam.operatingRegions.contains(locale)) {
            throw Ec2Errors.invalidParameterValue("The locale " + locale + " is not one of the operating Regions of "
                    + ipam.id + ".");
        }
        IpamPool source = null;
        if (r.sourceIpamPoolId() != null) {
            source = require(s, r.sourceIpamPoolId());
            if (!source.scopeId.equals(scope.id)) {
                throw Ec2Errors.invalidParameterValue("The source pool " + source.id + " is not in scope " + scope.id
                        + ".");
            }
            if (!source.addressFamily.equals(family)) {
                throw Ec2Errors.invalidParameterValue("The source pool " + source.id + " has address family "
                        + source.addressFamily + ", not " + family + ".");
            }
            if (source.locale != null && locale != null && !source.locale.equals(locale)) {
                throw Ec2Errors.invalidParameterValue("The locale of a pool must match the locale of its source pool ("
                        + source.locale + ").");
            }
            if (source.depth >= MAX_DEPTH) {
                throw Ec2Errors.invalidParameterValue("Pools can be nested at most " + MAX_DEPTH + " deep.");
            }
        }
        int bits = family.equals("ipv6") ? 128 : 32;
        checkRules(bits, r.allocationMinNetmaskLength(), r.allocationMaxNetmaskLength(),
                r.allocationDefaultNetmaskLength());
        Tags.validate(r.tagSpecifications(), "ipam-pool");
        Ec2Errors.checkDryRun(r.dryRun());
        IpamPool p = new IpamPool(net.id("ipam-pool"), s.account, net.now());
        p.ipamId = ipam.id;
        p.scopeId = scope.id;
        p.scopeType = scope.scopeType;
        p.addressFamily = family;
        p.locale = locale;
        if (source != null) {
            p.sourcePoolId = source.id;
            p.depth = source.depth + 1;
        }
        p.description = r.description();
        p.autoImport = r.autoImport();
        p.publiclyAdvertisable = r.publiclyAdvertisable();
        p.allocationMinNetmaskLength = r.allocationMinNetmaskLength();
        p.allocationMaxNetmaskLength = r.allocationMaxNetmaskLength();
        p.allocationDefaultNetmaskLength = r.allocationDefaultNetmaskLength();
        if (r.hasAllocationResourceTags()) {
            for (RequestIpamResourceTag t : r.allocationResourceTags()) {
                p.allocationResourceTags.put(t.key(), t.value() == null ? "" : t.value());
            }
        }
        p.awsService = r.awsServiceAsString();
        p.publicIpSource = r.publicIpSourceAsString();
        p.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), p);
        s.put(s.ipamPools, p);
        return CreateIpamPoolResponse.builder().ipamPool(toSdk(s, p)).build();
    }

    /** Allocation rules: each within the family's netmask lengths, minimum ≤ default ≤ maximum. */
    private static void checkRules(int bits, Integer min, Integer max, Integer def) {
        for (Integer n : new Integer[] {min, max, def}) {
            if (n != null && (n < 0 || n > bits)) {
                throw Ec2Errors.invalidParameterValue("Netmask lengths of this address family are 0 - " + bits + ".");
            }
        }
        if (min != null && max != null && min > max) {
            throw Ec2Errors.invalidParameterValue("The allocation minimum netmask length (" + min
                    + ") must be less than the maximum netmask length (" + max + ").");
        }
        if (def != null && ((min != null && def < min) || (max != null && def > max))) {
            throw Ec2Errors.invalidParameterValue("The allocation default netmask length (" + def
                    + ") must be between the minimum and maximum netmask lengths.");
        }
    }

    public DescribeIpamPoolsResponse describeIpamPools(DescribeIpamPoolsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<IpamPool> found = Ipams.pick(s.ipamPools, r.hasIpamPoolIds() ? r.ipamPoolIds() : null,
                IpamPools::poolNotFound);
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeIpamPoolsResponse.builder().ipamPools(page.items().stream().map(p -> toSdk(s, p)).toList())
                .nextToken(page.nextToken()).build();
    }

    public ModifyIpamPoolResponse modifyIpamPool(ModifyIpamPoolRequest r) {
        VpcStore s = net.store();
        IpamPool p = require(s, r.ipamPoolId());
        Integer min = r.allocationMinNetmaskLength() != null ? r.allocationMinNetmaskLength()
                : p.allocationMinNetmaskLength;
        Integer max = r.allocationMaxNetmaskLength() != null ? r.allocationMaxNetmaskLength()
                : p.allocationMaxNetmaskLength;
        boolean clear = Boolean.TRUE.equals(r.clearAllocationDefaultNetmaskLength());
        if (clear && r.allocationDefaultNetmaskLength() != null) {
            throw Ec2Errors.combination("ClearAllocationDefaultNetmaskLength cannot be used with "
                    + "AllocationDefaultNetmaskLength.");
        }
        Integer def = clear ? null
                : r.allocationDefaultNetmaskLength() != null ? r.allocationDefaultNetmaskLength()
                        : p.allocationDefaultNetmaskLength;
        checkRules(bits(p), min, max, def);
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.description() != null) {
            p.description = r.description();
        }
        if (r.autoImport() != null) {
            p.autoImport = r.autoImport();
        }
        p.allocationMinNetmaskLength = min;
        p.allocationMaxNetmaskLength = max;
        p.allocationDefaultNetmaskLength = def;
        if (r.hasRemoveAllocationResourceTags()) {
            for (RequestIpamResourceTag t : r.removeAllocationResourceTags()) {
                if (t.value() == null || t.value().equals(p.allocationResourceTags.get(t.key()))) {
                    p.allocationResourceTags.remove(t.key());
                }
            }
        }
        if (r.hasAddAllocationResourceTags()) {
            for (RequestIpamResourceTag t : r.addAllocationResourceTags()) {
                p.allocationResourceTags.put(t.key(), t.value() == null ? "" : t.value());
            }
        }
        p.modified = net.now();
        return ModifyIpamPoolResponse.builder().ipamPool(toSdk(s, p)).build();
    }

    private List<IpamPool> children(VpcStore s, IpamPool p) {
        return s.ipamPools.values().stream().filter(c -> p.id.equals(c.sourcePoolId) && c.deleteRequested == null)
                .toList();
    }

    private boolean holdsCidrs(IpamPool p) {
        return p.cidrs.stream().anyMatch(c -> {
            String st = state(c);
            return st.equals("provisioned") || st.equals("pending-provision") && c.failureCode == null;
        });
    }

    /**
     * Without Cascade a pool with CIDRs, allocations or pools of its own is not deleted. Cascade deletes the pools
     * within it, releases every allocation (VPCs keep their CIDRs, as AWS documents) and deprovisions its CIDRs.
     */
    public DeleteIpamPoolResponse deleteIpamPool(DeleteIpamPoolRequest r) {
        VpcStore s = net.store();
        IpamPool p = require(s, r.ipamPoolId());
        boolean cascade = Boolean.TRUE.equals(r.cascade());
        if (!cascade && (holdsCidrs(p) || !p.allocations.isEmpty() || !children(s, p).isEmpty())) {
            throw Ec2Errors.dependencyViolation("ipam-pool", p.id);
        }
        if (cascade && "public".equals(p.scopeType)) {
            throw Ec2Errors.invalidParameterValue("Cascade can only delete pools in a private scope.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        deleteCascade(s, p);
        return DeleteIpamPoolResponse.builder().ipamPool(toSdk(s, p)).build();
    }

    /** Deletes a pool with the pools within it, its allocations and its CIDRs. */
    void deleteCascade(VpcStore s, IpamPool p) {
        for (IpamPool c : children(s, p)) {
            deleteCascade(s, c);
        }
        p.allocations.clear();
        for (PoolCidr c : p.cidrs) {
            if (c.deprovisionRequested == null && c.failureCode == null) {
                c.deprovisionRequested = net.now();
                releaseInSource(s, p, c);
            }
        }
        p.deleteRequested = net.now();
        if (s.registered(p)) {
            s.forget(p);
        }
    }

    software.amazon.awssdk.services.ec2.model.IpamPool toSdk(VpcStore s, IpamPool p) {
        Ipam i = s.ipams.get(p.ipamId);
        return software.amazon.awssdk.services.ec2.model.IpamPool.builder().ipamPoolId(p.id).ownerId(p.ownerId)
                .sourceIpamPoolId(p.sourcePoolId).ipamPoolArn(s.arnOf(p).toString()).ipamScopeArn(scopeArn(s, p))
                .ipamScopeType(p.scopeType).ipamArn(i == null ? null : s.arnOf(i).toString()).ipamRegion(s.region)
                .locale(p.locale == null ? "None" : p.locale).poolDepth(p.depth).state(state(p))
                .description(p.description).autoImport(p.autoImport).publiclyAdvertisable(p.publiclyAdvertisable)
                .addressFamily(p.addressFamily).allocationMinNetmaskLength(p.allocationMinNetmaskLength)
                .allocationMaxNetmaskLength(p.allocationMaxNetmaskLength)
                .allocationDefaultNetmaskLength(p.allocationDefaultNetmaskLength)
                .allocationResourceTags(p.allocationResourceTags.entrySet().stream()
                        .map(e -> IpamResourceTag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .tags(Tags.toSdk(s.tagsOf(p))).awsService(p.awsService).publicIpSource(p.publicIpSource).build();
    }

    // --- provisioned CIDRs ---

    private static IpBlock parse(IpamPool p, String text, String parameter) {
        IpBlock b = IpBlock.parse(text);
        if (b == null) {
            throw Ec2Errors.invalidValue(text, parameter, "This is not a valid CIDR block.");
        }
        if (b.ipv6() != "ipv6".equals(p.addressFamily)) {
            throw Ec2Errors.invalidParameterValue("The CIDR " + text + " is not of the pool's address family ("
                    + p.addressFamily + ").");
        }
        return b;
    }

    /**
     * A top-level pool in the private scope takes any CIDR of its family; a nested pool's CIDR (given, or of a
     * netmask length) must be free in its source pool, where it becomes an allocation. Top-level pools in the public
     * scope take BYOIP or Amazon-provided blocks, which Gureum does not emulate.
     */
    public ProvisionIpamPoolCidrResponse provisionIpamPoolCidr(ProvisionIpamPoolCidrRequest r) {
        VpcStore s = net.store();
        IpamPool p = require(s, r.ipamPoolId());
        if (r.clientToken() != null) {
            for (PoolCidr c : p.cidrs) {
                if (r.clientToken().equals(c.clientToken)) {
                    return ProvisionIpamPoolCidrResponse.builder().ipamPoolCidr(toSdk(c)).build();
                }
            }
        }
        if (r.cidr() != null && r.netmaskLength() != null) {
            throw Ec2Errors.combination("Cidr and NetmaskLength cannot be used together.");
        }
        if (r.cidr() == null && r.netmaskLength() == null) {
            throw Ec2Errors.missing("Cidr");
        }
        if (p.sourcePoolId == null && "public".equals(p.scopeType)) {
            throw new AwsException("NotImplemented", "Gureum does not emulate provisioning BYOIP or "
                    + "Amazon-provided CIDRs to a top-level pool in the public scope.", 501);
        }
        if (p.sourcePoolId == null && r.cidr() == null) {
            throw Ec2Errors.invalidParameterValue("NetmaskLength can only be used for a pool with a source pool; "
                    + "give the Cidr to provision to a top-level pool.");
        }
        PoolCidr c = new PoolCidr();
        c.id = net.id("ipam-pool-cidr");
        c.provisionRequested = net.now();
        c.clientToken = r.clientToken();
        if (p.sourcePoolId == null) {
            IpBlock b = parse(p, r.cidr(), "Cidr");
            Ec2Errors.checkDryRun(r.dryRun());
            c.cidr = b.toString();
            if (live(p).stream().anyMatch(x -> x.overlaps(b))) {
                c.failureCode = "cidr-not-available";
                c.failureMessage = "The CIDR " + c.cidr + " overlaps a CIDR already provisioned to " + p.id + ".";
            }
        } else {
            IpamPool source = require(s, p.sourcePoolId);
            IpBlock wanted = r.cidr() == null ? null : parse(p, r.cidr(), "Cidr");
            Integer length = r.netmaskLength();
            if (length != null && (length < 0 || length > bits(p))) {
                throw Ec2Errors.invalidParameterValue("Netmask lengths of this address family are 0 - " + bits(p)
                        + ".");
            }
            checkLength(source, wanted != null ? wanted.prefix() : length);
            Ec2Errors.checkDryRun(r.dryRun());
            IpBlock b = find(source, wanted, length, List.of(), List.of());
            if (b == null) {
                c.cidr = wanted != null ? wanted.toString() : null;
                c.failureCode = "cidr-not-available";
                c.failureMessage = "The CIDR is not available in the source pool " + source.id + ".";
            } else {
                c.cidr = b.toString();
                Allocation a = allocation(source, b, "ipam-pool", p.id, s);
                source.allocations.add(a);
                c.sourceAllocationId = a.id;
            }
        }
        p.cidrs.add(c);
        return ProvisionIpamPoolCidrResponse.builder().ipamPoolCidr(toSdk(c)).build();
    }

    /** The blocks provisioned or being provisioned to the pool (not failed, not deprovisioned). */
    private List<IpBlock> live(IpamPool p) {
        List<IpBlock> out = new ArrayList<>();
        for (PoolCidr c : p.cidrs) {
            if (c.failureCode == null && c.deprovisionRequested == null) {
                out.add(IpBlock.parse(c.cidr));
            }
        }
        return out;
    }

    /** The blocks allocations can come from: those in state {@code provisioned}, in address order. */
    private List<IpBlock> provisioned(IpamPool p) {
        List<IpBlock> out = new ArrayList<>();
        for (PoolCidr c : p.cidrs) {
            if (state(c).equals("provisioned")) {
                out.add(IpBlock.parse(c.cidr));
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static List<IpBlock> taken(IpamPool p) {
        return p.allocations.stream().map(a -> IpBlock.parse(a.cidr)).toList();
    }

    private void releaseInSource(VpcStore s, IpamPool p, PoolCidr c) {
        if (c.sourceAllocationId == null) {
            return;
        }
        IpamPool source = s.ipamPools.get(p.sourcePoolId);
        if (source != null) {
            source.allocations.removeIf(a -> a.id.equals(c.sourceAllocationId));
        }
    }

    /** A provisioned CIDR with allocations in it is not deprovisioned; a nested pool's goes back to its source. */
    public DeprovisionIpamPoolCidrResponse deprovisionIpamPoolCidr(DeprovisionIpamPoolCidrRequest r) {
        VpcStore s = net.store();
        IpamPool p = require(s, r.ipamPoolId());
        if (r.cidr() == null) {
            throw Ec2Errors.missing("Cidr");
        }
        IpBlock b = parse(p, r.cidr(), "Cidr");
        PoolCidr c = p.cidrs.stream().filter(x -> x.failureCode == null && x.deprovisionRequested == null
                && IpBlock.parse(x.cidr).equals(b)).findFirst().orElse(null);
        if (c == null) {
            // A CIDR already (being) deprovisioned is IncorrectState, as AWS answers it.
            boolean was = p.cidrs.stream().anyMatch(x -> x.cidr != null && IpBlock.parse(x.cidr).equals(b));
            if (was) {
                throw io.gureum.ec2common.Ec2Error.INCORRECT_STATE.withMessage("The CIDR " + r.cidr() + " of "
                        + p.id + " is not in state provisioned.");
            }
            throw Ec2Errors.invalidParameterValue("The CIDR " + r.cidr() + " is not provisioned to " + p.id + ".");
        }
        if (state(c).equals("pending-provision")) {
            throw io.gureum.ec2common.Ec2Error.INCORRECT_STATE.withMessage("The CIDR " + c.cidr + " of " + p.id
                    + " is still being provisioned.");
        }
        if (p.allocations.stream().anyMatch(a -> b.overlaps(IpBlock.parse(a.cidr)))) {
            throw Ec2Errors.invalidParameterValue("The CIDR " + c.cidr + " has allocations in " + p.id
                    + " and cannot be deprovisioned.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        c.deprovisionRequested = net.now();
        releaseInSource(s, p, c);
        return DeprovisionIpamPoolCidrResponse.builder().ipamPoolCidr(toSdk(c)).build();
    }

    public GetIpamPoolCidrsResponse getIpamPoolCidrs(GetIpamPoolCidrsRequest r) {
        VpcStore s = net.store();
        IpamPool p = require(s, r.ipamPoolId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<software.amazon.awssdk.services.ec2.model.IpamPoolCidr> all = new ArrayList<>();
        for (PoolCidr c : p.cidrs) {
            var x = toSdk(c);
            if (matches(r.filters(), Map.of("cidr", String.valueOf(x.cidr()), "state", x.stateAsString(),
                    "ipam-pool-cidr-id", x.ipamPoolCidrId(), "netmask-length", String.valueOf(x.netmaskLength())))) {
                all.add(x);
            }
        }
        var page = Pagination.page(all, r.maxResults(), r.nextToken(), 5, 1000);
        return GetIpamPoolCidrsResponse.builder().ipamPoolCidrs(page.items()).nextToken(page.nextToken()).build();
    }

    /** Filters over a fixed set of named values (an unknown filter name is AWS's InvalidParameterValue). */
    private static boolean matches(List<Filter> filters, Map<String, String> values) {
        for (Filter f : filters) {
            if (!values.containsKey(f.name())) {
                throw Ec2Errors.invalidParameterValue("The filter '" + f.name() + "' is invalid");
            }
            if (!f.values().contains(values.get(f.name()))) {
                return false;
            }
        }
        return true;
    }

    software.amazon.awssdk.services.ec2.model.IpamPoolCidr toSdk(PoolCidr c) {
        var b = software.amazon.awssdk.services.ec2.model.IpamPoolCidr.builder().ipamPoolCidrId(c.id).cidr(c.cidr)
                .state(state(c)).netmaskLength(c.cidr == null ? null : IpBlock.parse(c.cidr).prefix());
        if (c.failureCode != null && state(c).equals("failed-provision")) {
            b.failureReason(IpamPoolCidrFailureReason.builder().code(c.failureCode).message(c.failureMessage).build());
        }
        return b.build();
    }

    // --- allocations ---

    /** The pool's allocation rules, for an allocation of {@code length}. */
    private static void checkLength(IpamPool p, Integer length) {
        if (length == null) {
            return;
        }
        if (p.allocationMinNetmaskLength != null && length < p.allocationMinNetmaskLength
                || p.allocationMaxNetmaskLength != null && length > p.allocationMaxNetmaskLength) {
            throw Ec2Errors.invalidParameterValue("The netmask length /" + length + " does not meet the allocation "
                    + "rules of " + p.id + " (minimum netmask length " + p.allocationMinNetmaskLength
                    + ", maximum netmask length " + p.allocationMaxNetmaskLength + ").");
        }
    }

    /**
     * The block an allocation gets: {@code wanted} if it lies in a provisioned CIDR and overlaps no allocation,
     * else the first free block of {@code length} in address order (inside {@code allowed} if given, overlapping
     * none of {@code disallowed}); null when there is none.
     */
    private IpBlock find(IpamPool p, IpBlock wanted, Integer length, List<IpBlock> allowed, List<IpBlock> disallowed) {
        List<IpBlock> blocks = provisioned(p);
        List<IpBlock> taken = new ArrayList<>(taken(p));
        if (wanted != null) {
            boolean inside = blocks.stream().anyMatch(b -> b.contains(wanted));
            return inside && taken.stream().noneMatch(t -> t.overlaps(wanted)) ? wanted : null;
        }
        taken.addAll(disallowed);
        List<IpBlock> ranges = new ArrayList<>();
        for (IpBlock b : blocks) {
            if (allowed.isEmpty()) {
                ranges.add(b);
                continue;
            }
            for (IpBlock a : allowed) {
                if (b.contains(a)) {
                    ranges.add(a);
                } else if (a.contains(b)) {
                    ranges.add(b);
                }
            }
        }
        ranges.sort(Comparator.naturalOrder());
        for (IpBlock range : ranges) {
            IpBlock free = range.firstFree(length, taken);
            if (free != null) {
                return free;
            }
        }
        return null;
    }

    private Allocation allocation(IpamPool p, IpBlock b, String type, String resourceId, VpcStore s) {
        Allocation a = new Allocation();
        a.id = net.id("ipam-pool-alloc");
        a.cidr = b.toString();
        a.resourceType = type;
        a.resourceId = resourceId;
        if (resourceId != null) {
            a.resourceRegion = s.region;
            a.resourceOwner = s.account;
        }
        return a;
    }

    /**
     * The block for an allocation of {@code cidr} (if given) or {@code netmaskLength} (else the pool's default), or
     * AWS's error for it.
     */
    private IpBlock pick(IpamPool p, String cidr, Integer netmaskLength, List<String> allowed,
            List<String> disallowed) {
        if (cidr != null && netmaskLength != null) {
            throw Ec2Errors.combination("Cidr and NetmaskLength cannot be used together.");
        }
        IpBlock wanted = cidr == null ? null : parse(p, cidr, "Cidr");
        Integer length = wanted != null ? Integer.valueOf(wanted.prefix())
                : netmaskLength != null ? netmaskLength : p.allocationDefaultNetmaskLength;
        if (length == null) {
            throw Ec2Errors.invalidParameterValue("You must specify a CIDR or a netmask length: " + p.id
                    + " has no allocation default netmask length.");
        }
        if (length < 0 || length > bits(p)) {
            throw Ec2Errors.invalidParameterValue("Netmask lengths of this address family are 0 - " + bits(p) + ".");
        }
        checkLength(p, length);
        List<IpBlock> allow = allowed == null ? List.of()
                : allowed.stream().map(x -> parse(p, x, "AllowedCidrs")).toList();
        List<IpBlock> disallow = disallowed == null ? List.of()
                : disallowed.stream().map(x -> parse(p, x, "DisallowedCidrs")).toList();
        IpBlock b = find(p, wanted, length, allow, disallow);
        if (b == null) {
            if (wanted != null) {
                throw Ec2Errors.invalidParameterValue("The CIDR " + wanted + " is not available for allocation in "
                        + p.id + ": it is outside the pool's provisioned CIDRs or overlaps an allocation.");
            }
            if (provisioned(p).stream().noneMatch(x -> x.prefix() <= length)) {
                // AWS's words for a netmask length shorter than every CIDR of the pool.
                throw Ec2Errors.invalidParameterValue("The allocation size is too big for the pool.");
            }
            throw Ec2Errors.invalidParameterValue("There is no free /" + length + " CIDR in " + p.id + ".");
        }
        return b;
    }

    public AllocateIpamPoolCidrResponse allocateIpamPoolCidr(AllocateIpamPoolCidrRequest r) {
        VpcStore s = net.store();
        IpamPool p = require(s, r.ipamPoolId());
        if (r.clientToken() != null) {
            for (Allocation a : p.allocations) {
                if (r.clientToken().equals(a.clientToken)) {
                    return AllocateIpamPoolCidrResponse.builder().ipamPoolAllocation(toSdk(a)).build();
                }
            }
        }
        if (p.locale != null && !p.locale.equals(s.region)) {
            throw Ec2Errors.invalidParameterValue("Allocations from " + p.id + " are made in its locale, "
                    + p.locale + ".");
        }
        TagSpecifications.validate(r.tagSpecifications(), "ipam-pool-allocation");
        IpBlock b = pick(p, r.cidr(), r.netmaskLength(), r.hasAllowedCidrs() ? r.allowedCidrs() : null,
                r.hasDisallowedCidrs() ? r.disallowedCidrs() : null);
        Ec2Errors.checkDryRun(r.dryRun());
        if (Boolean.TRUE.equals(r.previewNextCidr())) {
            return AllocateIpamPoolCidrResponse.builder().ipamPoolAllocation(
                    software.amazon.awssdk.services.ec2.model.IpamPoolAllocation.builder().cidr(b.toString()).build())
                    .build();
        }
        Allocation a = allocation(p, b, "custom", null, s);
        a.description = r.description();
        a.clientToken = r.clientToken();
        a.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
        p.allocations.add(a);
        return AllocateIpamPoolCidrResponse.builder().ipamPoolAllocation(toSdk(a)).build();
    }

    /** Only manual ({@code custom}) allocations are released this way, as the operation documents. */
    public ReleaseIpamPoolAllocationResponse releaseIpamPoolAllocation(ReleaseIpamPoolAllocationRequest r) {
        VpcStore s = net.store();
        IpamPool p = require(s, r.ipamPoolId());
        if (r.cidr() == null) {
            throw Ec2Errors.missing("Cidr");
        }
        if (r.ipamPoolAllocationId() == null) {
            throw Ec2Errors.missing("IpamPoolAllocationId");
        }
        IpBlock b = parse(p, r.cidr(), "Cidr");
        // AWS answers an allocation ID and CIDR that name no allocation of the pool InvalidParameterCombination
        // "No allocation found …" (what Terraform's aws_vpc_ipam_pool_cidr_allocation deletion tolerates).
        Allocation a = p.allocations.stream().filter(x -> x.id.equals(r.ipamPoolAllocationId())
                && IpBlock.parse(x.cidr).equals(b)).findFirst()
                .orElseThrow(() -> Ec2Errors.combination("No allocation found for allocation ID "
                        + r.ipamPoolAllocationId() + " and CIDR " + r.cidr() + " in pool " + p.id + "."));
        if (!"custom".equals(a.resourceType)) {
            throw Ec2Errors.invalidParameterValue("Only manual allocations can be released: " + a.id
                    + " is an allocation to " + a.resourceType + " " + a.resourceId + ".");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        p.allocations.remove(a);
        return ReleaseIpamPoolAllocationResponse.builder().success(true).build();
    }

    public GetIpamPoolAllocationsResponse getIpamPoolAllocations(GetIpamPoolAllocationsRequest r) {
        VpcStore s = net.store();
        IpamPool p = require(s, r.ipamPoolId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<Allocation> found = p.allocations;
        if (r.ipamPoolAllocationId() != null) {
            found = p.allocations.stream().filter(a -> a.id.equals(r.ipamPoolAllocationId())).toList();
            if (found.isEmpty()) {
                throw allocationNotFound(r.ipamPoolAllocationId());
            }
        }
        List<software.amazon.awssdk.services.ec2.model.IpamPoolAllocation> out = new ArrayList<>();
        for (Allocation a : found) {
            Map<String, String> values = new java.util.HashMap<>();
            values.put("cidr", a.cidr);
            values.put("ipam-pool-allocation-id", a.id);
            values.put("resource-id", a.resourceId);
            values.put("resource-type", a.resourceType);
            values.put("resource-owner", a.resourceOwner);
            values.put("resource-region", a.resourceRegion);
            values.put("description", a.description);
            if (matches(r.filters(), values)) {
                out.add(toSdk(a));
            }
        }
        var page = Pagination.page(out, r.maxResults(), r.nextToken(), 1000, 100000);
        return GetIpamPoolAllocationsResponse.builder().ipamPoolAllocations(page.items()).nextToken(page.nextToken())
                .build();
    }

    static software.amazon.awssdk.services.ec2.model.IpamPoolAllocation toSdk(Allocation a) {
        return software.amazon.awssdk.services.ec2.model.IpamPoolAllocation.builder().ipamPoolAllocationId(a.id)
                .cidr(a.cidr).description(a.description).resourceId(a.resourceId).resourceType(a.resourceType)
                .resourceRegion(a.resourceRegion).resourceOwner(a.resourceOwner).tags(Tags.toSdk(a.tags)).build();
    }

    // --- VPCs ---

    /**
     * The IPv4 block CreateVpc or AssociateVpcCidrBlock gets from a pool: the pool must be an IPv4 pool whose
     * locale is the VPC's region; the block is {@code cidr} if given, else the first free one of the netmask length
     * (or the pool's default). Call {@link #allocateToVpc} once the VPC exists.
     */
    IpBlock pickForVpc(VpcStore s, String poolId, String cidr, Integer netmaskLength, Map<String, String> tags) {
        IpamPool p = require(s, poolId);
        for (Map.Entry<String, String> t : p.allocationResourceTags.entrySet()) {
            if (!t.getValue().equals(tags.get(t.getKey()))) {
                // AWS's words (seen in a CloudFormation VPC's failure); the code is not documented.
                throw Ec2Errors.invalidParameterValue("The resource is missing one or more of the resource tags "
                        + "required by the IPAM pool.");
            }
        }
        if (!"ipv4".equals(p.addressFamily)) {
            throw Ec2Errors.invalidParameterValue("The IPAM pool " + p.id + " is not an IPv4 pool.");
        }
        if (!s.region.equals(p.locale)) {
            throw Ec2Errors.invalidParameterValue("The IPAM pool " + p.id + " has locale "
                    + (p.locale == null ? "None" : p.locale) + "; a VPC in " + s.region
                    + " needs a pool whose locale is " + s.region + ".");
        }
        return pick(p, cidr, netmaskLength, null, null);
    }

    void allocateToVpc(VpcStore s, String poolId, IpBlock b, String vpcId) {
        IpamPool p = require(s, poolId);
        p.allocations.add(allocation(p, b, "vpc", vpcId, s));
    }

    /** Releases the VPC's allocations (of {@code cidr} only, if given) in every pool of the store. */
    void releaseFromVpc(VpcStore s, String vpcId, String cidr) {
        if (s.ipamPools.isEmpty()) {
            return;
        }
        for (IpamPool p : s.ipamPools.values()) {
            p.allocations.removeIf(a -> "vpc".equals(a.resourceType) && vpcId.equals(a.resourceId)
                    && (cidr == null || cidr.equals(a.cidr)));
        }
    }

    /**
     * The resources IPAM manages or monitors in a scope: in a private scope, the VPC and subnet IPv4 CIDRs of the
     * IPAM's home region (the store this call holds) if it is an operating Region; a VPC block allocated from a
     * pool of the scope is {@code managed}, with its pool. Gureum lists nothing in a public scope (it has no public
     * IP space to monitor).
     */
    public GetIpamResourceCidrsResponse getIpamResourceCidrs(GetIpamResourceCidrsRequest r) {
        VpcStore s = net.store();
        IpamScope scope = net.ipams.requireScope(s, r.ipamScopeId());
        if (r.ipamPoolId() != null) {
            IpamPool p = require(s, r.ipamPoolId());
            if (!p.scopeId.equals(scope.id)) {
                throw Ec2Errors.invalidParameterValue("The pool " + p.id + " is not in scope " + scope.id + ".");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Ipam ipam = s.ipams.get(scope.ipamId);
        List<IpamResourceCidr> out = new ArrayList<>();
        if ("private".equals(scope.scopeType) && ipam != null && ipam.operatingRegions.contains(s.region)) {
            for (Vpc v : s.vpcs.values()) {
                for (var c : v.cidrs) {
                    String cidr = c.cidr.toString();
                    Allocation[] found = new Allocation[1];
                    IpamPool pool = null;
                    for (IpamPool p : s.ipamPools.values()) {
                        if (!p.scopeId.equals(scope.id) || p.deleteRequested != null) {
                            continue;
                        }
                        for (Allocation a : p.allocations) {
                            if ("vpc".equals(a.resourceType) && v.id.equals(a.resourceId) && cidr.equals(a.cidr)) {
                                found[0] = a;
                                pool = p;
                            }
                        }
                    }
                    boolean overlapping = s.vpcs.values().stream().anyMatch(o -> o != v
                            && o.cidrs.stream().anyMatch(oc -> oc.cidr.overlaps(c.cidr)));
                    String compliance = "unmanaged";
                    if (pool != null) {
                        int len = c.cidr.prefix();
                        boolean ok = (pool.allocationMinNetmaskLength == null || len >= pool.allocationMinNetmaskLength)
                                && (pool.allocationMaxNetmaskLength == null || len <= pool.allocationMaxNetmaskLength);
                        compliance = ok ? "compliant" : "noncompliant";
                    }
                    out.add(resourceCidr(s, ipam, scope, pool, v, v, cidr, "vpc", Ipams.usage(v, c.cidr),
                            compliance, pool != null ? "managed" : "unmanaged",
                            overlapping ? "overlapping" : "nonoverlapping"));
                }
                for (Subnet sn : v.subnets.values()) {
                    out.add(resourceCidr(s, ipam, scope, null, v, sn, sn.cidr.toString(), "subnet", Ipams.usage(sn),
                            "unmanaged", "unmanaged", "nonoverlapping"));
                }
            }
        }
        List<IpamResourceCidr> kept = out.stream()
                .filter(x -> r.ipamPoolId() == null || r.ipamPoolId().equals(x.ipamPoolId()))
                .filter(x -> r.resourceId() == null || r.resourceId().equals(x.resourceId()))
                .filter(x -> r.resourceTypeAsString() == null || r.resourceTypeAsString().equals(x.resourceTypeAsString()))
                .filter(x -> r.resourceOwner() == null || r.resourceOwner().equals(x.resourceOwnerId()))
                .filter(x -> r.resourceTag() == null || x.resourceTags().stream().anyMatch(t -> t.key()
                        .equals(r.resourceTag().key()) && (r.resourceTag().value() == null
                                || r.resourceTag().value().equals(t.value()))))
                .filter(x -> matches(r.filters(), filterValues(x))).toList();
        var page = Pagination.page(kept, r.maxResults(), r.nextToken(), 5, 1000);
        return GetIpamResourceCidrsResponse.builder().ipamResourceCidrs(page.items()).nextToken(page.nextToken())
                .build();
    }

    private static Map<String, String> filterValues(IpamResourceCidr x) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("resource-id", x.resourceId());
        values.put("resource-type", x.resourceTypeAsString());
        values.put("resource-cidr", x.resourceCidr());
        values.put("vpc-id", x.vpcId());
        values.put("management-state", x.managementStateAsString());
        values.put("compliance-status", x.complianceStatusAsString());
        values.put("overlap-status", x.overlapStatusAsString());
        values.put("ipam-pool-id", x.ipamPoolId());
        values.put("resource-owner-id", x.resourceOwnerId());
        return values;
    }

    private IpamResourceCidr resourceCidr(VpcStore s, Ipam ipam, IpamScope scope, IpamPool pool, Vpc v, Resource res,
            String cidr, String type, double usage, String compliance, String management, String overlap) {
        Map<String, String> tags = s.tagsOf(res);
        return IpamResourceCidr.builder().ipamId(ipam.id).ipamScopeId(scope.id)
                .ipamPoolId(pool == null ? null : pool.id).resourceRegion(s.region).resourceOwnerId(res.ownerId)
                .resourceId(res.id).resourceName(tags.get("Name")).resourceCidr(cidr).resourceType(type)
                .resourceTags(tags.entrySet().stream()
                        .map(e -> IpamResourceTag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .ipUsage(usage).complianceStatus(compliance).managementState(management).overlapStatus(overlap)
                .vpcId(v.id).availabilityZoneId(res instanceof Subnet sn ? sn.availabilityZoneId : null).build();
    }
}
