package io.gureum.core.auth;

import io.gureum.core.http.AwsHttpRequest;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the SigV4 parts of a request from the {@code Authorization} header or a presigned query string.
 * Legacy SigV2 ({@code AWS AKID:signature}, S3) yields only the access key.
 */
public final class SigV4Parser {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private SigV4Parser() {
    }

    /** The signature information, or null when the request is not signed. */
    public static SignatureInfo parse(AwsHttpRequest request) {
        String auth = request.header("Authorization");
        if (auth != null) {
            return fromHeader(auth.trim(), request.header("X-Amz-Date"));
        }
        String credential = request.queryParameter("X-Amz-Credential");
        if (credential != null) {
            String expires = request.queryParameter("X-Amz-Expires");
            long exp = -1;
            try {
                exp = expires == null ? -1 : Long.parseLong(expires);
            } catch (NumberFormatException ignored) {
                exp = -2;
            }
            String signedHeaders = request.queryParameter("X-Amz-SignedHeaders");
            return fromCredential(request.queryParameter("X-Amz-Algorithm"), credential,
                    signedHeaders == null ? List.of() : signedHeaders(signedHeaders, 0, signedHeaders.length()),
                    request.queryParameter("X-Amz-Signature"), true, request.queryParameter("X-Amz-Date"), exp);
        }
        String v2Key = request.queryParameter("AWSAccessKeyId");
        if (v2Key != null) {
            return new SignatureInfo("AWS", v2Key, null, null, null, List.of(), request.queryParameter("Signature"),
                    true, null, -1);
        }
        return null;
    }

    private static SignatureInfo fromHeader(String auth, String amzDate) {
        if (auth.startsWith("AWS ")) {
            String rest = auth.substring(4).trim();
            int colon = rest.indexOf(':');
            String key = colon < 0 ? rest : rest.substring(0, colon);
            return new SignatureInfo("AWS", key, null, null, null, List.of(), colon < 0 ? null : rest.substring(colon + 1),
                    false, amzDate, -1);
        }
        int space = auth.indexOf(' ');
        String algorithm = space < 0 ? auth : auth.substring(0, space);
        String credential = null;
        List<String> signedHeaders = List.of();
        String signature = null;
        // The comma-separated parts, each trimmed as String.trim does, read in place: one substring per
        // value kept rather than a copy of the header, an array and a trimmed copy of every part.
        int end = auth.length();
        for (int from = space < 0 ? end : space + 1; from < end; ) {
            int comma = auth.indexOf(',', from);
            int stop = comma < 0 ? end : comma;
            int s = from;
            int e = stop;
            while (s < e && auth.charAt(s) <= ' ') {
                s++;
            }
            while (e > s && auth.charAt(e - 1) <= ' ') {
                e--;
            }
            if (auth.startsWith("Credential=", s)) {
                credential = auth.substring(s + "Credential=".length(), e);
            } else if (auth.startsWith("SignedHeaders=", s)) {
                signedHeaders = signedHeaders(auth, s + "SignedHeaders=".length(), e); // split if read
            } else if (auth.startsWith("Signature=", s)) {
                signature = auth.substring(s + "Signature=".length(), e);
            }
            from = stop + 1;
        }
        if (credential == null) {
            return new SignatureInfo(algorithm, null, null, null, null, List.of(), signature, false, amzDate, -1);
        }
        return fromCredential(algorithm, credential, signedHeaders, signature, false, amzDate, -1);
    }

    private static SignatureInfo fromCredential(String algorithm, String credential, List<String> signedHeaders,
            String signature, boolean presigned, String amzDate, long expires) {
        // Credential=AKID/20240101/us-east-1/sts/aws4_request; an access key cannot contain '/'. The first four
        // parts are read in place (as credential.split("/", -1) would cut them, without its list and array).
        int from = 0;
        String[] parts = new String[4];
        for (int i = 0; i < 4 && from >= 0; i++) {
            int slash = credential.indexOf('/', from);
            parts[i] = credential.substring(from, slash < 0 ? credential.length() : slash);
            from = slash < 0 ? -1 : slash + 1;
        }
        return new SignatureInfo(algorithm, parts[0], parts[1], parts[2], parts[3], signedHeaders, signature, presigned,
                amzDate, expires);
    }

    /** The {@code SignedHeaders} value {@code text[start, end)} as a list (empty for an empty value). */
    private static List<String> signedHeaders(String text, int start, int end) {
        return start >= end ? List.of() : new SignedHeaders(text, start, end);
    }

    /**
     * The {@code SignedHeaders} list, split on {@code ';'} as {@code Arrays.asList(value.split(";"))} would
     * when first read: only signature verification reads it, so an unverified request neither copies the value
     * out of its header nor splits it.
     */
    private static final class SignedHeaders extends AbstractList<String> {
        private final String text;
        private final int start;
        private final int end;
        private List<String> names;

        SignedHeaders(String text, int start, int end) {
            this.text = text;
            this.start = start;
            this.end = end;
        }

        private List<String> names() {
            List<String> n = names;
            if (n == null) {
                n = Arrays.asList(text.substring(start, end).split(";"));
                names = n;
            }
            return n;
        }

        @Override
        public String get(int index) {
            return names().get(index);
        }

        @Override
        public int size() {
            return names().size();
        }
    }
}
