package io.gureum.ssm;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One version of a parameter as stored: everything PutParameter set, and the labels attached to it (the
 * only part that changes after the version is made). A SecureString's {@code value} is the base64 KMS
 * ciphertext, the form GetParameter answers without decryption.
 */
final class ParameterVersion {
    final long version;
    final String type;
    final String value;
    final String keyId;
    final String description;
    final String allowedPattern;
    final String tier;
    final String dataType;
    final List<ParameterPolicy> policies;
    final Instant lastModified;
    final String lastModifiedUser;
    /** In the order they were attached; guarded by the module's lock. */
    final Set<String> labels = new LinkedHashSet<>();

    ParameterVersion(long version, String type, String value, String keyId, String description, String allowedPattern,
            String tier, String dataType, List<ParameterPolicy> policies, Instant lastModified, String lastModifiedUser) {
        this.version = version;
        this.type = type;
        this.value = value;
        this.keyId = keyId;
        this.description = description;
        this.allowedPattern = allowedPattern;
        this.tier = tier;
        this.dataType = dataType;
        this.policies = List.copyOf(policies);
        this.lastModified = lastModified;
        this.lastModifiedUser = lastModifiedUser;
    }

    boolean secure() {
        return "SecureString".equals(type);
    }
}
