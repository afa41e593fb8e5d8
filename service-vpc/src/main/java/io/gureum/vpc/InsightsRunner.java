package io.gureum.vpc;

import io.gureum.core.time.DueTimer;
import io.gureum.core.time.ServiceThreads;
import io.gureum.vpc.model.NetworkInsightsAccessScope;
import io.gureum.vpc.model.NetworkInsightsAccessScopeAnalysis;
import io.gureum.vpc.model.NetworkInsightsAnalysis;
import io.gureum.vpc.model.NetworkInsightsPath;
import io.gureum.vpc.reachability.AccessScopeAnalyzer;
import io.gureum.vpc.reachability.Analyzer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Runs analyses on the core clock: an analysis is {@code running} for {@link #ANALYSIS_TIME} after it
 * starts, then the network as it is at that moment is evaluated and the analysis turns
 * {@code succeeded} (or {@code failed} when its path is gone). Due analyses are settled by the timer and
 * before every operation on the store, so advancing the clock finishes them at once.
 */
final class InsightsRunner implements AutoCloseable {
    static final Duration ANALYSIS_TIME = Duration.ofSeconds(2);
    private final Network net;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;
    private final DueTimer due;

    InsightsRunner(Network net) {
        this.net = net;
        this.timer = ServiceThreads.timer("gureum-vpc-insights-timer");
        this.workers = Executors.newSingleThreadExecutor(ServiceThreads.named("gureum-vpc-insights"));
        this.due = new DueTimer(net.ctx.clock(), timer, workers);
    }


    /** When an analysis started now is due. */
    Instant schedule(VpcStore s) {
        Instant at = net.now().plus(ANALYSIS_TIME);
        rearm(s, at);
        return at;
    }

    /** Settles the store's analyses at {@code at} (also for those restored still running), recording the result. */
    void rearm(VpcStore s, Instant at) {
        due.at(at, () -> {
            synchronized (s) {
                settle(s);
                net.records.record(s);
            }
        });
    }

    /** Finishes every analysis of the store whose time has come; the caller holds the store's lock. */
    void settle(VpcStore s) {
        if (s.insightsAnalyses.isEmpty() && s.accessScopeAnalyses.isEmpty()) {
            return;
        }
        Instant now = net.now();
        for (NetworkInsightsAnalysis a : s.insightsAnalyses.values()) {
            if (a.status.equals("running") && !now.isBefore(a.due)) {
                run(s, a);
            }
        }
        for (NetworkInsightsAccessScopeAnalysis a : s.accessScopeAnalyses.values()) {
            if (a.status.equals("running") && !now.isBefore(a.due)) {
                run(s, a);
            }
        }
    }

    private void run(VpcStore s, NetworkInsightsAnalysis a) {
        NetworkInsightsPath path = s.insightsPaths.get(a.pathId);
        if (path == null) {
            a.status = "failed";
            a.statusMessage = "The network insights path " + a.pathId + " no longer exists.";
            return;
        }
        var arns = new java.util.ArrayList<String>();
        arns.add(path.sourceArn);
        arns.add(path.destinationArn);
        InsightsNetwork view = InsightsNetwork.forAnalysis(net, s, a.additionalAccounts, arns);
        Analyzer.Result r = new Analyzer(view).analyze(path, a.filterInArns);
        a.networkPathFound = r.found();
        a.forward = r.forward();
        a.returnPath = r.returnPath();
        a.explanations = r.explanations();
        a.status = "succeeded";
    }

    private void run(VpcStore s, NetworkInsightsAccessScopeAnalysis a) {
        NetworkInsightsAccessScope scope = s.accessScopes.get(a.scopeId);
        if (scope == null) {
            a.status = "failed";
            return;
        }
        AccessScopeAnalyzer.Result r = new AccessScopeAnalyzer(new InsightsNetwork(net, s))
                .analyze(scope.matchPaths, scope.excludePaths, a.id, scope.id, () -> net.ctx.ids().next("finding"));
        a.findings = r.findings();
        a.analyzedEniCount = r.analyzedEniCount();
        a.findingsFound = r.findings().isEmpty() ? "false" : "true";
        a.endDate = net.now();
        a.status = "succeeded";
    }

    @Override
    public void close() {
        due.close();
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
