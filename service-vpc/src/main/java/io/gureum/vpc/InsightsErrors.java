package io.gureum.vpc;

import io.gureum.core.error.AwsException;

/**
 * The errors of the Reachability Analyzer and Network Access Analyzer operations (EC2 codes, HTTP 400),
 * kept with the feature rather than in the shared EC2 catalogue.
 */
final class InsightsErrors {
    private InsightsErrors() {
    }

    static AwsException pathNotFound(String id) {
        return new AwsException("InvalidNetworkInsightsPathId.NotFound",
                "The network insights path '" + id + "' does not exist", 400);
    }

    static AwsException analysisNotFound(String id) {
        return new AwsException("InvalidNetworkInsightsAnalysisId.NotFound",
                "The network insights analysis '" + id + "' does not exist", 400);
    }

    static AwsException scopeNotFound(String id) {
        return new AwsException("InvalidNetworkInsightsAccessScopeId.NotFound",
                "The network insights access scope '" + id + "' does not exist", 400);
    }

    static AwsException scopeAnalysisNotFound(String id) {
        return new AwsException("InvalidNetworkInsightsAccessScopeAnalysisId.NotFound",
                "The network insights access scope analysis '" + id + "' does not exist", 400);
    }

    /** DeleteNetworkInsightsPath while analyses of the path exist (their deletion comes first). */
    static AwsException analysisExists(String pathId) {
        return new AwsException("AnalysisExistsForNetworkInsightsPath",
                "The network insights path '" + pathId + "' has analyses; delete them first", 400);
    }
}
