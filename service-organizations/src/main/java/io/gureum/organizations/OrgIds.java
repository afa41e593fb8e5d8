package io.gureum.organizations;

import io.gureum.core.ids.ResourceIds;

/**
 * Organizations' ID shapes, drawn from core's {@link ResourceIds} (whose {@code next} has EC2's 17-hex-digit
 * form, which no Organizations ID has). Patterns from the API reference: {@code o-[a-z0-9]{10,32}},
 * {@code r-[0-9a-z]{4,32}}, {@code ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}}, {@code p-[0-9a-zA-Z_]{8,128}},
 * {@code h-[0-9a-z]{8,32}}, {@code car-[a-z0-9]{8,32}} and 12-digit account IDs.
 */
final class OrgIds {
    private final ResourceIds ids;

    OrgIds(ResourceIds ids) {
        this.ids = ids;
    }

    String organization() {
        return "o-" + ids.hex(10);
    }

    String root() {
        return "r-" + ids.hex(4);
    }

    String organizationalUnit(String rootId) {
        return "ou-" + rootId.substring(2) + "-" + ids.hex(8);
    }

    String policy() {
        return "p-" + ids.hex(8);
    }

    String handshake() {
        return "h-" + ids.hex(10);
    }

    String createAccountRequest() {
        return "car-" + ids.hex(32);
    }

    /** A 12-digit account ID that does not start with 0, so it never collides with Gureum's default account. */
    String account() {
        String hex = ids.hex(12);
        StringBuilder sb = new StringBuilder(12).append(1 + Character.digit(hex.charAt(0), 16) % 9);
        for (int i = 1; i < 12; i++) {
            sb.append(Character.digit(hex.charAt(i), 16) % 10);
        }
        return sb.toString();
    }
}
