package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.PrefixList;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.CreateManagedPrefixListRequest;
import software.amazon.awssdk.services.ec2.model.CreateManagedPrefixListResponse;
import software.amazon.awssdk.services.ec2.model.DeleteManagedPrefixListRequest;
import software.amazon.awssdk.services.ec2.model.DeleteManagedPrefixListResponse;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.DescribePrefixListsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesRequest;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyManagedPrefixListRequest;
import software.amazon.awssdk.services.ec2.model.ModifyManagedPrefixListResponse;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.RemovePrefixListEntry;

/**
 * Prefix lists (https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html): the
 * AWS-managed lists of the gateway endpoint services ({@code com.amazonaws.<region>.s3} and
 * {@code .dynamodb}, the same ID for every account of a region) and customer-managed lists.
 */
public final class PrefixLists {
    static final List<String> GATEWAY_SERVICES = List.of("s3", "dynamodb");
    /** Published address ranges of the services, used where a region is listed; a generic range elsewhere. */
    private static final Map<String, List<String>> RANGES = Map.of(
            "ap-northeast-2/s3", List.of("3.5.140.0/22", "52.219.56.0/22", "52.219.60.0/23", "52.219.144.0/22",
                    "52.219.148.0/23"),
            "ap-northeast-2/dynamodb", List.of("52.94.11.0/24", "3.33.152.0/23"),
            "us-east-1/s3", List.of("3.5.0.0/19", "16.182.0.0/16", "18.34.0.0/19", "52.216.0.0/15", "54.231.0.0/16"),
            "us-east-1/dynamodb", List.of("3.218.180.0/22", "35.71.64.0/22", "52.94.0.0/22", "52.119.224.0/20"));

    private final Network net;
    private final Filters<PrefixList> filters = new Filters<PrefixList>()
            .on("prefix-list-id", p -> p.id)
            .on("prefix-list-name", p -> p.name)
            .on("owner-id", p -> p.ownerId);

    PrefixLists(Network net) {
        this.net = net;
    }

    static String serviceName(String region, String service) {
        return "com.amazonaws." + region + "." + service;
    }

    /** The AWS-managed lists of a region: deterministic IDs, owned by {@code AWS}, not taggable. */
    void seed(VpcStore s) {
        for (String service : GATEWAY_SERVICES) {
            String name = serviceName(s.region, service);
            String id = "pl-" + String.format("%08x", name.hashCode());
            PrefixList pl = new PrefixList(id, "AWS", net.now());
            pl.name = name;
            pl.awsManaged = true;
            pl.cidrs.addAll(RANGES.getOrDefault(s.region + "/" + service,
                    List.of(service.equals("s3") ? "52.92.0.0/17" : "52.94.24.0/23")));
            pl.maxEntries = pl.cidrs.size();
            s.prefixLists.put(id, pl);
        }
    }

    PrefixList find(VpcStore s, String id) {
        return s.prefixLists.get(id);
    }

    PrefixList require(VpcStore s, String id) {
        return Ids.require(s.prefixLists, "pl", id);
    }

    PrefixList forService(VpcStore s, String serviceName) {
        return s.prefixLists.values().stream().filter(p -> p.awsManaged && p.name.equals(serviceName)).findFirst()
                .orElse(null);
    }

    public DescribePrefixListsResponse describePrefixLists(DescribePrefixListsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<PrefixList> found = new ArrayList<>();
        if (r.hasPrefixListIds() && !r.prefixListIds().isEmpty()) {
            for (String id : r.prefixListIds()) {
                PrefixList p = require(s, id);
                if (p.awsManaged) {
                    found.add(p);
                }
            }
        } else {
            s.prefixLists.values().stream().filter(p -> p.awsManaged).forEach(found::add);
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribePrefixListsResponse.builder().prefixLists(page.items().stream().map(p ->
                software.amazon.awssdk.services.ec2.model.PrefixList.builder().prefixListId(p.id)
                        .prefixListName(p.name).cidrs(p.cidrs).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public DescribeManagedPrefixListsResponse describeManagedPrefixLists(DescribeManagedPrefixListsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<PrefixList> found = new ArrayList<>();
        if (r.hasPrefixListIds() && !r.prefixListIds().isEmpty()) {
            for (String id : r.prefixListIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.prefixLists.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 1, 100);
        return DescribeManagedPrefixListsResponse.builder()
                .prefixLists(page.items().stream().map(p -> toSdk(s, p)).toList()).nextToken(page.nextToken()).build();
    }

    public GetManagedPrefixListEntriesResponse getManagedPrefixListEntries(GetManagedPrefixListEntriesRequest r) {
        VpcStore s = net.store();
        PrefixList p = require(s, r.prefixListId());
        // TargetVersion reads an earlier version of a customer-managed list (kept since versions are recorded).
        Map<String, String> descriptions = p.descriptions;
        List<String> cidrs = p.cidrs;
        if (r.targetVersion() != null && r.targetVersion() != p.version) {
            Map<String, String> version = p.versions.get(r.targetVersion());
            if (version == null) {
                throw Ec2Errors.invalidParameterValue("The prefix list " + p.id + " has no version "
                        + r.targetVersion() + ".");
            }
            cidrs = List.copyOf(version.keySet());
            descriptions = new HashMap<>();
            for (var e : version.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    descriptions.put(e.getKey(), e.getValue());
                }
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        Map<String, String> d = descriptions;
        var page = Pagination.page(cidrs, r.maxResults(), r.nextToken(), 1, 100);
        return GetManagedPrefixListEntriesResponse.builder()
                .entries(page.items().stream().map(c -> PrefixListEntry.builder().cidr(c).description(d.get(c))
                        .build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public CreateManagedPrefixListResponse createManagedPrefixList(CreateManagedPrefixListRequest r) {
        VpcStore s = net.store();
        if (r.prefixListName() == null) {
            throw Ec2Errors.missing("PrefixListName");
        }
        if (r.maxEntries() == null) {
            throw Ec2Errors.missing("MaxEntries");
        }
        if (r.addressFamily() == null) {
            throw Ec2Errors.missing("AddressFamily");
        }
        if (r.prefixListName().startsWith("com.amazonaws")) {
            throw Ec2Errors.invalidParameterValue("The prefix list name cannot start with com.amazonaws.");
        }
        if (r.entries().size() > r.maxEntries()) {
            throw Ec2Error.PREFIX_LIST_MAX_ENTRIES_EXCEEDED.of();
        }
        for (AddPrefixListEntry e : r.entries()) {
            checkEntry(r.addressFamily(), e.cidr());
        }
        Tags.validate(r.tagSpecifications(), "prefix-list");
        Ec2Errors.checkDryRun(r.dryRun());
        PrefixList p = new PrefixList(net.id("pl"), s.account, net.now());
        p.name = r.prefixListName();
        p.addressFamily = r.addressFamily();
        p.maxEntries = r.maxEntries();
        for (AddPrefixListEntry e : r.entries()) {
            p.cidrs.add(e.cidr());
            if (e.description() != null) {
                p.descriptions.put(e.cidr(), e.description());
            }
        }
        PrefixListVersions.remember(p);
        s.put(s.prefixLists, p);
        Tags.apply(r.tagSpecifications(), p);
        return CreateManagedPrefixListResponse.builder().prefixList(toSdk(s, p)).build();
    }

    private static void checkEntry(String family, String cidr) {
        if (family.equals("IPv4") && Cidr.tryParse(cidr) == null) {
            throw Ec2Errors.invalidValue(cidr, "cidr", "This is not a valid CIDR block.");
        }
    }

    public ModifyManagedPrefixListResponse modifyManagedPrefixList(ModifyManagedPrefixListRequest r) {
        VpcStore s = net.store();
        PrefixList p = require(s, r.prefixListId());
        if (p.awsManaged) {
            throw Ec2Error.UNAUTHORIZED_OPERATION.withMessage("You are not authorized to perform this operation on AWS-managed prefix list " + p.id);
        }
        if ((r.hasAddEntries() && !r.addEntries().isEmpty() || r.hasRemoveEntries() && !r.removeEntries().isEmpty())
                && net.prefixListResolvers.manages(s, p.id)) {
            // An IPAM-managed prefix list's CIDRs change only through its resolver (CreateIpamPrefixListResolverTarget).
            throw Ec2Errors.invalidParameterValue("Prefix list " + p.id + " is managed by an IPAM prefix list resolver "
                    + "target: its entries cannot be modified directly.");
        }
        if (r.currentVersion() != null && r.currentVersion() != p.version) {
            throw Ec2Error.PREFIX_LIST_VERSION_MISMATCH.of(p.id, p.version);
        }
        List<String> next = new ArrayList<>(p.cidrs);
        Map<String, String> descriptions = new HashMap<>(p.descriptions);
        for (RemovePrefixListEntry e : r.removeEntries()) {
            if (!next.remove(e.cidr())) {
                throw Ec2Errors.invalidParameterValue("The prefix list entry " + e.cidr() + " does not exist");
            }
            descriptions.remove(e.cidr());
        }
        for (AddPrefixListEntry e : r.addEntries()) {
            checkEntry(p.addressFamily, e.cidr());
            if (!next.contains(e.cidr())) {
                next.add(e.cidr());
            }
            if (e.description() != null) { // adding an entry again replaces its description (not documented)
                descriptions.put(e.cidr(), e.description());
            }
        }
        int max = r.maxEntries() != null ? r.maxEntries() : p.maxEntries;
        if (next.size() > max) {
            throw Ec2Error.PREFIX_LIST_MAX_ENTRIES_EXCEEDED.of();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.prefixListName() != null) {
            p.name = r.prefixListName();
        }
        p.maxEntries = max;
        if (!next.equals(p.cidrs) || !descriptions.equals(p.descriptions)) {
            p.cidrs.clear();
            p.cidrs.addAll(next);
            p.descriptions.clear();
            p.descriptions.putAll(descriptions);
            p.version++;
            PrefixListVersions.remember(p);
        }
        return ModifyManagedPrefixListResponse.builder().prefixList(toSdk(s, p)).build();
    }

    public DeleteManagedPrefixListResponse deleteManagedPrefixList(DeleteManagedPrefixListRequest r) {
        VpcStore s = net.store();
        PrefixList p = require(s, r.prefixListId());
        if (p.awsManaged) {
            throw Ec2Error.UNAUTHORIZED_OPERATION.withMessage("You are not authorized to perform this operation on AWS-managed prefix list " + p.id);
        }
        boolean inUse = s.routeTables.values().stream().anyMatch(t -> t.routes.stream()
                .anyMatch(x -> p.id.equals(x.destinationPrefixListId)))
                || s.securityGroups.values().stream().anyMatch(g -> g.rules.stream()
                .anyMatch(x -> p.id.equals(x.prefixListId)));
        if (inUse) {
            throw Ec2Errors.dependencyViolation("prefixList", p.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.prefixLists, p.id);
        p.state = "delete-complete";
        return DeleteManagedPrefixListResponse.builder().prefixList(toSdk(s, p)).build();
    }

    software.amazon.awssdk.services.ec2.model.ManagedPrefixList toSdk(VpcStore s, PrefixList p) {
        String arn = io.gureum.core.ids.Arn.of("ec2", s.region, p.awsManaged ? "aws" : s.account,
                "prefix-list/" + p.id).toString();
        return software.amazon.awssdk.services.ec2.model.ManagedPrefixList.builder()
                .prefixListId(p.id).prefixListName(p.name).addressFamily(p.addressFamily).state(p.state)
                .prefixListArn(arn).maxEntries(p.awsManaged ? null : p.maxEntries).version(p.version)
                .ownerId(p.ownerId).tags(Tags.toSdk(p.tags)).build();
    }
}
