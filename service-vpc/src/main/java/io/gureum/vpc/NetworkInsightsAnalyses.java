package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInsightsAnalysis;
import io.gureum.vpc.model.NetworkInsightsPath;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAnalysisRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInsightsAnalysisResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAnalysesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInsightsAnalysesResponse;
import software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAnalysisRequest;
import software.amazon.awssdk.services.ec2.model.StartNetworkInsightsAnalysisResponse;

/**
 * Reachability Analyzer analyses: StartNetworkInsightsAnalysis answers {@code running}; the result
 * (NetworkPathFound, the forward and return path components, or the explanations) is there once the
 * analysis has run on the clock ({@link InsightsRunner}).
 */
public final class NetworkInsightsAnalyses {
    private final Network net;
    private final Filters<NetworkInsightsAnalysis> filters = new Filters<NetworkInsightsAnalysis>()
            .on("path-found", a -> a.networkPathFound == null ? null : a.networkPathFound.toString())
            .on("status", a -> a.status);

    NetworkInsightsAnalyses(Network net) {
        this.net = net;
    }

    public StartNetworkInsightsAnalysisResponse startNetworkInsightsAnalysis(StartNetworkInsightsAnalysisRequest r) {
        VpcStore s = net.store();
        if (r.clientToken() != null) {
            for (NetworkInsightsAnalysis a : s.insightsAnalyses.values()) {
                if (r.clientToken().equals(a.clientToken) && a.pathId.equals(r.networkInsightsPathId())) {
                    return StartNetworkInsightsAnalysisResponse.builder().networkInsightsAnalysis(toSdk(s, a)).build();
                }
            }
        }
        NetworkInsightsPath path = NetworkInsightsPaths.require(s, r.networkInsightsPathId());
        if (r.hasFilterInArns() && !r.filterInArns().isEmpty() && r.hasFilterOutArns() && !r.filterOutArns().isEmpty()) {
            throw Ec2Errors.combination("FilterInArns and FilterOutArns cannot be specified together.");
        }
        Tags.validate(r.tagSpecifications(), "network-insights-analysis");
        Ec2Errors.checkDryRun(r.dryRun());
        NetworkInsightsAnalysis a = new NetworkInsightsAnalysis(net.id("nia"), s.account, net.now());
        a.pathId = path.id;
        a.clientToken = r.clientToken();
        a.additionalAccounts.addAll(r.additionalAccounts());
        a.filterInArns.addAll(r.filterInArns());
        a.filterOutArns.addAll(r.filterOutArns());
        Tags.apply(r.tagSpecifications(), a);
        s.put(s.insightsAnalyses, a);
        a.due = net.insights.schedule(s);
        return StartNetworkInsightsAnalysisResponse.builder().networkInsightsAnalysis(toSdk(s, a)).build();
    }

    public DescribeNetworkInsightsAnalysesResponse describeNetworkInsightsAnalyses(DescribeNetworkInsightsAnalysesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<NetworkInsightsAnalysis> found = new ArrayList<>();
        if (r.hasNetworkInsightsAnalysisIds() && !r.networkInsightsAnalysisIds().isEmpty()) {
            for (String id : r.networkInsightsAnalysisIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.insightsAnalyses.values());
        }
        var page = Pagination.page(found.stream()
                .filter(a -> r.networkInsightsPathId() == null || r.networkInsightsPathId().equals(a.pathId))
                .filter(a -> r.analysisStartTime() == null || !a.created.isBefore(r.analysisStartTime()))
                .filter(a -> r.analysisEndTime() == null || !a.created.isAfter(r.analysisEndTime()))
                .filter(filters.predicate(r.filters())).toList(), r.maxResults(), r.nextToken(), 1, 100);
        return DescribeNetworkInsightsAnalysesResponse.builder()
                .networkInsightsAnalyses(page.items().stream().map(a -> toSdk(s, a)).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteNetworkInsightsAnalysisResponse deleteNetworkInsightsAnalysis(DeleteNetworkInsightsAnalysisRequest r) {
        VpcStore s = net.store();
        NetworkInsightsAnalysis a = require(s, r.networkInsightsAnalysisId());
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.insightsAnalyses, a.id);
        return DeleteNetworkInsightsAnalysisResponse.builder().networkInsightsAnalysisId(a.id).build();
    }

    private static NetworkInsightsAnalysis require(VpcStore s, String id) {
        NetworkInsightsAnalysis a = s.insightsAnalyses.get(id);
        if (a == null) {
            throw InsightsErrors.analysisNotFound(id);
        }
        return a;
    }

    private static software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis toSdk(VpcStore s,
            NetworkInsightsAnalysis a) {
        boolean done = a.status.equals("succeeded");
        return software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis.builder()
                .networkInsightsAnalysisId(a.id).networkInsightsAnalysisArn(s.arnOf(a).toString())
                .networkInsightsPathId(a.pathId).additionalAccounts(a.additionalAccounts)
                .filterInArns(a.filterInArns).filterOutArns(a.filterOutArns).startDate(a.created)
                .status(a.status).statusMessage(a.statusMessage).networkPathFound(done ? a.networkPathFound : null)
                .forwardPathComponents(done ? a.forward : List.of()).returnPathComponents(done ? a.returnPath : List.of())
                .explanations(done ? a.explanations : List.of()).tags(Tags.toSdk(s.tagsOf(a))).build();
    }
}
