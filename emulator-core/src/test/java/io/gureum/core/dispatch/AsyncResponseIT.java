package io.gureum.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.testing.AwsClients;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * Handlers that answer later hold no thread: with a single handler thread, a waiting receive does not
 * stop the send that completes it.
 */
class AsyncResponseIT {
    static Gureum gureum;
    static SqsClient sqs;

    /** A queue-less stand-in for SQS: a receive waits for the next send. */
    static final class WaitingSqs implements SqsClient {
        final Queue<CompletableFuture<ReceiveMessageResponse>> waiting = new ConcurrentLinkedQueue<>();

        @Override
        public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
            CompletableFuture<ReceiveMessageResponse> answer = new CompletableFuture<>();
            if (request.queueUrl().endsWith("/missing")) {
                answer.completeExceptionally(QueueDoesNotExistException.builder()
                        .message("The specified queue does not exist.").build());
            } else {
                waiting.add(answer);
            }
            return AsyncResponse.later(answer);
        }

        @Override
        public SendMessageResponse sendMessage(SendMessageRequest request) {
            CompletableFuture<ReceiveMessageResponse> first = waiting.poll();
            if (first != null) {
                first.complete(ReceiveMessageResponse.builder()
                        .messages(Message.builder().messageId("m-1").body(request.messageBody())
                                .md5OfBody(md5(request.messageBody())).build()).build());
            }
            return SendMessageResponse.builder().messageId("m-1").md5OfMessageBody(md5(request.messageBody())).build();
        }

        /** The SDK checks the MD5 of every body it sends and receives. */
        private static String md5(String text) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void start() {
        AwsService service = new AwsService() {
            @Override
            public String name() {
                return "sqs";
            }

            @Override
            public String clientInterface() {
                return SqsClient.class.getName();
            }

            @Override
            public List<Class<?>> providerClasses() {
                return List.of(WaitingSqs.class);
            }

            @Override
            public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
                WaitingSqs handler = new WaitingSqs();
                return new io.gureum.core.spi.ServiceInstance() {
                    @Override
                    public List<Object> providers() {
                        return List.of(handler);
                    }

                    @Override
                    public AwsHttpResponse adminRequest(AwsHttpRequest request) {
                        if (!request.rawPath().equals("/_gureum/sqs/waiting")) {
                            return null;
                        }
                        int n = handler.waiting.size();
                        return new AwsHttpResponse(200).body("{\"waiting\":" + n + "}", "application/json");
                    }
                };
            }
        };
        gureum = Gureum.start(GureumConfig.builder().port(0).handlerThreads(1).build(), List.of(service));
        sqs = AwsClients.client(SqsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        gureum.close();
    }

    @Test
    void aWaitingReceiveHoldsNoHandlerThread() throws Exception {
        String url = gureum.endpoint() + "/000000000000/q";
        CompletableFuture<ReceiveMessageResponse> receive = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)));
        awaitWaiting(1);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
        ReceiveMessageResponse got = receive.get(10, TimeUnit.SECONDS);
        assertEquals("hello", got.messages().get(0).body());
    }

    @Test
    void aFutureThatFailsAnswersTheOperationsError() {
        QueueDoesNotExistException e = assertThrows(QueueDoesNotExistException.class,
                () -> sqs.receiveMessage(b -> b.queueUrl(gureum.endpoint() + "/000000000000/missing")));
        assertEquals(400, e.statusCode());
        assertEquals("AWS.SimpleQueueService.NonExistentQueue", e.awsErrorDetails().errorCode());
    }

    @Test
    void servicesServeTheirOwnEndpointsUnderGureumPath() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(gureum.endpoint().resolve("/_gureum/sqs/waiting")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("{\"waiting\":"), r.body());
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(gureum.endpoint().resolve("/_gureum/sqs/nothing-here")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
    }

    private static void awaitWaiting(int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(gureum.endpoint().resolve("/_gureum/sqs/waiting")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"waiting\":" + n)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the receive never started waiting");
    }
}
