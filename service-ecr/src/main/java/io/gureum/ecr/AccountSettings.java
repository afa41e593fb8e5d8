package io.gureum.ecr;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecr.model.GetAccountSettingRequest;
import software.amazon.awssdk.services.ecr.model.GetAccountSettingResponse;
import software.amazon.awssdk.services.ecr.model.PutAccountSettingRequest;
import software.amazon.awssdk.services.ecr.model.PutAccountSettingResponse;

/**
 * The registry's account settings, with the names and values API_PutAccountSetting documents:
 * {@code BASIC_SCAN_TYPE_VERSION} ({@code AWS_NATIVE}), {@code REGISTRY_POLICY_SCOPE} ({@code V2}, the default
 * scope of new registries) and {@code BLOB_MOUNTING} ({@code ENABLED}/{@code DISABLED}). Stored only: Gureum runs
 * no scans, does not evaluate the registry policy itself and serves no Docker registry API to mount blobs through.
 */
final class AccountSettings {
    /** Each setting's default. */
    static final Map<String, String> DEFAULTS = Map.of("BASIC_SCAN_TYPE_VERSION", "AWS_NATIVE",
            "REGISTRY_POLICY_SCOPE", "V2", "BLOB_MOUNTING", "DISABLED");
    private static final Map<String, Set<String>> VALUES = Map.of("BASIC_SCAN_TYPE_VERSION", Set.of("AWS_NATIVE"),
            "REGISTRY_POLICY_SCOPE", Set.of("V2"), "BLOB_MOUNTING", Set.of("ENABLED", "DISABLED"));

    private final EcrState state;

    AccountSettings(EcrState state) {
        this.state = state;
    }

    public GetAccountSettingResponse getAccountSetting(GetAccountSettingRequest r) {
        Registry registry = state.registry(null);
        String name = name(r.name());
        return GetAccountSettingResponse.builder().name(name)
                .value(registry.accountSettings.getOrDefault(name, DEFAULTS.get(name))).build();
    }

    public PutAccountSettingResponse putAccountSetting(PutAccountSettingRequest r) {
        Registry registry = state.registry(null);
        String name = name(r.name());
        if (r.value() == null || !VALUES.get(name).contains(r.value())) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'value' failed to satisfy constraint: 'Valid"
                    + " values for " + name + ": " + String.join(", ", new java.util.TreeSet<>(VALUES.get(name)))
                    + "'");
        }
        registry.accountSettings.put(name, r.value());
        return PutAccountSettingResponse.builder().name(name).value(r.value()).build();
    }

    private static String name(String name) {
        if (name == null || !DEFAULTS.containsKey(name)) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'name' failed to satisfy constraint: 'Valid"
                    + " account setting names: BASIC_SCAN_TYPE_VERSION, BLOB_MOUNTING, REGISTRY_POLICY_SCOPE'");
        }
        return name;
    }
}
