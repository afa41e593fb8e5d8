package io.gureum.ssm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** Reading parameters by name: GetParameter, GetParameters and GetParameterHistory. */
final class ParameterReads {
    /** GetParameterHistory's MaxResults default and maximum. */
    static final int HISTORY_PAGE = 50;

    private final Lookup lookup;
    private final Views views;

    ParameterReads(Lookup lookup, Views views) {
        this.lookup = lookup;
        this.views = views;
    }

    public GetParameterResponse getParameter(GetParameterRequest r) {
        Resolved found = lookup.resolve(r.name());
        return GetParameterResponse.builder()
                .parameter(views.parameter(found, Boolean.TRUE.equals(r.withDecryption()))).build();
    }

    /** Names that are not found (or whose version or label is not) are listed in InvalidParameters. */
    public GetParametersResponse getParameters(GetParametersRequest r) {
        List<Parameter> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        boolean decrypt = Boolean.TRUE.equals(r.withDecryption());
        for (String name : new LinkedHashSet<>(r.names())) {
            Resolved resolved;
            try {
                resolved = lookup.resolve(name);
            } catch (ParameterNotFoundException | ParameterVersionNotFoundException | ValidationException e) {
                invalid.add(name);
                continue;
            }
            found.add(views.parameter(resolved, decrypt));
        }
        return GetParametersResponse.builder().parameters(found).invalidParameters(invalid).build();
    }

    public GetParameterHistoryResponse getParameterHistory(GetParameterHistoryRequest r) {
        Resolved found = lookup.resolve(r.name());
        if (found.selector() != null) {
            throw SsmErrors.invalidName();
        }
        List<ParameterVersion> versions = found.stored() == null ? List.of(found.version())
                : List.copyOf(found.stored().versions.values());
        String after = PageTokens.decode("history", r.nextToken());
        long from = after == null ? Long.MIN_VALUE : parse(after);
        int max = r.maxResults() == null ? HISTORY_PAGE : r.maxResults();
        List<ParameterHistory> page = new ArrayList<>();
        boolean decrypt = Boolean.TRUE.equals(r.withDecryption());
        String next = null;
        for (ParameterVersion v : versions) {
            if (v.version <= from) {
                continue;
            }
            if (page.size() == max) {
                next = PageTokens.encode("history", Long.toString(versions.get(versions.indexOf(v) - 1).version));
                break;
            }
            page.add(views.history(found.name(), found.arn(), v, decrypt));
        }
        return GetParameterHistoryResponse.builder().parameters(page).nextToken(next).build();
    }

    private static long parse(String position) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw SsmErrors.invalidNextToken();
        }
    }
}
