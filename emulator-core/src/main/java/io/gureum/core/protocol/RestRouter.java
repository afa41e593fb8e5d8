package io.gureum.core.protocol;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.index.OperationEntry;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.RequiredTrait;

/**
 * Finds a REST operation by method and URI template. Where several templates match (S3's
 * {@code PUT /{Key+}} is PutObject, UploadPart and CopyObject), the one whose required query and header
 * members are all present wins, then the most specific template.
 */
final class RestRouter {
    private RestRouter() {
    }

    static ResolvedOperation route(ServiceModel model, AwsHttpRequest request, List<String> rawSegments,
            Map<String, String> extraLabels) {
        ResolvedOperation best = null;
        int bestScore = Integer.MIN_VALUE;
        for (OperationEntry entry : model.restOperations(request.method())) {
            UriTemplate template = model.template(entry);
            Map<String, String> labels = template.match(rawSegments, request);
            if (labels == null) {
                continue;
            }
            int score = template.specificity() * 100;
            OperationModel op = null;
            if (best != null || hasRivals(model, entry, request, rawSegments)) {
                op = model.operation(entry);
                int required = requiredSatisfied(op, request, extraLabels);
                if (required < 0) {
                    continue;
                }
                score += required;
            }
            if (score > bestScore) {
                bestScore = score;
                labels.putAll(extraLabels);
                best = new ResolvedOperation(op == null ? model.operation(entry) : op, labels);
            }
        }
        return best;
    }

    private static boolean hasRivals(ServiceModel model, OperationEntry self, AwsHttpRequest request,
            List<String> rawSegments) {
        for (OperationEntry other : model.restOperations(request.method())) {
            if (other != self && model.template(other).match(rawSegments, request) != null) {
                return true;
            }
        }
        return false;
    }

    /** How many required query/header members are present, or -1 when one is missing. */
    private static int requiredSatisfied(OperationModel op, AwsHttpRequest request, Map<String, String> extraLabels) {
        int count = 0;
        for (SdkField<?> field : op.newRequestBuilder().sdkFields()) {
            boolean required = field.containsTrait(RequiredTrait.class);
            MarshallLocation loc = field.location();
            if (loc == MarshallLocation.QUERY_PARAM) {
                boolean present = request.queryParameters().containsKey(field.locationName());
                if (required && !present) {
                    return -1;
                }
                count += present && required ? 1 : 0;
            } else if (loc == MarshallLocation.HEADER) {
                boolean present = request.header(field.locationName()) != null;
                if (required && !present) {
                    return -1;
                }
                count += present && required ? 1 : 0;
            } else if ((loc == MarshallLocation.PATH || loc == MarshallLocation.GREEDY_PATH)
                    && extraLabels.containsKey(field.locationName())) {
                count++;
            }
        }
        return count;
    }
}
