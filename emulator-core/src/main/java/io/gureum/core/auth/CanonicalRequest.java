package io.gureum.core.auth;

import io.gureum.core.http.AwsHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SigV4 canonical request from the request as it arrived:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
final class CanonicalRequest {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /**
     * @param s3Style S3 signs the path as sent; every other service normalises it and encodes it a second time
     * @param dropSignature leave {@code X-Amz-Signature} out of the query (presigned URLs)
     */
    static String build(AwsHttpRequest request, List<String> signedHeaders, String payloadHash, boolean s3Style,
            boolean dropSignature) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(request.method()).append('\n');
        appendPath(sb, request.rawPath(), s3Style);
        sb.append('\n');
        appendQuery(sb, request.rawQuery(), dropSignature);
        sb.append('\n');
        for (String name : signedHeaders) {
            sb.append(name).append(':');
            appendHeaderValues(sb, request.headers().get(name));
            sb.append('\n');
        }
        sb.append('\n');
        for (int i = 0; i < signedHeaders.size(); i++) {
            if (i > 0) {
                sb.append(';');
            }
            sb.append(signedHeaders.get(i));
        }
        sb.append('\n').append(payloadHash);
        return sb.toString();
    }

    private static void appendPath(StringBuilder sb, String rawPath, boolean s3Style) {
        if (rawPath.isEmpty()) {
            sb.append('/');
        } else if (s3Style) {
            sb.append(rawPath);
        } else {
            encode(sb, removeDotSegments(rawPath), true);
        }
    }

    /** RFC 3986 section 5.2.4, which is what the SDKs' path normalisation amounts to. */
    static String removeDotSegments(String path) {
        if (!path.contains("/.") && !path.startsWith(".")) {
            return path;
        }
        List<String> out = new ArrayList<>();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".")) {
                if (last) {
                    out.add("");
                }
            } else if (s.equals("..")) {
                if (out.size() > 1) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(s);
            }
        }
        String joined = String.join("/", out);
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    private static void appendQuery(StringBuilder sb, String rawQuery, boolean dropSignature) {
        if (rawQuery.isEmpty()) {
            return;
        }
        List<String[]> params = new ArrayList<>();
        int start = 0;
        int len = rawQuery.length();
        while (start <= len) {
            int amp = rawQuery.indexOf('&', start);
            if (amp < 0) {
                amp = len;
            }
            if (amp > start) {
                int eq = rawQuery.indexOf('=', start);
                boolean hasValue = eq >= 0 && eq < amp;
                String name = AwsHttpRequest.decode(rawQuery.substring(start, hasValue ? eq : amp), false);
                if (!(dropSignature && name.equals("X-Amz-Signature"))) {
                    String value = hasValue ? AwsHttpRequest.decode(rawQuery.substring(eq + 1, amp), false) : "";
                    params.add(new String[] {encode(name), encode(value)});
                }
            }
            start = amp + 1;
        }
        params.sort((a, b) -> {
            int c = a[0].compareTo(b[0]);
            return c != 0 ? c : a[1].compareTo(b[1]);
        });
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            sb.append(params.get(i)[0]).append('=').append(params.get(i)[1]);
        }
    }

    /** Values of a repeated header joined by commas, each trimmed with inner runs of spaces collapsed. */
    private static void appendHeaderValues(StringBuilder sb, List<String> values) {
        if (values == null) {
            return;
        }
        for (int v = 0; v < values.size(); v++) {
            if (v > 0) {
                sb.append(',');
            }
            String value = values.get(v).trim();
            boolean space = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ' ' || c == '\t') {
                    if (!space) {
                        sb.append(' ');
                    }
                    space = true;
                } else {
                    sb.append(c);
                    space = false;
                }
            }
        }
    }

    static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        encode(sb, s, false);
        return sb.toString();
    }

    /** SigV4's URI encoding: everything but RFC 3986 unreserved characters (and '/' in paths) is escaped. */
    private static void encode(StringBuilder sb, String s, boolean keepSlash) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unreserved(c) || (keepSlash && c == '/')) {
                sb.append(c);
            } else if (c < 0x80) {
                appendEscaped(sb, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendEscaped(sb, b & 0xff);
                }
                i = end - 1;
            }
        }
    }

    private static boolean unreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static void appendEscaped(StringBuilder sb, int b) {
        sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }
}
