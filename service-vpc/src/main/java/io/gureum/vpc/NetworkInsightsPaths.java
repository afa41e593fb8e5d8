package io.gureum.vpc;

import io.gureum.ec2common.Ec2Arns;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInsightsPath;
import io.gureum.vpc.reachability.Endpoints;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsPathRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsPathResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsPathRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsPathResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsPathsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsPathsResponse;
import software.amazon.awssdk.services.ec2.model.FilterPortRange;
import software.amazon.awssdk.services.ec2.model.PathFilter;
import software.amazon.awssdk.services.ec2.model.PathRequestFilter;
import software.amazon.awssdk.services.ec2.model.RequestFilterPortRange;

/**
 * Reachability Analyzer paths (https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html):
 * a source, a destination (or a destination address), a protocol, an optional port and header filters.
 */
public final class NetworkInsightsPaths {
    private final Network net;
    private final Filters<NetworkInsightsPath> filters = new Filters<NetworkInsightsPath>()
            .on("source", p -> p.source)
            .on("destination", p -> p.destination)
            .on("protocol", p -> p.protocol)
            .on("filter-at-source.source-address", p -> p.filterAtSource == null ? null : p.filterAtSource.sourceAddress())
            .on("filter-at-source.source-port-range", p -> range(p.filterAtSource, true))
            .on("filter-at-source.destination-address",
                    p -> p.filterAtSource == null ? null : p.filterAtSource.destinationAddress())
            .on("filter-at-source.destination-port-range", p -> range(p.filterAtSource, false))
            .on("filter-at-destination.source-address",
                    p -> p.filterAtDestination == null ? null : p.filterAtDestination.sourceAddress())
            .on("filter-at-destination.source-port-range", p -> range(p.filterAtDestination, true))
            .on("filter-at-destination.destination-address",
                    p -> p.filterAtDestination == null ? null : p.filterAtDestination.destinationAddress())
            .on("filter-at-destination.destination-port-range", p -> range(p.filterAtDestination, false));

    NetworkInsightsPaths(Network net) {
        this.net = net;
    }

    public CreateNetworkInsightsPathResponse createNetworkInsightsPath(CreateNetworkInsightsPathRequest r) {
        VpcStore s = net.store();
        if (r.clientToken() != null) {
            for (NetworkInsightsPath p : s.insightsPaths.values()) {
                if (r.clientToken().equals(p.clientToken)) {
                    return CreateNetworkInsightsPathResponse.builder().networkInsightsPath(toSdk(s, p)).build();
                }
            }
        }
        if (r.destination() == null && r.destinationIp() == null) {
            throw Ec2Errors.missing("destination");
        }
        // "If you specify this parameter, you can't specify the parameters for the source IP address or
        // the destination port" (FilterAtSource); FilterAtDestination likewise excludes DestinationIp.
        if (r.filterAtSource() != null && (r.sourceIp() != null || r.destinationPort() != null)) {
            throw Ec2Errors.combination("FilterAtSource cannot be specified with SourceIp or DestinationPort.");
        }
        if (r.filterAtDestination() != null && r.destinationIp() != null) {
            throw Ec2Errors.combination("FilterAtDestination cannot be specified with DestinationIp.");
        }
        String source = Endpoints.idOf(r.source());
        VpcStore sourceStore = ownerStore(s, r.source());
        if (sourceStore == null || !new Endpoints(sourceStore).exists(source)) {
            throw Ids.notFoundFor(source);
        }
        String destination = Endpoints.idOf(r.destination());
        VpcStore destinationStore = destination == null ? null : ownerStore(s, r.destination());
        if (destination != null && (destinationStore == null || !new Endpoints(destinationStore).exists(destination))) {
            throw Ids.notFoundFor(destination);
        }
        Tags.validate(r.tagSpecifications(), "network-insights-path");
        Ec2Errors.checkDryRun(r.dryRun());
        NetworkInsightsPath p = new NetworkInsightsPath(net.id("nip"), s.account, net.now());
        p.source = source;
        p.destination = destination;
        p.sourceArn = arnOf(sourceStore, source);
        p.destinationArn = destination == null ? null : arnOf(destinationStore, destination);
        p.sourceIp = r.sourceIp();
        p.destinationIp = r.destinationIp();
        p.protocol = r.protocolAsString();
        p.destinationPort = r.destinationPort();
        p.filterAtSource = filter(r.filterAtSource());
        p.filterAtDestination = filter(r.filterAtDestination());
        p.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), p);
        s.put(s.insightsPaths, p);
        return CreateNetworkInsightsPathResponse.builder().networkInsightsPath(toSdk(s, p)).build();
    }

    public DescribeNetworkInsightsPathsResponse describeNetworkInsightsPaths(DescribeNetworkInsightsPathsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<NetworkInsightsPath> found = new ArrayList<>();
        if (r.hasNetworkInsightsPathIds() && !r.networkInsightsPathIds().isEmpty()) {
            for (String id : r.networkInsightsPathIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.insightsPaths.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 1, 100);
        return DescribeNetworkInsightsPathsResponse.builder()
                .networkInsightsPaths(page.items().stream().map(p -> toSdk(s, p)).toList()).nextToken(page.nextToken())
                .build();
    }

    public DeleteNetworkInsightsPathResponse deleteNetworkInsightsPath(DeleteNetworkInsightsPathRequest r) {
        VpcStore s = net.store();
        NetworkInsightsPath p = require(s, r.networkInsightsPathId());
        if (s.insightsAnalyses.values().stream().anyMatch(a -> a.pathId.equals(p.id))) {
            throw InsightsErrors.analysisExists(p.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.insightsPaths, p.id);
        return DeleteNetworkInsightsPathResponse.builder().networkInsightsPathId(p.id).build();
    }

    static NetworkInsightsPath require(VpcStore s, String id) {
        NetworkInsightsPath p = s.insightsPaths.get(id);
        if (p == null) {
            throw InsightsErrors.pathNotFound(id);
        }
        return p;
    }

    /**
     * The store holding a source or destination: the caller's for an ID or an ARN of its own account; for
     * the ARN of a resource of another account (in the same Region), that account's store
     * (https://docs.aws.amazon.com/vpc/latest/reachability/: source and destination can belong to
     * different accounts of the same organization). AWS requires the management account to have enabled
     * the trust relationship (EnableReachabilityAnalyzerOrganizationSharing) and the caller to be the
     * management or a delegated administrator account; Gureum checks neither.
     */
    private VpcStore ownerStore(VpcStore s, String idOrArn) {
        if (idOrArn == null || !idOrArn.startsWith("arn:")) {
            return s;
        }
        String[] parts = idOrArn.split(":", 6);
        if (parts.length < 6 || !parts[3].equals(s.region) || !parts[4].matches("\\d{12}")) {
            return null;
        }
        return parts[4].equals(s.account) ? s : net.store(parts[4], s.region);
    }

    /** The resource's ARN; instances (service-ec2's) by their type in EC2 ARNs. */
    private static String arnOf(VpcStore s, String id) {
        String type;
        if (id.startsWith("i-")) {
            type = "instance";
        } else if (id.startsWith("eni-")) {
            return s.arnOf(s.networkInterfaces.get(id)).toString();
        } else if (id.startsWith("igw-")) {
            return s.arnOf(s.internetGateways.get(id)).toString();
        } else if (id.startsWith("nat-")) {
            return s.arnOf(s.natGateways.get(id)).toString();
        } else if (id.startsWith("vpce-")) {
            return s.arnOf(s.vpcEndpoints.get(id)).toString();
        } else if (id.startsWith("pcx-")) {
            return s.arnOf(s.peerings.get(id)).toString();
        } else {
            return s.arnOf(s.transitGateways.get(id)).toString();
        }
        return Ec2Arns.of(s.region, s.account, type, id).toString();
    }

    private static PathFilter filter(PathRequestFilter f) {
        if (f == null) {
            return null;
        }
        return PathFilter.builder().sourceAddress(f.sourceAddress()).destinationAddress(f.destinationAddress())
                .sourcePortRange(range(f.sourcePortRange())).destinationPortRange(range(f.destinationPortRange()))
                .build();
    }

    private static FilterPortRange range(RequestFilterPortRange r) {
        return r == null ? null : FilterPortRange.builder().fromPort(r.fromPort()).toPort(r.toPort()).build();
    }

    private static String range(PathFilter f, boolean source) {
        FilterPortRange r = f == null ? null : source ? f.sourcePortRange() : f.destinationPortRange();
        return r == null ? null : r.fromPort() + "-" + r.toPort();
    }

    static software.amazon.awssdk.services.ec2.model.NetworkInsightsPath toSdk(VpcStore s, NetworkInsightsPath p) {
        return software.amazon.awssdk.services.ec2.model.NetworkInsightsPath.builder().networkInsightsPathId(p.id)
                .networkInsightsPathArn(s.arnOf(p).toString()).createdDate(p.created).source(p.source)
                .destination(p.destination).sourceArn(p.sourceArn).destinationArn(p.destinationArn)
                .sourceIp(p.sourceIp).destinationIp(p.destinationIp).protocol(p.protocol)
                .destinationPort(p.destinationPort).filterAtSource(p.filterAtSource)
                .filterAtDestination(p.filterAtDestination).tags(Tags.toSdk(s.tagsOf(p))).build();
    }
}
