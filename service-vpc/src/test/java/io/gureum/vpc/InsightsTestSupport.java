package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsPathRequest;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;

/** Creates a path, analyzes it and waits for the result on the clock. */
final class InsightsTestSupport {
    private InsightsTestSupport() {
    }

    static String path(Ec2Client ec2, Consumer<CreateNetworkInsightsPathRequest.Builder> spec) {
        return ec2.createNetworkInsightsPath(spec).networkInsightsPath().networkInsightsPathId();
    }

    /** Starts an analysis of the path, moves the clock past its run time and returns the finished analysis. */
    static NetworkInsightsAnalysis analyze(Ec2Client ec2, String pathId, List<String> filterInArns) {
        NetworkInsightsAnalysis started = ec2.startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(pathId)
                .filterInArns(filterInArns)).networkInsightsAnalysis();
        assertEquals("running", started.statusAsString());
        Ec2TestBase.advanceClock(Duration.ofSeconds(3));
        NetworkInsightsAnalysis done = ec2.describeNetworkInsightsAnalyses(b -> b
                .networkInsightsAnalysisIds(started.networkInsightsAnalysisId())).networkInsightsAnalyses().get(0);
        assertEquals("succeeded", done.statusAsString(), done.toString());
        return done;
    }
}
