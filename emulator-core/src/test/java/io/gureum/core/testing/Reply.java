package io.gureum.core.testing;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An HTTP response as tests see it, from a raw socket or from {@link java.net.http.HttpClient}. */
public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

    public static Reply of(HttpResponse<byte[]> r) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        return new Reply(r.statusCode(), h, r.body());
    }

    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return status + " " + headers + "\n" + bodyAsString();
    }
}
