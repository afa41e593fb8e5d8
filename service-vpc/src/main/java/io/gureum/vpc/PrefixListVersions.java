package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.PrefixList;
import io.gureum.vpc.model.RouteTable;
import io.gureum.vpc.model.SecurityGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.PrefixListAssociation;
import software.amazon.awssdk.services.ec2.model.RestoreManagedPrefixListVersionRequest;
import software.amazon.awssdk.services.ec2.model.RestoreManagedPrefixListVersionResponse;

/**
 * What refers to a managed prefix list and its earlier versions
 * (https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html): GetManagedPrefixListAssociations
 * lists the route tables with a route to the list and the security groups with a rule naming it;
 * RestoreManagedPrefixListVersion makes the entries of an earlier version the list's next version.
 */
public final class PrefixListVersions {
    private final Network net;

    PrefixListVersions(Network net) {
        this.net = net;
    }

    /** Keeps the list's entries as its current version. */
    static void remember(PrefixList p) {
        LinkedHashMap<String, String> entries = new LinkedHashMap<>();
        for (String cidr : p.cidrs) {
            entries.put(cidr, p.descriptions.getOrDefault(cidr, ""));
        }
        p.versions.put(p.version, entries);
    }

    public GetManagedPrefixListAssociationsResponse getManagedPrefixListAssociations(
            GetManagedPrefixListAssociationsRequest r) {
        VpcStore s = net.store();
        PrefixList p = net.prefixLists.require(s, r.prefixListId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<PrefixListAssociation> out = new ArrayList<>();
        for (RouteTable t : s.routeTables.values()) {
            if (t.routes.stream().anyMatch(x -> p.id.equals(x.destinationPrefixListId))) {
                out.add(PrefixListAssociation.builder().resourceId(t.id).resourceOwner(t.ownerId).build());
            }
        }
        for (SecurityGroup g : s.securityGroups.values()) {
            if (g.rules.stream().anyMatch(x -> p.id.equals(x.prefixListId))) {
                out.add(PrefixListAssociation.builder().resourceId(g.id).resourceOwner(g.ownerId).build());
            }
        }
        var page = Pagination.page(out, r.maxResults(), r.nextToken(), 5, 255);
        return GetManagedPrefixListAssociationsResponse.builder().prefixListAssociations(page.items())
                .nextToken(page.nextToken()).build();
    }

    public RestoreManagedPrefixListVersionResponse restoreManagedPrefixListVersion(
            RestoreManagedPrefixListVersionRequest r) {
        VpcStore s = net.store();
        PrefixList p = net.prefixLists.require(s, r.prefixListId());
        if (net.prefixListResolvers.manages(s, p.id)) {
            throw io.gureum.ec2common.Ec2Errors.invalidParameterValue("Prefix list " + p.id + " is managed by an IPAM "
                    + "prefix list resolver target: its entries cannot be restored directly.");
        }
        if (p.awsManaged) {
            throw Ec2Error.UNAUTHORIZED_OPERATION.withMessage("You are not authorized to perform this operation on "
                    + "AWS-managed prefix list " + p.id);
        }
        if (r.currentVersion() == null) {
            throw Ec2Errors.missing("CurrentVersion");
        }
        if (r.previousVersion() == null) {
            throw Ec2Errors.missing("PreviousVersion");
        }
        if (r.currentVersion() != p.version) {
            throw Ec2Error.PREFIX_LIST_VERSION_MISMATCH.of(p.id, p.version);
        }
        Map<String, String> entries = p.versions.get(r.previousVersion());
        if (entries == null || r.previousVersion() >= p.version) {
            throw Ec2Errors.invalidParameterValue("The prefix list " + p.id + " has no previous version "
                    + r.previousVersion() + ".");
        }
        if (entries.size() > p.maxEntries) {
            throw Ec2Error.PREFIX_LIST_MAX_ENTRIES_EXCEEDED.of();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        p.cidrs.clear();
        p.descriptions.clear();
        entries.forEach((cidr, description) -> {
            p.cidrs.add(cidr);
            if (!description.isEmpty()) {
                p.descriptions.put(cidr, description);
            }
        });
        p.version++;
        remember(p);
        p.state = "restore-complete";
        // The answer shows the restore under way; DescribeManagedPrefixLists shows it complete.
        return RestoreManagedPrefixListVersionResponse.builder()
                .prefixList(net.prefixLists.toSdk(s, p).toBuilder().state("restore-in-progress").build()).build();
    }
}
