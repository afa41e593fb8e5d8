package io.gureum.lambda.runtime.javaboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) over
 * {@code HttpURLConnection}, never through a proxy: the API is on loopback.
 */
final class RuntimeApiClient {
    /** One event from {@code GET /runtime/invocation/next}. */
    record Event(String requestId, long deadlineMs, String invokedFunctionArn, String traceId, String clientContext,
            String cognitoIdentity, byte[] payload) {
    }

    private final String base;

    RuntimeApiClient(String hostPort) {
        this.base = "http://" + hostPort + "/2018-06-01/runtime";
    }

    Event next() throws IOException {
        HttpURLConnection connection = open("/invocation/next", "GET");
        connection.setReadTimeout(0);
        int status = connection.getResponseCode();
        if (status != 200) {
            throw new IOException("GET /invocation/next answered " + status);
        }
        byte[] payload;
        try (InputStream in = connection.getInputStream()) {
            payload = in.readAllBytes();
        }
        String deadline = connection.getHeaderField("Lambda-Runtime-Deadline-Ms");
        return new Event(connection.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
                deadline == null ? 0 : Long.parseLong(deadline.trim()),
                connection.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                connection.getHeaderField("Lambda-Runtime-Trace-Id"),
                connection.getHeaderField("Lambda-Runtime-Client-Context"),
                connection.getHeaderField("Lambda-Runtime-Cognito-Identity"), payload);
    }

    void response(String requestId, byte[] body) throws IOException {
        post("/invocation/" + requestId + "/response", body, null);
    }

    void error(String requestId, String errorType, String document) throws IOException {
        post("/invocation/" + requestId + "/error", document.getBytes(StandardCharsets.UTF_8), errorType);
    }

    void initError(String errorType, String document) throws IOException {
        post("/init/error", document.getBytes(StandardCharsets.UTF_8), errorType);
    }

    private void post(String path, byte[] body, String errorType) throws IOException {
        HttpURLConnection connection = open(path, "POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", "application/json");
        if (errorType != null) {
            connection.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        } catch (IOException tooLarge) {
            // Lambda answers 413 and closes early for a response over the limit; its answer is all there is.
        }
        try {
            connection.getResponseCode();
            InputStream answer = connection.getErrorStream() != null ? connection.getErrorStream()
                    : connection.getInputStream();
            answer.readAllBytes();
            answer.close();
        } catch (IOException ignored) {
            // nothing to do about an answer we cannot read
        }
    }

    private HttpURLConnection open(String path, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(base + path).openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod(method);
        connection.setConnectTimeout(5_000);
        return connection;
    }
}
