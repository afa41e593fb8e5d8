package io.gureum.events.delivery;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP requests of API destinations and of OAuth authorizations, sent with the JDK's asynchronous client:
 * no thread waits for the answer. Gureum never sends traffic anywhere but this machine: a URL whose host is
 * not a loopback address (a loopback literal, {@code localhost} or {@code *.localhost}, decided without a DNS
 * lookup) is not contacted and the call fails with {@link NotLoopbackException}. The endpoint's certificate and host name are not
 * verified (a local test server has a self-signed certificate; nothing leaves the machine).
 */
public final class HttpInvoker {
    /** A request Gureum does not send because its host is not on this machine. */
    public static final class NotLoopbackException extends RuntimeException {
        public NotLoopbackException(String url) {
            super("Gureum sends requests only to loopback addresses; " + url + " is not one");
        }
    }

    private final Executor executor;
    /** Built on the first send: a TLS context loads ~250 JDK classes, a tenth of the server's start. */
    private volatile HttpClient client;

    public HttpInvoker(Executor executor) {
        this.executor = executor;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                            .followRedirects(HttpClient.Redirect.NEVER).sslContext(trustingContext())
                            .sslParameters(noHostnameCheck()).executor(executor).build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** Whether the URL's host is loopback ({@link io.gureum.core.http.LoopbackHosts}: no DNS lookup). */
    public static boolean isLoopback(URI uri) {
        return io.gureum.core.http.LoopbackHosts.isLoopback(uri);
    }

    /**
     * Sends the request (at most 5 s to connect, 5 s for the answer: AWS's API destinations time out after
     * 5 seconds) and completes with the answer; fails at once for a host that is not loopback.
     */
    public CompletableFuture<HttpResponse<String>> send(String method, URI uri, Map<String, String> headers,
            String body) {
        if (!isLoopback(uri)) {
            return CompletableFuture.failedFuture(new NotLoopbackException(uri.toString()));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::setHeader);
        return client().sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trustingContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            // An X509ExtendedTrustManager: with a plain X509TrustManager the JDK would still match the host name
            // against the certificate, which a local server's self-signed one seldom names.
            ctx.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLParameters noHostnameCheck() {
        SSLParameters p = new SSLParameters();
        p.setEndpointIdentificationAlgorithm(null);
        return p;
    }
}
