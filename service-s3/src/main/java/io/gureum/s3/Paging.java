package io.gureum.s3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The paging and encoding parameters S3's listings share. */
final class Paging {
    private Paging() {
    }

    /** S3's {@code encoding-type=url}: keys and prefixes form-encoded (space as '+'); clients decode them. */
    static String enc(String s, boolean url) {
        return s == null || !url ? s : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A page size: the requested one capped at {@code cap}; a negative one is InvalidArgument. */
    static int maxKeys(Integer requested, int cap) {
        if (requested == null) {
            return cap;
        }
        if (requested < 0) {
            throw S3Errors.invalidArgument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys",
                    requested.toString());
        }
        return Math.min(requested, cap);
    }
}
