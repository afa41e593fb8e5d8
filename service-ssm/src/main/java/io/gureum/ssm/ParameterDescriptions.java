package io.gureum.ssm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParametersFilter;

/**
 * DescribeParameters: the metadata of the caller's parameters (never values), in name order, filtered
 * by ParameterFilters or by the deprecated Filters (not both), MaxResults 1–50 (default 10).
 */
final class ParameterDescriptions {
    static final int PAGE = 10;

    private final SsmState state;
    private final Views views;

    ParameterDescriptions(SsmState state, Views views) {
        this.state = state;
        this.views = views;
    }

    public DescribeParametersResponse describeParameters(DescribeParametersRequest r) {
        if (r.hasFilters() && !r.filters().isEmpty() && r.hasParameterFilters() && !r.parameterFilters().isEmpty()) {
            throw SsmErrors.validation("You can use either Filters or ParameterFilters in a single request.");
        }
        List<ParameterStringFilter> filters = r.hasParameterFilters() ? r.parameterFilters()
                : r.hasFilters() ? r.filters().stream().map(ParameterDescriptions::legacy).toList() : List.of();
        Predicate<ParameterFilters.Candidate> match = ParameterFilters.of(filters, ParameterFilters.Scope.DESCRIBE);
        String after = PageTokens.decode("describe", r.nextToken());
        int max = r.maxResults() == null ? PAGE : r.maxResults();
        List<ParameterMetadata> page = new ArrayList<>();
        String next = null;
        for (StoredParameter p : state.current().parameters.values()) {
            if (after != null && p.name.compareTo(after) <= 0 || !match.test(new ParameterFilters.Candidate(p, p.latest()))) {
                continue;
            }
            if (page.size() == max) {
                next = PageTokens.encode("describe", page.get(page.size() - 1).name());
                break;
            }
            page.add(views.metadata(p));
        }
        return DescribeParametersResponse.builder().parameters(page).nextToken(next).build();
    }

    /** A deprecated ParametersFilter as the equivalent ParameterStringFilter: Name begins with, Type and KeyId equal. */
    private static ParameterStringFilter legacy(ParametersFilter f) {
        String key = f.keyAsString();
        return ParameterStringFilter.builder().key(key).option(key.equals("Name") ? "BeginsWith" : "Equals")
                .values(f.values()).build();
    }
}
