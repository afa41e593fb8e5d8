package io.gureum.core.protocol;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.index.OperationEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.protocol.MarshallLocation;

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
        // One pass over the method's templates; the required members are weighed only when several match.
        OperationEntry first = null;
        Map<String, String> firstLabels = null;
        List<OperationEntry> more = null;
        List<Map<String, String>> moreLabels = null;
        for (OperationEntry entry : model.restOperations(request.method())) {
            Map<String, String> labels = model.template(entry).match(rawSegments, request);
            if (labels == null) {
                continue;
            }
            if (first == null) {
                first = entry;
                firstLabels = labels;
            } else {
                if (more == null) {
                    more = new ArrayList<>();
                    moreLabels = new ArrayList<>();
                }
                more.add(entry);
                moreLabels.add(labels);
            }
        }
        if (first == null) {
            return null;
        }
        if (more == null) {
            firstLabels.putAll(extraLabels);
            return new ResolvedOperation(model.operation(first), firstLabels);
        }
        ResolvedOperation best = null;
        int bestScore = Integer.MIN_VALUE;
        for (int i = -1; i < more.size(); i++) {
            OperationEntry entry = i < 0 ? first : more.get(i);
            OperationModel op = model.operation(entry);
            int required = requiredSatisfied(op, request, extraLabels);
            if (required < 0) {
                continue;
            }
            int score = model.template(entry).specificity() * 100 + required;
            if (score > bestScore) {
                bestScore = score;
                Map<String, String> labels = i < 0 ? firstLabels : moreLabels.get(i);
                labels.putAll(extraLabels);
                best = new ResolvedOperation(op, labels);
            }
        }
        return best;
    }

    /** How many required query/header members are present, or -1 when one is missing. */
    private static int requiredSatisfied(OperationModel op, AwsHttpRequest request, Map<String, String> extraLabels) {
        int count = 0;
        List<OperationModel.RoutingField> fields = op.routingFields();
        for (int i = 0; i < fields.size(); i++) { // by index: no iterator per candidate of every request
            OperationModel.RoutingField field = fields.get(i);
            boolean required = field.required();
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
            } else if (extraLabels.containsKey(field.locationName())) { // PATH or GREEDY_PATH
                count++;
            }
        }
        return count;
    }
}
