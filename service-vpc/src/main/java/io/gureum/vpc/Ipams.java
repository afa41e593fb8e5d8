package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.Ipam;
import io.gureum.vpc.model.IpamPool;
import io.gureum.vpc.model.IpamResourceDiscovery;
import io.gureum.vpc.model.IpamResourceDiscoveryAssociation;
import io.gureum.vpc.model.IpamScope;
import io.gureum.vpc.model.Resource;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.AddIpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.AssociateIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.AssociateIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamScopeRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamScopeResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamScopeRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamScopeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamResourceDiscoveriesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamResourceDiscoveriesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamResourceDiscoveryAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamResourceDiscoveryAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamScopesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamScopesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredResourceCidrsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamDiscoveredResourceCidrsResponse;
import software.amazon.awssdk.services.ec2.model.IpamDiscoveredResourceCidr;
import software.amazon.awssdk.services.ec2.model.IpamOperatingRegion;
import software.amazon.awssdk.services.ec2.model.IpamResourceTag;
import software.amazon.awssdk.services.ec2.model.ModifyIpamRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamResourceDiscoveryRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamResourceDiscoveryResponse;
import software.amazon.awssdk.services.ec2.model.ModifyIpamResponse;
import software.amazon.awssdk.services.ec2.model.ModifyIpamScopeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamScopeResponse;
import software.amazon.awssdk.services.ec2.model.RemoveIpamOperatingRegion;

/**
 * VPC IP Address Manager (https://docs.aws.amazon.com/vpc/latest/ipam/what-it-is-ipam.html): IPAMs, their scopes,
 * resource discoveries and their associations. CreateIpam makes, as AWS does, a public and a private default scope
 * and a default resource discovery associated with the IPAM; DeleteIpam removes them with it. Every IPAM resource
 * lives in its home region (the store of the call that created it) and has a region-less ARN. Pools are
 * {@link IpamPools}.
 */
public final class Ipams {
    private final Network net;
    private final Filters<Ipam> ipamFilters;
    private final Filters<IpamScope> scopeFilters;
    private final Filters<IpamResourceDiscovery> discoveryFilters;
    private final Filters<IpamResourceDiscoveryAssociation> associationFilters;

    Ipams(Network net) {
        this.net = net;
        this.ipamFilters = new Filters<Ipam>().on("ipam-id", i -> i.id).on("owner-id", i -> i.ownerId)
                .on("description", i -> i.description).on("tier", i -> i.tier)
                .on("ipam-region", i -> net.store().region).on("state", this::state)
                .on("operating-region.region-name", i -> i.operatingRegions)
                .on("public-default-scope-id", i -> i.publicDefaultScopeId)
                .on("private-default-scope-id", i -> i.privateDefaultScopeId);
        this.scopeFilters = new Filters<IpamScope>().on("ipam-scope-id", x -> x.id).on("ipam-id", x -> x.ipamId)
                .on("ipam-arn", x -> arnOfIpam(x.ipamId)).on("ipam-scope-type", x -> x.scopeType)
                .on("is-default", x -> x.isDefault).on("description", x -> x.description)
                .on("owner-id", x -> x.ownerId).on("state", this::state)
                .on("ipam-region", x -> net.store().region);
        this.discoveryFilters = new Filters<IpamResourceDiscovery>().on("ipam-resource-discovery-id", x -> x.id)
                .on("owner-id", x -> x.ownerId).on("is-default", x -> x.isDefault)
                .on("description", x -> x.description).on("state", this::state)
                .on("operating-region.region-name", x -> x.operatingRegions)
                .on("ipam-resource-discovery-region", x -> net.store().region);
        this.associationFilters = new Filters<IpamResourceDiscoveryAssociation>()
                .on("ipam-resource-discovery-association-id", x -> x.id)
                .on("ipam-resource-discovery-id", x -> x.resourceDiscoveryId).on("ipam-id", x -> x.ipamId)
                .on("ipam-arn", x -> arnOfIpam(x.ipamId)).on("is-default", x -> x.isDefault)
                .on("owner-id", x -> x.ownerId).on("state", this::state)
                .on("ipam-region", x -> net.store().region);
    }

    // --- errors (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html) ---

    static AwsException ipamNotFound(String id) {
        return new AwsException("InvalidIpamId.NotFound", "The ipam ID '" + id + "' does not exist", 400);
    }

    static AwsException scopeNotFound(String id) {
        return new AwsException("InvalidIpamScopeId.NotFound", "The ipam-scope ID '" + id + "' does not exist", 400);
    }

    static AwsException discoveryNotFound(String id) {
        return new AwsException("InvalidIpamResourceDiscoveryId.NotFound",
                "The ipam-resource-discovery ID '" + id + "' does not exist", 400);
    }

    static AwsException associationNotFound(String id) {
        return new AwsException("InvalidIpamResourceDiscoveryAssociationId.NotFound",
                "The ipam-resource-discovery-association ID '" + id + "' does not exist", 400);
    }

    // --- states on the clock ---

    String state(Ipam i) {
        return IpamStates.of(net.now(), i.created, i.modified, i.deleteRequested);
    }

    String state(IpamScope x) {
        return IpamStates.of(net.now(), x.created, x.modified, x.deleteRequested);
    }

    String state(IpamResourceDiscovery x) {
        return IpamStates.of(net.now(), x.created, x.modified, x.deleteRequested);
    }

    String state(IpamResourceDiscoveryAssociation x) {
        if (x.deleteRequested != null) {
            return net.now().isBefore(x.deleteRequested.plus(IpamStates.TRANSITION)) ? "disassociate-in-progress"
                    : "disassociate-complete";
        }
        return net.now().isBefore(x.created.plus(IpamStates.TRANSITION)) ? "associate-in-progress"
                : "associate-complete";
    }

    /** Resources whose deletion completed leave the store. Called before each operation. */
    void settle(VpcStore s) {
        if (s.ipams.isEmpty() && s.ipamResourceDiscoveries.isEmpty()) {
            return;
        }
        drop(s, s.ipamPools, p -> p.deleteRequested);
        drop(s, s.ipamScopes, x -> x.deleteRequested);
        drop(s, s.ipamDiscoveryAssociations, x -> x.deleteRequested);
        drop(s, s.ipamResourceDiscoveries, x -> x.deleteRequested);
        drop(s, s.ipams, x -> x.deleteRequested);
    }

    private <T extends Resource> void drop(VpcStore s, Map<String, T> family,
            Function<T, java.time.Instant> deleteRequested) {
        for (T r : List.copyOf(family.values())) {
            if (IpamStates.gone(net.now(), deleteRequested.apply(r))) {
                family.remove(r.id);
            }
        }
    }

    /** Marks a resource deleted: it leaves the registry now (no more tagging) and the store once the state says so. */
    private static void markDeleted(VpcStore s, Resource r) {
        if (s.registered(r)) {
            s.forget(r);
        }
    }

    // --- lookups ---

    Ipam requireIpam(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("IpamId");
        }
        Ipam i = s.ipams.get(id);
        if (i == null || i.deleteRequested != null) {
            throw ipamNotFound(id);
        }
        return i;
    }

    IpamScope requireScope(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("IpamScopeId");
        }
        IpamScope x = s.ipamScopes.get(id);
        if (x == null || x.deleteRequested != null) {
            throw scopeNotFound(id);
        }
        return x;
    }

    IpamResourceDiscovery requireDiscovery(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("IpamResourceDiscoveryId");
        }
        IpamResourceDiscovery x = s.ipamResourceDiscoveries.get(id);
        if (x == null || x.deleteRequested != null) {
            throw discoveryNotFound(id);
        }
        return x;
    }

    String arnOfIpam(String ipamId) {
        VpcStore s = net.store();
        Ipam i = s.ipams.get(ipamId);
        return i == null ? null : s.arnOf(i).toString();
    }

    /** Operating regions as given, checked against the partition's regions, with the home region first. */
    private List<String> regions(VpcStore s, List<AddIpamOperatingRegion> given) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add(s.region);
        if (given != null) {
            for (AddIpamOperatingRegion r : given) {
                checkRegion(r.regionName());
                out.add(r.regionName());
            }
        }
        return new ArrayList<>(out);
    }

    private void checkRegion(String region) {
        if (region == null || net.ctx.topology().region(region).isEmpty()) {
            throw Ec2Errors.invalidParameterValue("The operating Region " + region + " is not a valid Region.");
        }
    }

    private static void modifyRegions(VpcStore s, List<String> regions, List<AddIpamOperatingRegion> add,
            List<RemoveIpamOperatingRegion> remove, java.util.function.Consumer<String> check) {
        if (remove != null) {
            for (RemoveIpamOperatingRegion r : remove) {
                if (s.region.equals(r.regionName())) {
                    throw Ec2Errors.invalidParameterValue("You cannot remove the home Region " + s.region
                            + " from the operating Regions.");
                }
            }
        }
        if (add != null) {
            for (AddIpamOperatingRegion r : add) {
                check.accept(r.regionName());
            }
        }
        if (remove != null) {
            for (RemoveIpamOperatingRegion r : remove) {
                regions.remove(r.regionName());
            }
        }
        if (add != null) {
            for (AddIpamOperatingRegion r : add) {
                if (!regions.contains(r.regionName())) {
                    regions.add(r.regionName());
                }
            }
        }
    }

    private static String tier(String given) {
        if (given == null) {
            return null;
        }
        if (!given.equals("free") && !given.equals("advanced")) {
            throw Ec2Errors.invalidValue(given, "Tier", "Valid values are free and advanced.");
        }
        return given;
    }

    // --- IPAMs ---

    public CreateIpamResponse createIpam(CreateIpamRequest r) {
        VpcStore s = net.store();
        if (r.clientToken() != null) {
            for (Ipam i : s.ipams.values()) {
                if (r.clientToken().equals(i.clientToken) && i.deleteRequested == null) {
                    return CreateIpamResponse.builder().ipam(toSdk(s, i)).build();
                }
            }
        }
        List<String> regions = regions(s, r.operatingRegions());
        String tier = tier(r.tierAsString());
        Tags.validate(r.tagSpecifications(), "ipam");
        Ec2Errors.checkDryRun(r.dryRun());
        Ipam i = new Ipam(net.id("ipam"), s.account, net.now());
        i.description = r.description();
        i.operatingRegions.addAll(regions);
        if (tier != null) {
            i.tier = tier;
        }
        i.enablePrivateGua = r.enablePrivateGua();
        i.meteredAccount = r.meteredAccountAsString();
        i.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), i);
        s.put(s.ipams, i);
        i.publicDefaultScopeId = s.put(s.ipamScopes, newScope(s, i, "public", true, null)).id;
        i.privateDefaultScopeId = s.put(s.ipamScopes, newScope(s, i, "private", true, null)).id;
        IpamResourceDiscovery d = new IpamResourceDiscovery(net.id("ipam-res-disco"), s.account, net.now());
        d.isDefault = true;
        d.operatingRegions.addAll(regions);
        s.put(s.ipamResourceDiscoveries, d);
        i.defaultResourceDiscoveryId = d.id;
        i.defaultResourceDiscoveryAssociationId = s.put(s.ipamDiscoveryAssociations, associate(s, i, d, true, null))
                .id;
        return CreateIpamResponse.builder().ipam(toSdk(s, i)).build();
    }

    private IpamScope newScope(VpcStore s, Ipam i, String type, boolean isDefault, String description) {
        IpamScope x = new IpamScope(net.id("ipam-scope"), s.account, net.now());
        x.ipamId = i.id;
        x.scopeType = type;
        x.isDefault = isDefault;
        x.description = description;
        return x;
    }

    private IpamResourceDiscoveryAssociation associate(VpcStore s, Ipam i, IpamResourceDiscovery d, boolean isDefault,
            String clientToken) {
        IpamResourceDiscoveryAssociation a = new IpamResourceDiscoveryAssociation(net.id("ipam-res-disco-assoc"),
                s.account, net.now());
        a.ipamId = i.id;
        a.resourceDiscoveryId = d.id;
        a.isDefault = isDefault;
        a.clientToken = clientToken;
        return a;
    }

    public DescribeIpamsResponse describeIpams(DescribeIpamsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<Ipam> found = pick(s.ipams, r.hasIpamIds() ? r.ipamIds() : null, Ipams::ipamNotFound);
        var page = Pagination.page(found.stream().filter(ipamFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeIpamsResponse.builder().ipams(page.items().stream().map(i -> toSdk(s, i)).toList())
                .nextToken(page.nextToken()).build();
    }

    /**
     * The resources of a Describe call: those named (an ID that is not there is the family's NotFound error, as
     * for EC2's other Describe calls), or every one; a deleted one is described until its deletion completes.
     */
    static <T extends Resource> List<T> pick(Map<String, T> family, List<String> ids,
            Function<String, AwsException> notFound) {
        if (ids == null || ids.isEmpty()) {
            return new ArrayList<>(family.values());
        }
        List<T> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            T x = family.get(id);
            if (x == null) {
                throw notFound.apply(id);
            }
            out.add(x);
        }
        return out;
    }

    public ModifyIpamResponse modifyIpam(ModifyIpamRequest r) {
        VpcStore s = net.store();
        Ipam i = requireIpam(s, r.ipamId());
        String tier = tier(r.tierAsString());
        List<String> regions = new ArrayList<>(i.operatingRegions);
        modifyRegions(s, regions, r.addOperatingRegions(), r.removeOperatingRegions(), this::checkRegion);
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.description() != null) {
            i.description = r.description();
        }
        if (tier != null) {
            i.tier = tier;
        }
        if (r.enablePrivateGua() != null) {
            i.enablePrivateGua = r.enablePrivateGua();
        }
        if (r.meteredAccountAsString() != null) {
            i.meteredAccount = r.meteredAccountAsString();
        }
        i.operatingRegions.clear();
        i.operatingRegions.addAll(regions);
        IpamResourceDiscovery d = s.ipamResourceDiscoveries.get(i.defaultResourceDiscoveryId);
        if (d != null) {
            d.operatingRegions.clear();
            d.operatingRegions.addAll(regions);
        }
        i.modified = net.now();
        return ModifyIpamResponse.builder().ipam(toSdk(s, i)).build();
    }

    /**
     * Without Cascade an IPAM with pools or scopes of its own is not deleted. With it, as DeleteIpam documents, its
     * private pools are deleted (their allocations to VPCs released: the VPCs keep their CIDRs), then its scopes
     * and itself; a pool in the public scope still refuses it.
     */
    public DeleteIpamResponse deleteIpam(DeleteIpamRequest r) {
        VpcStore s = net.store();
        Ipam i = requireIpam(s, r.ipamId());
        boolean cascade = Boolean.TRUE.equals(r.cascade());
        List<IpamPool> pools = s.ipamPools.values().stream()
                .filter(p -> p.ipamId.equals(i.id) && p.deleteRequested == null).toList();
        boolean ownScopes = s.ipamScopes.values().stream()
                .anyMatch(x -> x.ipamId.equals(i.id) && !x.isDefault && x.deleteRequested == null);
        if (!cascade && (!pools.isEmpty() || ownScopes) || net.prefixListResolvers.uses(s, i.id)) {
            throw Ec2Errors.dependencyViolation("ipam", i.id);
        }
        if (pools.stream().anyMatch(p -> "public".equals(p.scopeType))) {
            throw Ec2Error.INVALID_PARAMETER_VALUE.withMessage("The IPAM " + i.id
                    + " cannot be deleted with cascade: it has pools in its public scope.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        for (IpamPool p : pools) {
            if (p.sourcePoolId == null) {
                net.ipamPools.deleteCascade(s, p);
            }
        }
        for (IpamScope x : s.ipamScopes.values()) {
            if (x.ipamId.equals(i.id) && x.deleteRequested == null) {
                x.deleteRequested = net.now();
                markDeleted(s, x);
            }
        }
        for (IpamResourceDiscoveryAssociation a : s.ipamDiscoveryAssociations.values()) {
            if (a.ipamId.equals(i.id) && a.deleteRequested == null) {
                a.deleteRequested = net.now();
                markDeleted(s, a);
            }
        }
        IpamResourceDiscovery d = s.ipamResourceDiscoveries.get(i.defaultResourceDiscoveryId);
        if (d != null && d.deleteRequested == null) {
            d.deleteRequested = net.now();
            markDeleted(s, d);
        }
        i.deleteRequested = net.now();
        markDeleted(s, i);
        return DeleteIpamResponse.builder().ipam(toSdk(s, i)).build();
    }

    software.amazon.awssdk.services.ec2.model.Ipam toSdk(VpcStore s, Ipam i) {
        long scopes = s.ipamScopes.values().stream().filter(x -> x.ipamId.equals(i.id) && x.deleteRequested == null)
                .count();
        long associations = s.ipamDiscoveryAssociations.values().stream()
                .filter(x -> x.ipamId.equals(i.id) && x.deleteRequested == null).count();
        return software.amazon.awssdk.services.ec2.model.Ipam.builder().ipamId(i.id).ownerId(i.ownerId)
                .ipamArn(s.arnOf(i).toString()).ipamRegion(s.region).description(i.description)
                .publicDefaultScopeId(i.publicDefaultScopeId).privateDefaultScopeId(i.privateDefaultScopeId)
                .scopeCount((int) scopes)
                .operatingRegions(i.operatingRegions.stream()
                        .map(x -> IpamOperatingRegion.builder().regionName(x).build()).toList())
                .state(state(i)).tags(Tags.toSdk(s.tagsOf(i)))
                .defaultResourceDiscoveryId(i.defaultResourceDiscoveryId)
                .defaultResourceDiscoveryAssociationId(i.defaultResourceDiscoveryAssociationId)
                .resourceDiscoveryAssociationCount((int) associations).tier(i.tier)
                .enablePrivateGua(i.enablePrivateGua).meteredAccount(i.meteredAccount).build();
    }

    // --- scopes ---

    public CreateIpamScopeResponse createIpamScope(CreateIpamScopeRequest r) {
        VpcStore s = net.store();
        Ipam i = requireIpam(s, r.ipamId());
        if (r.clientToken() != null) {
            for (IpamScope x : s.ipamScopes.values()) {
                if (r.clientToken().equals(x.clientToken) && x.deleteRequested == null) {
                    return CreateIpamScopeResponse.builder().ipamScope(toSdk(s, x)).build();
                }
            }
        }
        if (r.externalAuthorityConfiguration() != null) {
            throw new AwsException("NotImplemented", "Gureum does not emulate IPAM scopes with an external "
                    + "authority (ExternalAuthorityConfiguration).", 501);
        }
        Tags.validate(r.tagSpecifications(), "ipam-scope");
        Ec2Errors.checkDryRun(r.dryRun());
        // CreateIpamScope makes private scopes: the public one is the IPAM's default
        // (https://docs.aws.amazon.com/vpc/latest/ipam/add-scope-ipam.html).
        IpamScope x = newScope(s, i, "private", false, r.description());
        x.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), x);
        s.put(s.ipamScopes, x);
        return CreateIpamScopeResponse.builder().ipamScope(toSdk(s, x)).build();
    }

    public DescribeIpamScopesResponse describeIpamScopes(DescribeIpamScopesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<IpamScope> found = pick(s.ipamScopes, r.hasIpamScopeIds() ? r.ipamScopeIds() : null,
                Ipams::scopeNotFound);
        var page = Pagination.page(found.stream().filter(scopeFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeIpamScopesResponse.builder().ipamScopes(page.items().stream().map(x -> toSdk(s, x)).toList())
                .nextToken(page.nextToken()).build();
    }

    public ModifyIpamScopeResponse modifyIpamScope(ModifyIpamScopeRequest r) {
        VpcStore s = net.store();
        IpamScope x = requireScope(s, r.ipamScopeId());
        if (r.externalAuthorityConfiguration() != null) {
            throw new AwsException("NotImplemented", "Gureum does not emulate IPAM scopes with an external "
                    + "authority (ExternalAuthorityConfiguration).", 501);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.description() != null) {
            x.description = r.description();
        }
        x.modified = net.now();
        return ModifyIpamScopeResponse.builder().ipamScope(toSdk(s, x)).build();
    }

    /** The default scopes go only with their IPAM; a scope with pools is not deleted. */
    public DeleteIpamScopeResponse deleteIpamScope(DeleteIpamScopeRequest r) {
        VpcStore s = net.store();
        IpamScope x = requireScope(s, r.ipamScopeId());
        if (x.isDefault) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The default scope " + x.id
                    + " cannot be deleted. Default scopes are deleted with their IPAM.");
        }
        if (s.ipamPools.values().stream().anyMatch(p -> p.scopeId.equals(x.id) && p.deleteRequested == null)) {
            throw Ec2Errors.dependencyViolation("ipam-scope", x.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        x.deleteRequested = net.now();
        markDeleted(s, x);
        return DeleteIpamScopeResponse.builder().ipamScope(toSdk(s, x)).build();
    }

    software.amazon.awssdk.services.ec2.model.IpamScope toSdk(VpcStore s, IpamScope x) {
        long pools = s.ipamPools.values().stream().filter(p -> p.scopeId.equals(x.id) && p.deleteRequested == null)
                .count();
        Ipam i = s.ipams.get(x.ipamId);
        return software.amazon.awssdk.services.ec2.model.IpamScope.builder().ipamScopeId(x.id).ownerId(x.ownerId)
                .ipamScopeArn(s.arnOf(x).toString()).ipamArn(i == null ? null : s.arnOf(i).toString())
                .ipamRegion(s.region).ipamScopeType(x.scopeType).isDefault(x.isDefault).description(x.description)
                .poolCount((int) pools).state(state(x)).tags(Tags.toSdk(s.tagsOf(x))).build();
    }

    // --- resource discoveries ---

    public CreateIpamResourceDiscoveryResponse createIpamResourceDiscovery(CreateIpamResourceDiscoveryRequest r) {
        VpcStore s = net.store();
        if (r.clientToken() != null) {
            for (IpamResourceDiscovery x : s.ipamResourceDiscoveries.values()) {
                if (r.clientToken().equals(x.clientToken) && x.deleteRequested == null) {
                    return CreateIpamResourceDiscoveryResponse.builder().ipamResourceDiscovery(toSdk(s, x)).build();
                }
            }
        }
        List<String> regions = regions(s, r.operatingRegions());
        Tags.validate(r.tagSpecifications(), "ipam-resource-discovery");
        Ec2Errors.checkDryRun(r.dryRun());
        IpamResourceDiscovery d = new IpamResourceDiscovery(net.id("ipam-res-disco"), s.account, net.now());
        d.description = r.description();
        d.operatingRegions.addAll(regions);
        d.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), d);
        s.put(s.ipamResourceDiscoveries, d);
        return CreateIpamResourceDiscoveryResponse.builder().ipamResourceDiscovery(toSdk(s, d)).build();
    }

    public DescribeIpamResourceDiscoveriesResponse describeIpamResourceDiscoveries(
            DescribeIpamResourceDiscoveriesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<IpamResourceDiscovery> found = pick(s.ipamResourceDiscoveries,
                r.hasIpamResourceDiscoveryIds() ? r.ipamResourceDiscoveryIds() : null, Ipams::discoveryNotFound);
        var page = Pagination.page(found.stream().filter(discoveryFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeIpamResourceDiscoveriesResponse.builder()
                .ipamResourceDiscoveries(page.items().stream().map(x -> toSdk(s, x)).toList())
                .nextToken(page.nextToken()).build();
    }

    public ModifyIpamResourceDiscoveryResponse modifyIpamResourceDiscovery(ModifyIpamResourceDiscoveryRequest r) {
        VpcStore s = net.store();
        IpamResourceDiscovery d = requireDiscovery(s, r.ipamResourceDiscoveryId());
        if (d.isDefault) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The default resource discovery " + d.id
                    + " cannot be modified. Modify its IPAM instead.");
        }
        List<String> regions = new ArrayList<>(d.operatingRegions);
        modifyRegions(s, regions, r.addOperatingRegions(), r.removeOperatingRegions(), this::checkRegion);
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.description() != null) {
            d.description = r.description();
        }
        d.operatingRegions.clear();
        d.operatingRegions.addAll(regions);
        if (r.addOrganizationalUnitExclusions() != null) {
            r.addOrganizationalUnitExclusions().forEach(x -> {
                if (!d.organizationalUnitExclusions.contains(x.organizationsEntityPath())) {
                    d.organizationalUnitExclusions.add(x.organizationsEntityPath());
                }
            });
        }
        if (r.removeOrganizationalUnitExclusions() != null) {
            r.removeOrganizationalUnitExclusions()
                    .forEach(x -> d.organizationalUnitExclusions.remove(x.organizationsEntityPath()));
        }
        d.modified = net.now();
        return ModifyIpamResourceDiscoveryResponse.builder().ipamResourceDiscovery(toSdk(s, d)).build();
    }

    /** A default discovery goes only with its IPAM; an associated one is disassociated first. */
    public DeleteIpamResourceDiscoveryResponse deleteIpamResourceDiscovery(DeleteIpamResourceDiscoveryRequest r) {
        VpcStore s = net.store();
        IpamResourceDiscovery d = requireDiscovery(s, r.ipamResourceDiscoveryId());
        if (d.isDefault) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The default resource discovery " + d.id
                    + " cannot be deleted. It is deleted with its IPAM.");
        }
        if (s.ipamDiscoveryAssociations.values().stream()
                .anyMatch(a -> a.resourceDiscoveryId.equals(d.id) && a.deleteRequested == null)) {
            throw Ec2Errors.dependencyViolation("ipam-resource-discovery", d.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        d.deleteRequested = net.now();
        markDeleted(s, d);
        return DeleteIpamResourceDiscoveryResponse.builder().ipamResourceDiscovery(toSdk(s, d)).build();
    }

    software.amazon.awssdk.services.ec2.model.IpamResourceDiscovery toSdk(VpcStore s, IpamResourceDiscovery d) {
        return software.amazon.awssdk.services.ec2.model.IpamResourceDiscovery.builder()
                .ipamResourceDiscoveryId(d.id).ownerId(d.ownerId).ipamResourceDiscoveryArn(s.arnOf(d).toString())
                .ipamResourceDiscoveryRegion(s.region).description(d.description)
                .operatingRegions(d.operatingRegions.stream()
                        .map(x -> IpamOperatingRegion.builder().regionName(x).build()).toList())
                .isDefault(d.isDefault).state(state(d)).tags(Tags.toSdk(s.tagsOf(d)))
                .organizationalUnitExclusions(d.organizationalUnitExclusions.stream()
                        .map(x -> software.amazon.awssdk.services.ec2.model.IpamOrganizationalUnitExclusion.builder()
                                .organizationsEntityPath(x).build())
                        .toList())
                .build();
    }

    // --- associations ---

    public AssociateIpamResourceDiscoveryResponse associateIpamResourceDiscovery(
            AssociateIpamResourceDiscoveryRequest r) {
        VpcStore s = net.store();
        Ipam i = requireIpam(s, r.ipamId());
        IpamResourceDiscovery d = requireDiscovery(s, r.ipamResourceDiscoveryId());
        if (r.clientToken() != null) {
            for (IpamResourceDiscoveryAssociation a : s.ipamDiscoveryAssociations.values()) {
                if (r.clientToken().equals(a.clientToken) && a.deleteRequested == null) {
                    return AssociateIpamResourceDiscoveryResponse.builder()
                            .ipamResourceDiscoveryAssociation(toSdk(s, a)).build();
                }
            }
        }
        if (s.ipamDiscoveryAssociations.values().stream().anyMatch(a -> a.deleteRequested == null
                && a.ipamId.equals(i.id) && a.resourceDiscoveryId.equals(d.id))) {
            throw Ec2Error.RESOURCE_ALREADY_ASSOCIATED.withMessage("The resource discovery " + d.id
                    + " is already associated with the IPAM " + i.id + ".");
        }
        Tags.validate(r.tagSpecifications(), "ipam-resource-discovery-association");
        Ec2Errors.checkDryRun(r.dryRun());
        IpamResourceDiscoveryAssociation a = associate(s, i, d, false, r.clientToken());
        Tags.apply(r.tagSpecifications(), a);
        s.put(s.ipamDiscoveryAssociations, a);
        return AssociateIpamResourceDiscoveryResponse.builder().ipamResourceDiscoveryAssociation(toSdk(s, a)).build();
    }

    public DisassociateIpamResourceDiscoveryResponse disassociateIpamResourceDiscovery(
            DisassociateIpamResourceDiscoveryRequest r) {
        VpcStore s = net.store();
        String id = r.ipamResourceDiscoveryAssociationId();
        if (id == null) {
            throw Ec2Errors.missing("IpamResourceDiscoveryAssociationId");
        }
        IpamResourceDiscoveryAssociation a = s.ipamDiscoveryAssociations.get(id);
        if (a == null || a.deleteRequested != null) {
            throw associationNotFound(id);
        }
        if (a.isDefault) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The default resource discovery association " + id
                    + " cannot be disassociated. It is deleted with its IPAM.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        a.deleteRequested = net.now();
        markDeleted(s, a);
        return DisassociateIpamResourceDiscoveryResponse.builder().ipamResourceDiscoveryAssociation(toSdk(s, a))
                .build();
    }

    public DescribeIpamResourceDiscoveryAssociationsResponse describeIpamResourceDiscoveryAssociations(
            DescribeIpamResourceDiscoveryAssociationsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<IpamResourceDiscoveryAssociation> found = pick(s.ipamDiscoveryAssociations,
                r.hasIpamResourceDiscoveryAssociationIds() ? r.ipamResourceDiscoveryAssociationIds() : null,
                Ipams::associationNotFound);
        var page = Pagination.page(found.stream().filter(associationFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeIpamResourceDiscoveryAssociationsResponse.builder()
                .ipamResourceDiscoveryAssociations(page.items().stream().map(x -> toSdk(s, x)).toList())
                .nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.IpamResourceDiscoveryAssociation toSdk(VpcStore s,
            IpamResourceDiscoveryAssociation a) {
        Ipam i = s.ipams.get(a.ipamId);
        IpamResourceDiscovery d = s.ipamResourceDiscoveries.get(a.resourceDiscoveryId);
        return software.amazon.awssdk.services.ec2.model.IpamResourceDiscoveryAssociation.builder()
                .ipamResourceDiscoveryAssociationId(a.id).ownerId(a.ownerId)
                .ipamResourceDiscoveryAssociationArn(s.arnOf(a).toString())
                .ipamResourceDiscoveryId(a.resourceDiscoveryId).ipamId(a.ipamId)
                .ipamArn(i == null ? null : s.arnOf(i).toString()).ipamRegion(s.region).isDefault(a.isDefault)
                .resourceDiscoveryStatus(d == null || d.deleteRequested != null ? "not-found" : "active")
                .state(state(a)).tags(Tags.toSdk(s.tagsOf(a))).build();
    }

    // --- discovered resources ---

    /**
     * The VPC and subnet CIDRs (IPv4 and IPv6) of the caller's account in {@code ResourceRegion}, if the
     * discovery operates there. Gureum discovers the region of the discovery only (its home region: the only store
     * this call holds); network interfaces and public IPs are not listed.
     */
    public GetIpamDiscoveredResourceCidrsResponse getIpamDiscoveredResourceCidrs(
            GetIpamDiscoveredResourceCidrsRequest r) {
        VpcStore s = net.store();
        IpamResourceDiscovery d = requireDiscovery(s, r.ipamResourceDiscoveryId());
        if (r.resourceRegion() == null) {
            throw Ec2Errors.missing("ResourceRegion");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<IpamDiscoveredResourceCidr> out = new ArrayList<>();
        if (r.resourceRegion().equals(s.region) && d.operatingRegions.contains(s.region)) {
            for (Vpc v : s.vpcs.values()) {
                for (var c : v.cidrs) {
                    out.add(discovered(s, d, v, null, c.cidr.toString(), "vpc", usage(v, c.cidr)));
                }
                for (var c : v.ipv6Cidrs) {
                    out.add(discovered(s, d, v, null, c.cidr, "vpc", 0.0));
                }
                for (Subnet sn : v.subnets.values()) {
                    out.add(discovered(s, d, v, sn, sn.cidr.toString(), "subnet", usage(sn)));
                }
            }
        }
        var page = Pagination.page(out.stream().filter(x -> matches(x, r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return GetIpamDiscoveredResourceCidrsResponse.builder().ipamDiscoveredResourceCidrs(page.items())
                .nextToken(page.nextToken()).build();
    }

    private static boolean matches(IpamDiscoveredResourceCidr x, List<software.amazon.awssdk.services.ec2.model.Filter> filters) {
        for (var f : filters) {
            String value = switch (f.name() == null ? "" : f.name()) {
                case "resource-id" -> x.resourceId();
                case "resource-type" -> x.resourceTypeAsString();
                case "resource-cidr" -> x.resourceCidr();
                case "vpc-id" -> x.vpcId();
                case "resource-owner-id" -> x.resourceOwnerId();
                default -> throw Ec2Errors.invalidParameterValue("The filter '" + f.name() + "' is invalid");
            };
            if (!f.values().contains(value)) {
                return false;
            }
        }
        return true;
    }

    private IpamDiscoveredResourceCidr discovered(VpcStore s, IpamResourceDiscovery d, Vpc v, Subnet sn, String cidr,
            String type, double usage) {
        Resource res = sn != null ? sn : v;
        return IpamDiscoveredResourceCidr.builder().ipamResourceDiscoveryId(d.id).resourceRegion(s.region)
                .resourceId(res.id).resourceOwnerId(res.ownerId).resourceCidr(cidr).resourceType(type)
                .ipSource("none").vpcId(v.id).subnetId(sn == null ? null : sn.id)
                .availabilityZoneId(sn == null ? null : sn.availabilityZoneId)
                .resourceTags(s.tagsOf(res).entrySet().stream()
                        .map(e -> IpamResourceTag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .ipUsage(usage).sampleTime(net.now()).build();
    }

    /** The share of a VPC block its subnets cover. */
    static double usage(Vpc v, io.gureum.vpc.net.Cidr block) {
        long used = v.subnets.values().stream().filter(sn -> block.contains(sn.cidr)).mapToLong(sn -> sn.cidr.size())
                .sum();
        return (double) used / block.size();
    }

    /** The share of a subnet's addresses in use (AWS's five reserved ones included). */
    static double usage(Subnet sn) {
        if (sn.ips == null) {
            return 0.0;
        }
        return (double) (sn.cidr.size() - sn.ips.available()) / sn.cidr.size();
    }
}
