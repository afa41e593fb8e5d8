package io.gureum.ssm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionRequest;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.UnlabelParameterVersionRequest;
import software.amazon.awssdk.services.ssm.model.UnlabelParameterVersionResponse;

/**
 * Labels of parameter versions (sysman-paramstore-labels.html): up to 100 characters of letters, digits,
 * {@code . - _}, not beginning with a digit, {@code aws} or {@code ssm}; a label names one version of a
 * parameter, so attaching it elsewhere moves it; at most 10 labels per version. Labels that break the
 * rules are not errors: LabelParameterVersion answers them in InvalidLabels.
 */
final class Labels {
    static final int MAX_PER_VERSION = 10;

    private final Lookup lookup;

    Labels(Lookup lookup) {
        this.lookup = lookup;
    }

    public LabelParameterVersionResponse labelParameterVersion(LabelParameterVersionRequest r) {
        StoredParameter p = lookup.stored(r.name());
        ParameterVersion target = r.parameterVersion() == null ? p.latest()
                : p.version(r.parameterVersion()).orElseThrow(
                        () -> SsmErrors.versionNotFound(p.name, Long.toString(r.parameterVersion())));
        List<String> invalid = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        for (String label : new LinkedHashSet<>(r.labels())) {
            (validLabel(label) ? valid : invalid).add(label);
        }
        LinkedHashSet<String> after = new LinkedHashSet<>(target.labels);
        after.addAll(valid);
        if (after.size() > MAX_PER_VERSION) {
            throw SsmErrors.tooManyLabels();
        }
        for (String label : valid) {
            p.versions.values().forEach(v -> {
                if (v != target) {
                    v.labels.remove(label);
                }
            });
            target.labels.add(label);
        }
        return LabelParameterVersionResponse.builder().invalidLabels(invalid).parameterVersion(target.version).build();
    }

    /** Labels not on the version are answered in InvalidLabels. */
    public UnlabelParameterVersionResponse unlabelParameterVersion(UnlabelParameterVersionRequest r) {
        StoredParameter p = lookup.stored(r.name());
        ParameterVersion target = p.version(r.parameterVersion()).orElseThrow(
                () -> SsmErrors.versionNotFound(p.name, Long.toString(r.parameterVersion())));
        List<String> removed = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String label : new LinkedHashSet<>(r.labels())) {
            (target.labels.remove(label) ? removed : invalid).add(label);
        }
        return UnlabelParameterVersionResponse.builder().removedLabels(removed).invalidLabels(invalid).build();
    }

    static boolean validLabel(String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        return label.length() <= 100 && label.matches("[a-zA-Z0-9_.\\-]+") && !Character.isDigit(label.charAt(0))
                && !lower.startsWith("aws") && !lower.startsWith("ssm");
    }
}
