package io.gureum.iam;

import io.gureum.core.ids.ResourceIds;
import java.math.BigInteger;
import java.util.Locale;

/**
 * IAM's unique IDs: a four-letter prefix naming the kind ({@code AROA} role, {@code AIDA} user,
 * {@code ANPA} managed policy, {@code AIPA} instance profile, {@code AGPA} group) and 17 characters of {@code [A-Z0-9]}
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 * The randomness is core's, so a seeded {@link ResourceIds} makes them repeatable.
 */
final class IamIds {
    static final String ROLE = "AROA";
    static final String USER = "AIDA";
    static final String POLICY = "ANPA";
    static final String INSTANCE_PROFILE = "AIPA";
    static final String GROUP = "AGPA";
    static final String SSH_PUBLIC_KEY = "APKA";
    static final String SERVER_CERTIFICATE = "ASCA";

    private final ResourceIds ids;

    IamIds(ResourceIds ids) {
        this.ids = ids;
    }

    String unique(String prefix) {
        // 96 random bits written in base 36 give more than the 17 digits needed (36^17 < 2^88).
        String base36 = new BigInteger(ids.hex(24), 16).toString(36).toUpperCase(Locale.ROOT);
        String padded = "0".repeat(Math.max(0, 17 - base36.length())) + base36;
        return prefix + padded.substring(padded.length() - 17);
    }

    /** Signing certificate IDs: 28 characters of {@code [A-Z0-9]}, as in the API reference's examples. */
    String certificateId() {
        return (unique("") + unique("")).substring(0, 28);
    }

    String accessKeyId() {
        return ids.accessKeyId();
    }

    String secretAccessKey() {
        return ids.secretAccessKey();
    }
}
