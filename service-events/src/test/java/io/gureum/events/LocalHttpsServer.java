package io.gureum.events;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on 127.0.0.1 with a self-signed certificate made by the JDK's keytool, for a name that is not
 * the address requests use (Gureum verifies neither): records each request
 * and answers the status set for its path (200 by default) with the body set for it.
 */
final class LocalHttpsServer implements AutoCloseable {
    /** One request as received. */
    record Request(String method, String path, String query, Map<String, String> headers, String body, int status) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpsServer server;
    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    /** Per path: the header (name, value) a request needs for the path's status; others are answered 503. */
    private final Map<String, String[]> required = new ConcurrentHashMap<>();

    LocalHttpsServer(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "local", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit", "-dname",
                "CN=gureum-test.invalid", "-validity", "2").redirectErrorStream(true)
                .start();
        byte[] output = keytool.getInputStream().readAllBytes();
        if (!keytool.waitFor(2, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String[] needed = required.get(path);
            int status = needed != null && !needed[1].equals(headers.get(needed[0])) ? 503
                    : statuses.getOrDefault(path, 200);
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    headers, body, status));
            byte[] answer = bodies.getOrDefault(path, "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    /** {@code https://127.0.0.1:<port><path>}. */
    String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on only requests with this header value get the path's status; the others get 503. */
    void require(String path, String header, String value) {
        required.put(path, new String[] {header.toLowerCase(java.util.Locale.ROOT), value});
    }

    void answer(String path, int status, String body) {
        statuses.put(path, status);
        bodies.put(path, body);
    }

    /** The next request (waiting up to 2 minutes), or fails. */
    Request next() throws InterruptedException {
        Request r = requests.poll(2, TimeUnit.MINUTES);
        if (r == null) {
            throw new AssertionError("no request arrived");
        }
        return r;
    }

    /** The requests that arrive within {@code wait}. */
    List<Request> drain(Duration wait) throws InterruptedException {
        List<Request> got = new ArrayList<>();
        Request r;
        while ((r = requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            got.add(r);
        }
        return got;
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
    }
}
