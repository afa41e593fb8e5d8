package io.gureum.lambda;

import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionRequest;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PublishVersionRequest;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.State;

/** Provider of PublishVersion and ListVersionsByFunction. */
final class Versions {
    private final ServiceContext context;
    private final FunctionLookup lookup;

    Versions(ServiceContext context, FunctionLookup lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    public PublishVersionResponse publishVersion(PublishVersionRequest request) {
        LambdaFunction f = lookup.require(request.functionName());
        FunctionConfiguration c = publish(f, request.description(), request.codeSha256(), request.revisionId())
                .toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL);
        return Responses.copy(c, PublishVersionResponse.builder()).build();
    }

    public ListVersionsByFunctionResponse listVersionsByFunction(ListVersionsByFunctionRequest request) {
        return list(lookup.require(request.functionName()), request.marker(), request.maxItems());
    }

    /**
     * Publishes $LATEST as the next version number. "Lambda doesn't publish a version if the function's
     * configuration and code haven't changed since the last version" — then the latest version is returned
     * (https://docs.aws.amazon.com/lambda/latest/api/API_PublishVersion.html).
     */
    FunctionVersion publish(LambdaFunction f, String description, String codeSha256, String revisionId) {
        synchronized (f) {
            FunctionVersion latest = f.latest;
            if (codeSha256 != null && !codeSha256.equals(latest.code().sha256())) {
                throw LambdaErrors.invalidParameter("CodeSHA256 (" + codeSha256 + ") is different from current "
                        + "CodeSHA256 in $LATEST (" + latest.code().sha256() + "). Please try again with the "
                        + "CodeSHA256 in $LATEST.");
            }
            FunctionLookup.checkRevision(revisionId, latest.revisionId());
            Map.Entry<Integer, FunctionVersion> last = f.versions.lastEntry();
            if (last != null && last.getValue().sameContent(latest)) {
                return last.getValue();
            }
            int n = ++f.lastVersion;
            FunctionVersion v = latest.withVersion(Integer.toString(n),
                    LambdaStore.lastModified(context.clock().now()), context.ids().requestId());
            if (description != null) {
                v = v.withDescription(description);
            }
            f.versions.put(n, v);
            return v;
        }
    }

    private ListVersionsByFunctionResponse list(LambdaFunction f, String marker, Integer maxItems) {
        List<FunctionConfiguration> all = new ArrayList<>();
        synchronized (f) {
            all.add(f.latest.toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL));
            f.versions.values().forEach(v -> all.add(v.toConfiguration(State.ACTIVE, LastUpdateStatus.SUCCESSFUL)));
        }
        int size = Pages.size(maxItems, 10_000, 50);
        int start = Pages.start(marker);
        int end = Math.min(all.size(), start + size);
        ListVersionsByFunctionResponse.Builder b = ListVersionsByFunctionResponse.builder()
                .versions(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
        }
        return b.build();
    }
}
