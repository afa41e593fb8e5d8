package io.gureum.core.http;

import io.gureum.core.error.CommonErrors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the protocol layer sees it: free of Netty, so codecs and services can be tested
 * without a server. Header names are case-insensitive; query parameters keep their order.
 */
public final class AwsHttpRequest {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private byte[] body;
    private InputStream bodyStream;
    private final long maxBodyBytes;
    private Map<String, List<String>> queryParameters;
    private Map<String, List<String>> formParameters;

    public AwsHttpRequest(String method, String uri, Map<String, List<String>> headers, byte[] body) {
        this(method, uri, copy(headers), body == null ? new byte[0] : body, null, Long.MAX_VALUE);
    }

    /**
     * A request whose body is still arriving: {@link #bodyStream()} reads it as it comes (large S3
     * uploads never sit in the heap); {@link #body()} reads all of it, refusing more than
     * {@code maxBodyBytes} with a 413.
     */
    public AwsHttpRequest(String method, String uri, Map<String, List<String>> headers, InputStream bodyStream,
            long maxBodyBytes) {
        this(method, uri, copy(headers), null, bodyStream, maxBodyBytes);
    }

    /**
     * A request over headers the caller has already put in a {@link TreeMap} ordered by
     * {@link String#CASE_INSENSITIVE_ORDER} and hands over: used as they are, not copied again (the server
     * builds one such map per request). {@code bodyStream} is null when the body is {@code body}.
     */
    public static AwsHttpRequest overHeaders(String method, String uri, TreeMap<String, List<String>> headers,
            byte[] body, InputStream bodyStream, long maxBodyBytes) {
        if (headers.comparator() != String.CASE_INSENSITIVE_ORDER) {
            throw new IllegalArgumentException("headers must be ordered by String.CASE_INSENSITIVE_ORDER");
        }
        return new AwsHttpRequest(method, uri, headers, bodyStream == null && body == null ? new byte[0] : body,
                bodyStream, maxBodyBytes);
    }

    private static TreeMap<String, List<String>> copy(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        return h;
    }

    private AwsHttpRequest(String method, String uri, TreeMap<String, List<String>> headers, byte[] body,
            InputStream bodyStream, long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.bodyStream = bodyStream;
        this.method = method;
        int q = uri.indexOf('?');
        this.rawPath = q < 0 ? uri : uri.substring(0, q);
        this.rawQuery = q < 0 ? "" : uri.substring(q + 1);
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    public static Builder builder(String method, String uri) {
        return new Builder(method, uri);
    }

    public String method() {
        return method;
    }

    /** The path exactly as sent, still percent-encoded. */
    public String rawPath() {
        return rawPath;
    }

    /** The query string exactly as sent (without '?'), still percent-encoded. */
    public String rawQuery() {
        return rawQuery;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The whole body; a streamed body is read to its end first (on the calling thread). */
    public byte[] body() {
        if (body == null) {
            body = drain();
        }
        return body;
    }

    /** Whether the body is still a stream that nobody has read whole. */
    public boolean streamed() {
        return body == null;
    }

    /**
     * The body as a stream, read once: the live stream of a streamed request, or the bytes of an
     * aggregated one.
     */
    public InputStream bodyStream() {
        if (body != null) {
            return new ByteArrayInputStream(body);
        }
        InputStream in = bodyStream;
        bodyStream = InputStream.nullInputStream();
        return in;
    }

    /** The same request with its streamed body passed through {@code wrapper} (decoders, digests). */
    public AwsHttpRequest withBodyStream(Map<String, List<String>> newHeaders, InputStream newStream) {
        return new AwsHttpRequest(method, rawQuery.isEmpty() ? rawPath : rawPath + '?' + rawQuery, copy(newHeaders), null,
                newStream, maxBodyBytes);
    }

    private byte[] drain() {
        try (InputStream in = bodyStream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBodyBytes) {
                    throw CommonErrors.requestTooLarge(maxBodyBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new io.gureum.core.error.AwsException("IncompleteBody",
                    "The request body could not be read whole: " + CommonErrors.printable(e.getMessage()), 400);
        } finally {
            bodyStream = InputStream.nullInputStream();
        }
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Decoded query parameters in order, read-only; a key without '=' maps to an empty string. */
    public Map<String, List<String>> queryParameters() {
        if (queryParameters == null) {
            // Most requests have no query: the shared empty map rather than a new one (read-only, as all uses are)
            queryParameters = rawQuery.isEmpty() ? Collections.emptyMap() : parseForm(rawQuery, false);
        }
        return queryParameters;
    }

    /**
     * The parameters of a query-protocol request: the query string plus, for a form post, the form
     * body (which wins). Parsed once.
     */
    public Map<String, List<String>> formParameters() {
        if (formParameters == null) {
            if (contentType().startsWith("application/x-www-form-urlencoded") && body().length > 0) {
                Map<String, List<String>> params = new LinkedHashMap<>(queryParameters());
                params.putAll(parseForm(bodyAsString(), true));
                formParameters = params;
            } else {
                formParameters = queryParameters(); // no form: the query's parameters as they are, not a copy
            }
        }
        return formParameters;
    }

    public String queryParameter(String name) {
        List<String> values = queryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String contentType() {
        String ct = header("Content-Type");
        return ct == null ? "" : ct;
    }

    /**
     * Parses {@code a=1&b=2} form or query text. With {@code plusIsSpace}, '+' decodes to a space as
     * in HTML forms; S3 and other REST services treat a '+' in the query literally only when encoded,
     * so both decodings are offered.
     */
    public static Map<String, List<String>> parseForm(String text, boolean plusIsSpace) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        int start = 0;
        int len = text.length();
        while (start <= len) {
            int amp = text.indexOf('&', start);
            if (amp < 0) {
                amp = len;
            }
            if (amp > start) {
                String pair = text.substring(start, amp);
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                out.computeIfAbsent(decode(key, plusIsSpace), k -> new ArrayList<>(1)).add(decode(value, plusIsSpace));
            }
            start = amp + 1;
        }
        return out;
    }

    /** Percent-decodes; malformed escapes are kept literally rather than failing the request. */
    public static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (s.indexOf('+') < 0 || !plusIsSpace)) {
            return s;
        }
        try {
            if (!plusIsSpace) {
                s = s.replace("+", "%2B");
            }
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public String toString() {
        return method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    /** Builds requests in tests and in the server. */
    public static final class Builder {
        private final String method;
        private final String uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] body;

        private Builder(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        public Builder header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            return this;
        }

        public Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        public Builder body(String body) {
            this.body = body.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public AwsHttpRequest build() {
            return new AwsHttpRequest(method, uri, headers, body);
        }
    }
}
