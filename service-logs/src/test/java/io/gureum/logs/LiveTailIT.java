package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LiveTailSessionLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LiveTailSessionStart;
import software.amazon.awssdk.services.cloudwatchlogs.model.LiveTailSessionUpdate;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.SessionTimeoutException;
import software.amazon.awssdk.services.cloudwatchlogs.model.StartLiveTailRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.StartLiveTailResponseHandler;
import software.amazon.awssdk.services.cloudwatchlogs.model.StartLiveTailResponseStream;

/**
 * StartLiveTail through the SDK's asynchronous client (API_StartLiveTail.html): the session start, updates with the
 * events PutLogEvents adds while it runs (filtered by stream and pattern, sampled down to 500), the end after three
 * hours on the core clock, a client that goes away, and the request's errors.
 */
class LiveTailIT extends LogsTestSupport {
    /** Generous: the machine is busy, and updates come every second of the clock. */
    static final long WAIT_SECONDS = 120;

    static CloudWatchLogsAsyncClient async;

    @BeforeAll
    static void asyncClient() {
        async = newAsyncClient();
    }

    @AfterAll
    static void closeAsync() {
        async.close();
    }

    /** StartLiveTail's host prefix ("stream-") would leave 127.0.0.1: off, as for any local endpoint. */
    static CloudWatchLogsAsyncClient newAsyncClient() {
        return newAsyncClient(NettyNioAsyncHttpClient.create());
    }

    static CloudWatchLogsAsyncClient newAsyncClient(SdkAsyncHttpClient http) {
        return CloudWatchLogsAsyncClient.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true).retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    /** One running session: what it received, and the future of the call. */
    static final class Tail {
        final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        CompletableFuture<Void> call;
        volatile Subscription subscription;

        LiveTailSessionStart start() throws InterruptedException {
            Object first = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertInstanceOf(LiveTailSessionStart.class, first, String.valueOf(first));
            return (LiveTailSessionStart) first;
        }

        /** The updates' events until {@code count} have come (updates without events are skipped). */
        List<LiveTailSessionLogEvent> events(int count, List<LiveTailSessionUpdate> updates)
                throws InterruptedException {
            List<LiveTailSessionLogEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (events.size() < count && System.nanoTime() < deadline) {
                Object next = received.poll(1, TimeUnit.SECONDS);
                if (next instanceof LiveTailSessionUpdate u && !u.sessionResults().isEmpty()) {
                    updates.add(u);
                    events.addAll(u.sessionResults());
                }
            }
            return events;
        }
    }

    static Tail tail(CloudWatchLogsAsyncClient client, Consumer<StartLiveTailRequest.Builder> request) {
        Tail tail = new Tail();
        StartLiveTailResponseHandler handler = StartLiveTailResponseHandler.builder()
                .onEventStream(publisher -> publisher.subscribe(new Subscriber<StartLiveTailResponseStream>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        tail.subscription = s;
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(StartLiveTailResponseStream event) {
                        tail.received.add(event);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onComplete() {
                    }
                }))
                .build();
        tail.call = client.startLiveTail(request, handler);
        return tail;
    }

    static String arn(String group) {
        return logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).logGroupArn();
    }

    static void put(String group, String stream, String... messages) {
        long t = now();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream)
                .logEvents(java.util.Arrays.stream(messages).map(m -> event(t, m)).toList()));
    }

    @Test
    void eventsPutWhileTheSessionRunsArriveFilteredByThePattern() throws Exception {
        String group = groupWithStream("app");
        String arn = arn(group);
        Tail tail = tail(async, b -> b.logGroupIdentifiers(arn).logEventFilterPattern("ERROR"));
        LiveTailSessionStart start = tail.start();
        assertEquals(List.of(arn), start.logGroupIdentifiers());
        assertEquals("ERROR", start.logEventFilterPattern());
        assertNotNull(start.sessionId());
        assertNotNull(start.requestId());

        long before = now();
        put(group, "app", "ERROR disk full", "INFO all is well", "ERROR again");
        List<LiveTailSessionUpdate> updates = new ArrayList<>();
        List<LiveTailSessionLogEvent> events = tail.events(2, updates);
        assertEquals(List.of("ERROR disk full", "ERROR again"),
                events.stream().map(LiveTailSessionLogEvent::message).toList());
        for (LiveTailSessionLogEvent e : events) {
            assertEquals("app", e.logStreamName());
            assertEquals(arn, e.logGroupIdentifier());
            assertTrue(e.timestamp() >= before && e.ingestionTime() >= before, e.toString());
        }
        assertFalse(updates.get(0).sessionMetadata().sampled());
        tail.subscription.cancel();
    }

    @Test
    void streamNamesAndPrefixesSelectTheStreams() throws Exception {
        String group = groupWithStream("web-1");
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("web-2"));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("db-1"));
        Tail named = tail(async, b -> b.logGroupIdentifiers(group).logStreamNames("web-2"));
        Tail prefixed = tail(async, b -> b.logGroupIdentifiers(group).logStreamNamePrefixes("web-"));
        assertEquals(List.of("web-2"), named.start().logStreamNames());
        assertEquals(List.of("web-"), prefixed.start().logStreamNamePrefixes());

        put(group, "db-1", "from db");
        put(group, "web-1", "from web 1");
        put(group, "web-2", "from web 2");
        List<LiveTailSessionLogEvent> byName = named.events(1, new ArrayList<>());
        List<LiveTailSessionLogEvent> byPrefix = prefixed.events(2, new ArrayList<>());
        assertEquals(List.of("from web 2"), byName.stream().map(LiveTailSessionLogEvent::message).toList());
        assertEquals(List.of("from web 1", "from web 2"),
                byPrefix.stream().map(LiveTailSessionLogEvent::message).toList());
        // The group's name as the request gave it identifies the events' group.
        assertEquals(group, byName.get(0).logGroupIdentifier());
        named.subscription.cancel();
        prefixed.subscription.cancel();
    }

    @Test
    void moreThan500EventsInASecondAreSampledDownTo500() throws Exception {
        String group = groupWithStream("busy");
        Tail tail = tail(async, b -> b.logGroupIdentifiers(group));
        tail.start();
        long t = now();
        List<InputLogEvent> batch = IntStream.range(0, 600).mapToObj(i -> event(t, "line " + i)).toList();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("busy").logEvents(batch));
        List<LiveTailSessionUpdate> updates = new ArrayList<>();
        List<LiveTailSessionLogEvent> events = tail.events(500, updates);
        assertEquals(1, updates.size());
        assertEquals(500, events.size());
        assertTrue(updates.get(0).sessionMetadata().sampled());
        assertEquals(500, events.stream().map(LiveTailSessionLogEvent::message).collect(Collectors.toSet()).size());
        tail.subscription.cancel();
    }

    @Test
    void theSessionEndsWithSessionTimeoutExceptionAfterThreeHoursOfTheClock() throws Exception {
        String group = groupWithStream("s");
        Tail tail = tail(async, b -> b.logGroupIdentifiers(group));
        tail.start();
        gureum.context().clock().advance(Duration.ofHours(3));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> tail.call.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(SessionTimeoutException.class, e.getCause(), String.valueOf(e.getCause()));
        awaitOpenSessions(0);
    }

    @Test
    void aClientThatCancelsTheStreamFreesTheSession() throws Exception {
        String group = groupWithStream("s");
        Tail tail = tail(async, b -> b.logGroupIdentifiers(group));
        tail.start();
        assertTrue(openSessions() >= 1);
        tail.subscription.cancel();
        awaitOpenSessions(0);
    }

    @Test
    void aClosedClientFreesTheSession() throws Exception {
        String group = groupWithStream("s");
        // Its own event loops (the default ones are shared in the JVM): closing it closes its connections.
        SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(1)).build();
        CloudWatchLogsAsyncClient own = newAsyncClient(http);
        Tail tail = tail(own, b -> b.logGroupIdentifiers(group));
        tail.start();
        own.close();
        http.close(); // the client leaves an HTTP client it was given open

        awaitOpenSessions(0);
    }

    @Test
    void moreThanTenGroupsIsAValidationError() {
        List<String> groups = IntStream.range(0, 11).mapToObj(i -> "g" + i).toList();
        AwsServiceException e = failure(b -> b.logGroupIdentifiers(groups));
        assertInstanceOf(InvalidParameterException.class, e);
        assertEquals(400, e.statusCode());
        assertEquals("InvalidParameterException", e.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value '" + groups + "' at "
                + "'logGroupIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 10",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void anUnknownGroupIsResourceNotFound() {
        AwsServiceException e = failure(b -> b.logGroupIdentifiers(unique("/missing")));
        assertInstanceOf(ResourceNotFoundException.class, e);
        assertEquals(400, e.statusCode());
        assertEquals("The specified log group does not exist.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void namesWithPrefixesStreamFiltersOnManyGroupsAndBadPatternsAreInvalid() {
        String one = groupWithStream("s");
        String two = groupWithStream("s");
        AwsServiceException both = failure(
                b -> b.logGroupIdentifiers(one).logStreamNames("s").logStreamNamePrefixes("s"));
        assertInstanceOf(InvalidParameterException.class, both);
        AwsServiceException many = failure(b -> b.logGroupIdentifiers(one, two).logStreamNames("s"));
        assertInstanceOf(InvalidParameterException.class, many);
        AwsServiceException pattern = failure(b -> b.logGroupIdentifiers(one).logEventFilterPattern("{ $.a = "));
        assertInstanceOf(InvalidParameterException.class, pattern);
        assertEquals(400, pattern.statusCode());
    }

    static AwsServiceException failure(Consumer<StartLiveTailRequest.Builder> request) {
        Tail tail = tail(async, request);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> tail.call.get(WAIT_SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(AwsServiceException.class, e.getCause(), String.valueOf(e.getCause()));
    }

    static int openSessions() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/_gureum/logs/live-tails")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Integer.parseInt(r.body().replaceAll("[^0-9]", ""));
    }

    static void awaitOpenSessions(int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        int open = openSessions();
        while (open != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            open = openSessions();
        }
        assertEquals(expected, open);
    }
}
