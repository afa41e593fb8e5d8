package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.NetworkInterfacePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfacePermissionRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfacePermissionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfacePermissionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfacePermissionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacePermissionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacePermissionsResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePermissionState;

/**
 * Network interface permissions
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInterfacePermission.html): another
 * account allowed to attach one of the caller's interfaces to its instances ({@code INSTANCE-ATTACH}) or to
 * associate an Elastic IP with it ({@code EIP-ASSOCIATE}), one account per permission. A permission is {@code pending} for {@link #GRANT_TIME} on the clock, then
 * {@code granted}; deleting it removes it. Gureum has no cross-account attachment, so a permission is never in
 * use and {@code Force} changes nothing. DescribeNetworkInterfacePermissions answers 50 at a time unless
 * {@code MaxResults} says otherwise.
 */
public final class NetworkInterfacePermissions {
    static final Duration GRANT_TIME = Duration.ofSeconds(1);
    static final int DEFAULT_PAGE = 50;
    private static final Set<String> PERMISSIONS = Set.of("INSTANCE-ATTACH", "EIP-ASSOCIATE");
    private final Network net;
    private final Ec2Filters<NetworkInterfacePermission> filters = new Ec2Filters<NetworkInterfacePermission>()
            .on("network-interface-permission.network-interface-permission-id", p -> p.id)
            .on("network-interface-permission.network-interface-id", p -> p.networkInterfaceId)
            .on("network-interface-permission.aws-account-id", p -> p.awsAccountId)
            .on("network-interface-permission.aws-service", p -> p.awsService)
            .on("network-interface-permission.permission", p -> p.permission);

    NetworkInterfacePermissions(Network net) {
        this.net = net;
    }

    /** AWS's error for a permission ID that does not exist. */
    static AwsException notFound(String id) {
        return new AwsException("InvalidNetworkInterfacePermissionID.NotFound",
                "The networkInterfacePermission ID '" + id + "' does not exist", 400);
    }

    String state(NetworkInterfacePermission p) {
        return net.now().isBefore(p.created.plus(GRANT_TIME)) ? "pending" : "granted";
    }

    private List<NetworkInterfacePermission> all(VpcStore s) {
        List<NetworkInterfacePermission> out = new ArrayList<>();
        for (NetworkInterface e : s.networkInterfaces.values()) {
            out.addAll(e.permissions);
        }
        return out;
    }

    public CreateNetworkInterfacePermissionResponse createNetworkInterfacePermission(
            CreateNetworkInterfacePermissionRequest r) {
        VpcStore s = net.store();
        if (r.permissionAsString() == null) {
            throw Ec2Errors.missing("Permission");
        }
        if (!PERMISSIONS.contains(r.permissionAsString())) {
            throw Ec2Errors.invalidValue(r.permissionAsString(), "Permission",
                    "Valid values are INSTANCE-ATTACH and EIP-ASSOCIATE.");
        }
        NetworkInterface e = net.networkInterfaces.require(s, r.networkInterfaceId());
        if ((r.awsAccountId() == null) == (r.awsService() == null)) {
            throw Ec2Errors.combination("Exactly one of AwsAccountId and AwsService must be specified.");
        }
        if (r.awsService() != null) {
            // The API reference documents AwsService as "Currently not supported".
            throw Ec2Errors.invalidValue(r.awsService(), "AwsService", "Specifying an AWS service is not supported.");
        }
        if (!r.awsAccountId().matches("\\d{12}")) {
            throw Ec2Errors.invalidValue(r.awsAccountId(), "AwsAccountId", "It must be a 12-digit account ID.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        NetworkInterfacePermission p = new NetworkInterfacePermission();
        p.id = net.id("eni-perm");
        p.networkInterfaceId = e.id;
        p.awsAccountId = r.awsAccountId();
        p.permission = r.permissionAsString();
        p.created = net.now();
        e.permissions.add(p);
        return CreateNetworkInterfacePermissionResponse.builder().interfacePermission(toSdk(p)).build();
    }

    public DeleteNetworkInterfacePermissionResponse deleteNetworkInterfacePermission(
            DeleteNetworkInterfacePermissionRequest r) {
        VpcStore s = net.store();
        if (r.networkInterfacePermissionId() == null) {
            throw Ec2Errors.missing("NetworkInterfacePermissionId");
        }
        NetworkInterfacePermission found = all(s).stream()
                .filter(p -> p.id.equals(r.networkInterfacePermissionId())).findFirst()
                .orElseThrow(() -> notFound(r.networkInterfacePermissionId()));
        Ec2Errors.checkDryRun(r.dryRun());
        s.networkInterfaces.get(found.networkInterfaceId).permissions.remove(found);
        return DeleteNetworkInterfacePermissionResponse.builder().returnValue(true).build();
    }

    public DescribeNetworkInterfacePermissionsResponse describeNetworkInterfacePermissions(
            DescribeNetworkInterfacePermissionsRequest r) {
        VpcStore s = net.store();
        List<NetworkInterfacePermission> all = all(s);
        List<NetworkInterfacePermission> found = new ArrayList<>();
        if (r.hasNetworkInterfacePermissionIds() && !r.networkInterfacePermissionIds().isEmpty()) {
            for (String id : new LinkedHashSet<>(r.networkInterfacePermissionIds())) {
                found.add(all.stream().filter(p -> p.id.equals(id)).findFirst().orElseThrow(() -> notFound(id)));
            }
        } else {
            found.addAll(all);
        }
        // "If this parameter is not specified, up to 50 results are returned by default."
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(),
                r.maxResults() == null ? Integer.valueOf(DEFAULT_PAGE) : r.maxResults(), r.nextToken(), 5, 255);
        return DescribeNetworkInterfacePermissionsResponse.builder()
                .networkInterfacePermissions(page.items().stream().map(this::toSdk).toList())
                .nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.NetworkInterfacePermission toSdk(NetworkInterfacePermission p) {
        return software.amazon.awssdk.services.ec2.model.NetworkInterfacePermission.builder()
                .networkInterfacePermissionId(p.id).networkInterfaceId(p.networkInterfaceId)
                .awsAccountId(p.awsAccountId).awsService(p.awsService).permission(p.permission)
                .permissionState(NetworkInterfacePermissionState.builder().state(state(p)).build()).build();
    }
}
