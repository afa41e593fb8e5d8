package io.gureum.ssm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/**
 * GetParametersByPath: the parameters directly in a hierarchy (or at any depth with Recursive), in name
 * order, MaxResults 1–10 (default 10) per page; public paths under {@code /aws/service} list the public
 * parameters. With a Label filter the labelled version is answered.
 */
final class ParametersByPath {
    static final int PAGE = 10;

    private final SsmState state;
    private final PublicParameters publics;
    private final Views views;

    ParametersByPath(SsmState state, PublicParameters publics, Views views) {
        this.state = state;
        this.publics = publics;
        this.views = views;
    }

    public GetParametersByPathResponse getParametersByPath(GetParametersByPathRequest r) {
        String path = r.path();
        if (!path.startsWith("/")) {
            throw SsmErrors.validation("The parameter doesn't meet the parameter name requirements. The parameter name"
                    + " must begin with a forward slash \"/\". It can't be prefixed with \\\"aws\\\" or \\\"ssm\\\""
                    + " (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), -"
                    + " (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must"
                    + " use the forward slash symbol \"/\". Valid example: /get/parameters2-/by1./path0_.");
        }
        if (!path.equals("/")) {
            ParameterNames.checkSyntax(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        }
        if (ParameterNames.levels(path) > ParameterNames.MAX_LEVELS) {
            throw SsmErrors.hierarchyTooDeep();
        }
        boolean recursive = Boolean.TRUE.equals(r.recursive());
        List<ParameterStringFilter> filters = r.hasParameterFilters() ? r.parameterFilters() : List.of();
        Predicate<ParameterFilters.Candidate> match = ParameterFilters.of(filters, ParameterFilters.Scope.BY_PATH);
        List<String> labels = filters.stream().filter(f -> f.key().equals("Label")).findFirst()
                .map(ParameterStringFilter::values).orElse(null);
        ParameterStore store = state.current();
        List<Resolved> all = new ArrayList<>();
        if (path.equals("/aws") || path.startsWith("/aws/")) {
            for (Map.Entry<String, ParameterVersion> e : publics.under(path, recursive)) {
                if (match.test(new ParameterFilters.Candidate(new StoredParameter(e.getKey(), null), e.getValue()))) {
                    all.add(new Resolved(e.getKey(), PublicParameters.arn(store.region, e.getKey()), e.getValue(), null,
                            null));
                }
            }
        } else {
            for (StoredParameter p : store.parameters.values()) {
                if (!ParameterFilters.inPath(p.name, path, recursive)) {
                    continue;
                }
                ParameterVersion v = labels == null ? p.latest() : p.versions.descendingMap().values().stream()
                        .filter(pv -> pv.labels.stream().anyMatch(labels::contains)).findFirst().orElse(p.latest());
                if (match.test(new ParameterFilters.Candidate(p, v))) {
                    all.add(new Resolved(p.name, p.arn, v, null, p));
                }
            }
        }
        String after = PageTokens.decode("path", r.nextToken());
        int max = r.maxResults() == null ? PAGE : r.maxResults();
        boolean decrypt = Boolean.TRUE.equals(r.withDecryption());
        List<Parameter> page = new ArrayList<>();
        String next = null;
        for (Resolved each : all) {
            if (after != null && each.name().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == max) {
                next = PageTokens.encode("path", page.get(page.size() - 1).name());
                break;
            }
            page.add(views.parameter(each, decrypt));
        }
        return GetParametersByPathResponse.builder().parameters(page).nextToken(next).build();
    }
}
