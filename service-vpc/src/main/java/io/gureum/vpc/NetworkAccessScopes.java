package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInsightsAccessScope;
import io.gureum.vpc.model.NetworkInsightsAccessScopeAnalysis;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AccessScopePath;
import software.amazon.awssdk.services.ec2.model.AccessScopePathRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsAccessScopeRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsAccessScopeResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAccessScopeAnalysisRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAccessScopeAnalysisResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAccessScopeRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAccessScopeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAccessScopeAnalysesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAccessScopeAnalysesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAccessScopesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAccessScopesResponse;
import software.amazon.awssdk.services.ec2.model.GetNetworkInsightsAccessScopeAnalysisFindingsRequest;
import software.amazon.awssdk.services.ec2.model.GetNetworkInsightsAccessScopeAnalysisFindingsResponse;
import software.amazon.awssdk.services.ec2.model.GetNetworkInsightsAccessScopeContentRequest;
import software.amazon.awssdk.services.ec2.model.GetNetworkInsightsAccessScopeContentResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeContent;
import software.amazon.awssdk.services.ec2.model.PacketHeaderStatement;
import software.amazon.awssdk.services.ec2.model.PacketHeaderStatementRequest;
import software.amazon.awssdk.services.ec2.model.PathStatement;
import software.amazon.awssdk.services.ec2.model.PathStatementRequest;
import software.amazon.awssdk.services.ec2.model.ResourceStatement;
import software.amazon.awssdk.services.ec2.model.ResourceStatementRequest;
import software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAccessScopeAnalysisRequest;
import software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAccessScopeAnalysisResponse;
import software.amazon.awssdk.services.ec2.model.ThroughResourcesStatement;

/**
 * Network Access Analyzer scopes and their analyses
 * (https://docs.aws.amazon.com/vpc/latest/network-access-analyzer/): a scope's MatchPaths and ExcludePaths
 * select sources and destinations; an analysis runs on the clock like a path analysis and finds every
 * reachable path the scope matches. DescribeNetworkInsightsAccessScopes and
 * DescribeNetworkInsightsAccessScopeAnalyses support no filters ("There are no supported filters").
 */
public final class NetworkAccessScopes {
    private final Network net;
    private final Filters<NetworkInsightsAccessScope> scopeFilters = new Filters<>();
    private final Filters<NetworkInsightsAccessScopeAnalysis> analysisFilters = new Filters<>();

    NetworkAccessScopes(Network net) {
        this.net = net;
    }

    public CreateNetworkInsightsAccessScopeResponse createNetworkInsightsAccessScope(
            CreateNetworkInsightsAccessScopeRequest r) {
        VpcStore s = net.store();
        if (r.clientToken() != null) {
            for (NetworkInsightsAccessScope sc : s.accessScopes.values()) {
                if (r.clientToken().equals(sc.clientToken)) {
                    return CreateNetworkInsightsAccessScopeResponse.builder().networkInsightsAccessScope(toSdk(s, sc))
                            .networkInsightsAccessScopeContent(content(sc)).build();
                }
            }
        }
        if (!r.hasMatchPaths() || r.matchPaths().isEmpty()) {
            throw Ec2Errors.missing("MatchPaths");
        }
        Tags.validate(r.tagSpecifications(), "network-insights-access-scope");
        Ec2Errors.checkDryRun(r.dryRun());
        NetworkInsightsAccessScope sc = new NetworkInsightsAccessScope(net.id("nis"), s.account, net.now());
        sc.matchPaths = r.matchPaths().stream().map(NetworkAccessScopes::path).toList();
        sc.excludePaths = r.excludePaths().stream().map(NetworkAccessScopes::path).toList();
        sc.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), sc);
        s.put(s.accessScopes, sc);
        return CreateNetworkInsightsAccessScopeResponse.builder().networkInsightsAccessScope(toSdk(s, sc))
                .networkInsightsAccessScopeContent(content(sc)).build();
    }

    public GetNetworkInsightsAccessScopeContentResponse getNetworkInsightsAccessScopeContent(
            GetNetworkInsightsAccessScopeContentRequest r) {
        VpcStore s = net.store();
        NetworkInsightsAccessScope sc = scope(s, r.networkInsightsAccessScopeId());
        Ec2Errors.checkDryRun(r.dryRun());
        return GetNetworkInsightsAccessScopeContentResponse.builder().networkInsightsAccessScopeContent(content(sc))
                .build();
    }

    public DescribeNetworkInsightsAccessScopesResponse describeNetworkInsightsAccessScopes(
            DescribeNetworkInsightsAccessScopesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<NetworkInsightsAccessScope> found = new ArrayList<>();
        if (r.hasNetworkInsightsAccessScopeIds() && !r.networkInsightsAccessScopeIds().isEmpty()) {
            for (String id : r.networkInsightsAccessScopeIds()) {
                found.add(scope(s, id));
            }
        } else {
            found.addAll(s.accessScopes.values());
        }
        var page = Pagination.page(found.stream().filter(scopeFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 1, 100);
        return DescribeNetworkInsightsAccessScopesResponse.builder()
                .networkInsightsAccessScopes(page.items().stream().map(sc -> toSdk(s, sc)).toList())
                .nextToken(page.nextToken()).build();
    }

    /** Deleting a scope deletes its analyses with it. */
    public DeleteNetworkInsightsAccessScopeResponse deleteNetworkInsightsAccessScope(
            DeleteNetworkInsightsAccessScopeRequest r) {
        VpcStore s = net.store();
        NetworkInsightsAccessScope sc = scope(s, r.networkInsightsAccessScopeId());
        Ec2Errors.checkDryRun(r.dryRun());
        for (NetworkInsightsAccessScopeAnalysis a : List.copyOf(s.accessScopeAnalyses.values())) {
            if (a.scopeId.equals(sc.id)) {
                s.remove(s.accessScopeAnalyses, a.id);
            }
        }
        s.remove(s.accessScopes, sc.id);
        return DeleteNetworkInsightsAccessScopeResponse.builder().networkInsightsAccessScopeId(sc.id).build();
    }

    public StartNetworkInsightsAccessScopeAnalysisResponse startNetworkInsightsAccessScopeAnalysis(
            StartNetworkInsightsAccessScopeAnalysisRequest r) {
        VpcStore s = net.store();
        NetworkInsightsAccessScope sc = scope(s, r.networkInsightsAccessScopeId());
        Tags.validate(r.tagSpecifications(), "network-insights-access-scope-analysis");
        Ec2Errors.checkDryRun(r.dryRun());
        NetworkInsightsAccessScopeAnalysis a = new NetworkInsightsAccessScopeAnalysis(net.id("nisa"), s.account,
                net.now());
        a.scopeId = sc.id;
        Tags.apply(r.tagSpecifications(), a);
        s.put(s.accessScopeAnalyses, a);
        a.due = net.insights.schedule(s);
        return StartNetworkInsightsAccessScopeAnalysisResponse.builder()
                .networkInsightsAccessScopeAnalysis(toSdk(s, a)).build();
    }

    public DescribeNetworkInsightsAccessScopeAnalysesResponse describeNetworkInsightsAccessScopeAnalyses(
            DescribeNetworkInsightsAccessScopeAnalysesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<NetworkInsightsAccessScopeAnalysis> found = new ArrayList<>();
        if (r.hasNetworkInsightsAccessScopeAnalysisIds() && !r.networkInsightsAccessScopeAnalysisIds().isEmpty()) {
            for (String id : r.networkInsightsAccessScopeAnalysisIds()) {
                found.add(analysis(s, id));
            }
        } else {
            found.addAll(s.accessScopeAnalyses.values());
        }
        var page = Pagination.page(found.stream()
                .filter(a -> r.networkInsightsAccessScopeId() == null || r.networkInsightsAccessScopeId().equals(a.scopeId))
                .filter(a -> r.analysisStartTimeBegin() == null || !a.created.isBefore(r.analysisStartTimeBegin()))
                .filter(a -> r.analysisStartTimeEnd() == null || !a.created.isAfter(r.analysisStartTimeEnd()))
                .filter(analysisFilters.predicate(r.filters())).toList(), r.maxResults(), r.nextToken(), 1, 100);
        return DescribeNetworkInsightsAccessScopeAnalysesResponse.builder()
                .networkInsightsAccessScopeAnalyses(page.items().stream().map(a -> toSdk(s, a)).toList())
                .nextToken(page.nextToken()).build();
    }

    public GetNetworkInsightsAccessScopeAnalysisFindingsResponse getNetworkInsightsAccessScopeAnalysisFindings(
            GetNetworkInsightsAccessScopeAnalysisFindingsRequest r) {
        VpcStore s = net.store();
        NetworkInsightsAccessScopeAnalysis a = analysis(s, r.networkInsightsAccessScopeAnalysisId());
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(a.findings, r.maxResults(), r.nextToken(), 1, 1000);
        return GetNetworkInsightsAccessScopeAnalysisFindingsResponse.builder().networkInsightsAccessScopeAnalysisId(a.id)
                .analysisStatus(a.status).analysisFindings(page.items()).nextToken(page.nextToken()).build();
    }

    public DeleteNetworkInsightsAccessScopeAnalysisResponse deleteNetworkInsightsAccessScopeAnalysis(
            DeleteNetworkInsightsAccessScopeAnalysisRequest r) {
        VpcStore s = net.store();
        NetworkInsightsAccessScopeAnalysis a = analysis(s, r.networkInsightsAccessScopeAnalysisId());
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.accessScopeAnalyses, a.id);
        return DeleteNetworkInsightsAccessScopeAnalysisResponse.builder().networkInsightsAccessScopeAnalysisId(a.id)
                .build();
    }

    private static NetworkInsightsAccessScope scope(VpcStore s, String id) {
        NetworkInsightsAccessScope sc = s.accessScopes.get(id);
        if (sc == null) {
            throw InsightsErrors.scopeNotFound(id);
        }
        return sc;
    }

    private static NetworkInsightsAccessScopeAnalysis analysis(VpcStore s, String id) {
        NetworkInsightsAccessScopeAnalysis a = s.accessScopeAnalyses.get(id);
        if (a == null) {
            throw InsightsErrors.scopeAnalysisNotFound(id);
        }
        return a;
    }

    private static NetworkInsightsAccessScopeContent content(NetworkInsightsAccessScope sc) {
        return NetworkInsightsAccessScopeContent.builder().networkInsightsAccessScopeId(sc.id)
                .matchPaths(sc.matchPaths).excludePaths(sc.excludePaths).build();
    }

    private static software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScope toSdk(VpcStore s,
            NetworkInsightsAccessScope sc) {
        return software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScope.builder()
                .networkInsightsAccessScopeId(sc.id).networkInsightsAccessScopeArn(s.arnOf(sc).toString())
                .createdDate(sc.created).updatedDate(sc.created).tags(Tags.toSdk(s.tagsOf(sc))).build();
    }

    private static software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeAnalysis toSdk(VpcStore s,
            NetworkInsightsAccessScopeAnalysis a) {
        boolean done = a.status.equals("succeeded");
        return software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeAnalysis.builder()
                .networkInsightsAccessScopeAnalysisId(a.id)
                .networkInsightsAccessScopeAnalysisArn(s.arnOf(a).toString()).networkInsightsAccessScopeId(a.scopeId)
                .status(a.status).startDate(a.created).endDate(a.endDate).findingsFound(a.findingsFound)
                .analyzedEniCount(done ? a.analyzedEniCount : null).tags(Tags.toSdk(s.tagsOf(a))).build();
    }

    private static AccessScopePath path(AccessScopePathRequest r) {
        return AccessScopePath.builder().source(statement(r.source())).destination(statement(r.destination()))
                .throughResources(r.throughResources().stream()
                        .map(t -> ThroughResourcesStatement.builder().resourceStatement(resources(t.resourceStatement()))
                                .build())
                        .toList())
                .build();
    }

    private static PathStatement statement(PathStatementRequest r) {
        if (r == null) {
            return null;
        }
        PacketHeaderStatementRequest h = r.packetHeaderStatement();
        return PathStatement.builder().resourceStatement(resources(r.resourceStatement()))
                .packetHeaderStatement(h == null ? null : PacketHeaderStatement.builder()
                        .sourceAddresses(h.sourceAddresses()).destinationAddresses(h.destinationAddresses())
                        .sourcePorts(h.sourcePorts()).destinationPorts(h.destinationPorts())
                        .sourcePrefixLists(h.sourcePrefixLists()).destinationPrefixLists(h.destinationPrefixLists())
                        .protocolsWithStrings(h.protocolsAsStrings()).build())
                .build();
    }

    private static ResourceStatement resources(ResourceStatementRequest r) {
        return r == null ? null
                : ResourceStatement.builder().resources(r.resources()).resourceTypes(r.resourceTypes()).build();
    }
}
