package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.ErrorShapes;
import io.gureum.core.testing.ErrorShapes.Protocol;
import io.gureum.core.testing.RawHttp;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.Requests;
import io.gureum.core.testing.Requests.Spec;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Thousands of malformed requests to the real STS service (awsQuery), made by mutating a valid
 * GetCallerIdentity with a seeded {@link Random}: well-formed HTTP with bad AWS input through
 * {@link java.net.http.HttpClient}, and broken HTTP over raw sockets. Every answer is a 4xx (501 for
 * operations Gureum does not emulate) in the right shape with the request-id headers, nothing hangs, and
 * afterwards the real SDK client still gets its caller identity.
 */
class BadInputIT {
    static final long SEED = Long.getLong("gureum.fuzz.seed", 20240101L);
    static final int HTTP_CASES = 2000;
    static final int RAW_CASES = 1000;
    static final int LIMIT = 64 * 1024;
    static final String VALID = "Action=GetCallerIdentity&Version=2011-06-15";

    static Gureum gureum;
    static final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        gureum = Gureum.start(GureumConfig.builder().port(0).maxRequestBodyBytes(LIMIT).build());
    }

    @AfterAll
    static void stop() {
        gureum.close();
    }

    @Test
    void malformedRequestsGetAwsShaped4xxAndTheServerKeepsServing() throws Exception {
        long started = System.nanoTime();
        // Many raw cases wait out a read timeout for a body the mutation promised: the waiting holds no CPU,
        // so more clients than cores finish the storm sooner.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> runs = new ArrayList<>();
        Random seeds = new Random(SEED);
        for (int i = 0; i < HTTP_CASES; i++) {
            long seed = seeds.nextLong();
            int n = i;
            runs.add(pool.submit(() -> httpCase(n, new Random(seed))));
        }
        for (int i = 0; i < RAW_CASES; i++) {
            long seed = seeds.nextLong();
            int n = i;
            runs.add(pool.submit(() -> rawCase(n, new Random(seed))));
        }
        pool.shutdown();
        try {
            for (Future<?> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.println("BadInputIT: " + (HTTP_CASES + RAW_CASES) + " cases in " + seconds + " s (seed " + SEED
                + "), statuses " + new java.util.TreeMap<>(statuses));
        int errors = statuses.entrySet().stream().filter(e -> e.getKey() >= 400).mapToInt(e -> e.getValue().get()).sum();
        assertTrue(errors > (HTTP_CASES + RAW_CASES) / 2, "most mutations should be errors: " + statuses);

        try (StsClient sts = AwsClients.client(StsClient.builder(), gureum)) {
            assertEquals("000000000000", sts.getCallerIdentity().account());
        }
    }

    static Spec valid() {
        return Requests.form("sts", VALID);
    }

    // ---- well-formed HTTP, bad AWS input ----

    static final String[] ACTIONS = {"", "Frobnicate", "getcalleridentity", "GetCallerIdentity ", "AssumeRole",
        "GetSessionToken", "DescribeVpcs", "ListUsers", "Get%00CallerIdentity", "%FF%FE", "Action"};
    static final String[] CONTENT_TYPES = {"text/plain", "application/json", "application/x-amz-json-1.1",
        "application/xml", "", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=latin1",
        "application/x-www-form-urlencoded"};
    static final String[] AUTHORIZATIONS = {"", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=",
        "AWS4-HMAC-SHA256 Credential=a/b/c/d/e/f/g", "Bearer abc", "AWS :", "AWS4-HMAC-SHA256 ,,,,=,=",
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/nosuchservice/aws4_request, Signature=zz",
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request", "AWS4-HMAC-SHA512 Credential=x/y"};
    static final String[] EXTRA_PARAMS = {"DurationSeconds=abc", "DurationSeconds=1e999",
        "DurationSeconds=99999999999999999999", "RoleArn=&RoleSessionName=", "PolicyArns.member.x.arn=1",
        "PolicyArns.member.1.arn=a&PolicyArns.member.999999999999.arn=b", "Tags.member.1.Key=&Tags.member.1.Value",
        "=&=&&&", "Action=Second", "%zz=%zz", "SerialNumber=" + "x".repeat(5000)};

    static void httpCase(int n, Random rnd) {
        String form = VALID;
        Spec spec;
        int mutations = 1 + rnd.nextInt(2);
        String method = "POST";
        String path = "/";
        List<String[]> headers = new ArrayList<>();
        byte[] body = null;
        for (int m = 0; m < mutations; m++) {
            switch (rnd.nextInt(11)) {
                case 0 -> form = form.replace("GetCallerIdentity", pick(rnd, ACTIONS));
                case 1 -> form = form.replace("Action=GetCallerIdentity&", "");
                case 2 -> form = form.replace("2011-06-15", pick(rnd, new String[] {"", "2099-01-01", "x", "%C3%28"}));
                case 3 -> form = "Action=" + pick(rnd, new String[] {"AssumeRole", "GetSessionToken",
                    "GetCallerIdentity", "DecodeAuthorizationMessage"}) + "&" + pick(rnd, EXTRA_PARAMS);
                case 4 -> body = truncate(form.getBytes(StandardCharsets.UTF_8), rnd);
                case 5 -> body = randomBytes(rnd, rnd.nextInt(200));
                case 6 -> headers.add(new String[] {"Content-Type", pick(rnd, CONTENT_TYPES)});
                case 7 -> headers.add(new String[] {"Authorization", pick(rnd, AUTHORIZATIONS)});
                case 8 -> headers.add(new String[] {"X-Amz-Date", pick(rnd, new String[] {"", "yesterday",
                    "99999999T999999Z", "20240101", "2024-01-01T00:00:00Z"})});
                case 9 -> headers.add(new String[] {"X-Amz-Target", pick(rnd, new String[] {"x", ".",
                    "DynamoDB_20120810.ListTables", "AWSSecurityTokenServiceV20110615.GetCallerIdentity"})});
                default -> {
                    method = pick(rnd, new String[] {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"});
                    path = pick(rnd, new String[] {"/", "/foo", "/%C3%28", "/?Action=Frob", "/a/b/c?" + VALID});
                }
            }
        }
        spec = new Spec(method, path)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Amz-Date", Requests.AMZ_DATE)
                .header("Authorization", Requests.authorization("sts"))
                .body(body != null ? body : form.getBytes(StandardCharsets.UTF_8));
        for (String[] h : headers) {
            spec.header(h[0], h[1]);
        }
        if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") || method.equals("OPTIONS")) {
            spec.body(new byte[0]);
        }
        Reply r;
        try {
            r = Requests.send(gureum.endpoint(), spec);
        } catch (Exception e) {
            throw new AssertionError("case " + n + " (" + spec.method + " " + spec.pathAndQuery + " " + spec.headers
                    + ") got no response", e);
        }
        check(n, r, method.equals("HEAD"), spec.method + " " + spec.pathAndQuery + " " + spec.headers + " "
                + new String(spec.body, StandardCharsets.ISO_8859_1));
    }

    // ---- broken HTTP over raw sockets ----

    static void rawCase(int n, Random rnd) {
        byte[] request = valid().toBytes(gureum.port());
        String text = new String(request, StandardCharsets.ISO_8859_1);
        boolean mayWait = false;
        switch (rnd.nextInt(9)) {
            case 0 -> { // flip a few bytes anywhere
                for (int i = 0, k = 1 + rnd.nextInt(4); i < k; i++) {
                    request[rnd.nextInt(request.length)] = (byte) rnd.nextInt(256);
                }
                mayWait = true;
            }
            case 1 -> { // truncated anywhere
                request = truncate(request, rnd);
                mayWait = true;
            }
            case 2 -> request = bytes(text.replaceFirst("POST / HTTP/1.1", pick(rnd, new String[] {"POST /",
                "POST / HTTP/9.9", "POST  / HTTP/1.1", "P\u00d6ST / HTTP/1.1", "POST /\u00ff HTTP/1.1", "/ HTTP/1.1",
                "POST / HTTP/1.1 extra", "GET http://[::1 HTTP/1.1"})));
            case 3 -> request = bytes(text.replaceFirst("X-Amz-Date: ", "X-Big: " + "b".repeat(65 * 1024 + rnd.nextInt(4096))
                    + "\r\nX-Amz-Date: "));
            case 4 -> request = bytes(text.replaceFirst("X-Amz-Date: ", pick(rnd, new String[] {"X-Bad\u00ff: \u00c3\u0028\r\n",
                "X Space: v\r\n", ": empty\r\n", "X-Ctl: a\u0001b\r\n", "Content-Length: 1\r\n", "Content-Length: -5\r\n",
                "Transfer-Encoding: gzip\r\n", "Host: second\r\n"}) + "X-Amz-Date: "));
            case 5 -> request = bytes(text.replaceFirst("Content-Length: \\d+", "Transfer-Encoding: chunked")
                    .replace("\r\n\r\nAction", "\r\n\r\n" + pick(rnd, new String[] {"zz\r\n", "-1\r\n", "fffffffffffffffffff\r\n",
                        "5;ext=\u00ff\r\nActio\r\nX\r\n", "1\r\nAB\r\n"}) + "Action"));
            case 6 -> request = bytes(text.replaceFirst("Content-Length: \\d+", "Content-Length: " + (LIMIT + 1))
                    .replace("\r\n\r\nAction", "\r\n\r\n" + " ".repeat(LIMIT + 1 - VALID.length()) + "Action"));
            case 7 -> request = bytes(text.replace("GetCallerIdentity", "Get\u00c3\u0028CallerIdentity")
                    .replaceFirst("Content-Length: \\d+", "Content-Length: " + (VALID.length() + 1)));
            default -> request = bytes(text.replaceFirst("Content-Length: ", "Expect: 100-continue\r\nContent-Length: "));
        }
        try (RawHttp c = RawHttp.connect(gureum.port(), mayWait ? 1500 : 10_000)) {
            c.sendQuietly(request);
            Reply r;
            try {
                r = c.read();
                if (r.status() == 100) {
                    r = c.read();
                }
            } catch (SocketTimeoutException waiting) {
                if (!mayWait) {
                    throw new AssertionError("case raw-" + n + " hung: " + printable(request));
                }
                // The server is waiting for the rest of a body the mutation promised; the client gives up.
                c.shutdownOutput();
                try {
                    r = c.read();
                } catch (IOException closed) {
                    return;
                }
            } catch (IOException closed) {
                if (!mayWait) {
                    throw new AssertionError("case raw-" + n + " closed without a response: " + printable(request));
                }
                return;
            }
            check(n, r, false, printable(request));
        } catch (IOException e) {
            throw new AssertionError("case raw-" + n + ": " + printable(request), e);
        }
    }

    // ---- what every answer must be ----

    static void check(int n, Reply r, boolean head, String what) {
        statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
        String context = "case " + n + ": " + what + "\n=> " + r;
        try {
            ErrorShapes.assertRequestIds(r);
            if (r.status() < 400) {
                return;
            }
            Protocol protocol = shapeOf(r, context);
            String code = ErrorShapes.assertError(protocol, r, head);
            if (r.status() >= 500) {
                // 501 NotImplemented, or 505 for an HTTP version that is not 1.x; a HEAD answer has no body
                // to carry its code.
                assertTrue(r.status() == 501 && (head || "NotImplemented".equals(code))
                        || r.status() == 505 && (head || "HttpVersionNotSupported".equals(code)), "a 5xx");
            }
        } catch (AssertionError e) {
            throw new AssertionError(context + "\n" + e.getMessage(), e);
        }
    }

    /**
     * STS answers in awsQuery's shape; requests for APIs no enabled module serves get 501 in that API's
     * protocol (S3's bare XML error for the S3-signed ones), the rest the generic XML error.
     */
    static Protocol shapeOf(Reply r, String context) {
        String ct = String.valueOf(r.header("Content-Type"));
        if (ct.startsWith("text/xml")) {
            return Protocol.QUERY;
        }
        if (ct.startsWith("application/xml") || r.body().length == 0) {
            return Protocol.S3;
        }
        return fail("unexpected error content type: " + context);
    }

    static <T> T pick(Random rnd, T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    static byte[] truncate(byte[] b, Random rnd) {
        return java.util.Arrays.copyOf(b, rnd.nextInt(Math.max(1, b.length)));
    }

    static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String printable(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 600), StandardCharsets.ISO_8859_1);
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
