package io.gureum.core.dispatch;

import io.gureum.core.http.AwsHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web console's files, {@code /_gureum/ui/…}, served from the jar's {@code gureum-ui/} folder. Only
 * plain file names are looked up (no folders, no dots but the extension's), so no path can escape it.
 * The console's pages talk to the AWS APIs and Gureum's own endpoints of this server, nothing else
 * ({@code Content-Security-Policy}), and refuse to be framed by another site's page.
 */
final class ConsoleAssets {
    static final String PREFIX = "/_gureum/ui";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
    private static final String POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private ConsoleAssets() {
    }

    static boolean handles(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    static AwsHttpResponse serve(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return null;
        }
        if (path.equals(PREFIX)) {
            return new AwsHttpResponse(302).header("Location", PREFIX + "/");
        }
        String name = path.substring(PREFIX.length() + 1);
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/gureum-ui/" + name)) {
            if (in == null) {
                return null;
            }
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return new AwsHttpResponse(200).body(in.readAllBytes()).header("Content-Type", type)
                    .header("Cache-Control", "no-cache").header("Content-Security-Policy", POLICY)
                    .header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
