package io.gureum.sns;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * POSTs notifications to HTTP/S subscribers, asynchronously, with AWS's headers and the retry schedule
 * of the delivery policy (default: 3 retries 20 s apart). Only loopback endpoints are contacted: a local
 * emulator must not send data to the network; other hosts are only recorded. See
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html
 */
final class HttpDelivery {
    /** Retries after the first attempt and the delay between them. */
    record Retry(int retries, Duration delay) {
        static final Retry DEFAULT = new Retry(3, Duration.ofSeconds(20));
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService timers;
    private final DeliveryLog log;

    HttpDelivery(ScheduledExecutorService timers, DeliveryLog log) {
        this.timers = timers;
        this.log = log;
    }

    static Map<String, String> headers(String type, String messageId, String topicArn, String subscriptionArn,
            boolean raw) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-amz-sns-message-type", type);
        h.put("x-amz-sns-message-id", messageId);
        h.put("x-amz-sns-topic-arn", topicArn);
        if (subscriptionArn != null) {
            h.put("x-amz-sns-subscription-arn", subscriptionArn);
        }
        if (raw) {
            h.put("x-amz-sns-rawdelivery", "true");
        }
        h.put("Content-Type", "text/plain; charset=UTF-8");
        return h;
    }

    /** Sends, retrying on failure; {@code onGiveUp} runs when every attempt failed. */
    void post(String protocol, String endpoint, String topicArn, String subscriptionArn, String messageId,
            String type, String body, Map<String, String> headers, Retry retry, Consumer<String> onGiveUp) {
        post(protocol, endpoint, topicArn, subscriptionArn, messageId, type, body, headers, retry, onGiveUp, null);
    }

    /** Sends, retrying on failure; {@code onDelivered} (or null) runs when an attempt succeeded. */
    void post(String protocol, String endpoint, String topicArn, String subscriptionArn, String messageId,
            String type, String body, Map<String, String> headers, Retry retry, Consumer<String> onGiveUp,
            Runnable onDelivered) {
        if (!io.gureum.core.http.LoopbackHosts.isLoopback(endpoint)) {
            log.add(new DeliveryLog.Entry(protocol, endpoint, topicArn, subscriptionArn, messageId, type, body, headers,
                    "recorded (not loopback)", System.currentTimeMillis()));
            return;
        }
        attempt(protocol, endpoint, topicArn, subscriptionArn, messageId, type, body, headers, retry, 0, onGiveUp,
                onDelivered);
    }

    private void attempt(String protocol, String endpoint, String topicArn, String subscriptionArn, String messageId,
            String type, String body, Map<String, String> headers, Retry retry, int n, Consumer<String> onGiveUp,
            Runnable onDelivered) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        b.header("User-Agent", "Amazon Simple Notification Service Agent");
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, error) -> {
            int status = resp == null ? 0 : resp.statusCode();
            boolean ok = status >= 200 && status < 300;
            log.add(new DeliveryLog.Entry(protocol, endpoint, topicArn, subscriptionArn, messageId, type, body, headers,
                    ok ? "delivered " + status : error != null ? "failed: " + error.getClass().getSimpleName()
                            : "failed " + status, System.currentTimeMillis()));
            if (ok) {
                if (onDelivered != null) {
                    onDelivered.run();
                }
                return;
            }
            if (n < retry.retries() && !timers.isShutdown()) {
                timers.schedule(() -> attempt(protocol, endpoint, topicArn, subscriptionArn, messageId, type, body,
                        headers, retry, n + 1, onGiveUp, onDelivered), retry.delay().toMillis(), TimeUnit.MILLISECONDS);
            } else if (onGiveUp != null) {
                onGiveUp.accept(body);
            }
        });
    }
}
