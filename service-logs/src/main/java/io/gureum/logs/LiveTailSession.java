package io.gureum.logs;

import io.gureum.core.http.PushedBody;
import io.gureum.core.time.DueTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudwatchlogs.model.LiveTailSessionLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LiveTailSessionStart;
import software.amazon.awssdk.services.cloudwatchlogs.model.LiveTailSessionUpdate;

/**
 * One Live Tail session (API_StartLiveTail.html): the {@code sessionStart} event first, then every second of the
 * core clock a {@code sessionUpdate} with the matching events ingested in that second, sampled down to 500 (a
 * uniform reservoir sample, in ingestion order, with {@code sampled} true); while the client does not keep up, up
 * to 10 updates wait and the oldest are dropped after that ("CloudWatch Logs buffers up to 10
 * LiveTailSessionUpdate events or 5000 log events, after which it starts dropping the oldest events"). After three
 * hours a {@code SessionTimeoutException} event ends the stream. Holds no thread: a tick on the {@link DueTimer}.
 */
final class LiveTailSession implements PushedBody {
    static final int MAX_RESULTS = 500;
    static final int MAX_WAITING_UPDATES = 10;
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration LIFETIME = Duration.ofHours(3);

    /** An event that matched, with the identifier of its group as the request named it. */
    private record Hit(String groupIdentifier, String stream, StoredEvent event) {
    }

    final String account;
    final String region;
    /** The groups' {@code logGroupArn}s, to the identifier the request gave for each. */
    final Map<String, String> groups;
    private final Predicate<String> streams;
    private final FilterPattern pattern;
    private final LiveTailSessionStart start;
    private final DueTimer timer;
    private final java.util.function.Supplier<Instant> clock;
    private final Instant end;
    private final Runnable onEnd;

    private final List<Hit> sample = new ArrayList<>();
    private long matched;
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private Sink sink;
    private boolean over;

    LiveTailSession(String account, String region, Map<String, String> groups, Predicate<String> streams,
            FilterPattern pattern, LiveTailSessionStart start, DueTimer timer, java.util.function.Supplier<Instant> clock, Runnable onEnd) {
        this.account = account;
        this.region = region;
        this.groups = groups;
        this.streams = streams;
        this.pattern = pattern;
        this.start = start;
        this.timer = timer;
        this.clock = clock;
        this.end = clock.get().plus(LIFETIME);
        this.onEnd = onEnd;
    }

    @Override
    public void open(Sink opened) {
        synchronized (this) {
            if (over) {
                return;
            }
            sink = opened;
            sink.send(LiveTailFrames.event("sessionStart", start));
        }
        timer.after(TICK, this::tick);
    }

    @Override
    public void closed() {
        finish();
    }

    /**
     * Events a group ingested (one batch: taken whole into the second's update, so a batch is never split between
     * two updates).
     */
    void ingested(LogGroup group, LogStream stream, List<StoredEvent> events) {
        String identifier = groups.get(group.logGroupArn());
        if (identifier == null || !streams.test(stream.name)) {
            return;
        }
        List<Hit> hits = new ArrayList<>();
        for (StoredEvent e : events) {
            if (pattern.matches(e.message())) {
                hits.add(new Hit(identifier, stream.name, e));
            }
        }
        if (hits.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (over) {
                return;
            }
            for (Hit hit : hits) {
                matched++;
                if (sample.size() < MAX_RESULTS) {
                    sample.add(hit);
                } else {
                    long slot = ThreadLocalRandom.current().nextLong(matched);
                    if (slot < MAX_RESULTS) {
                        sample.set((int) slot, hit);
                    }
                }
            }
        }
    }

    /** Every second of the core clock: the update of the second gone, or the end after three hours. */
    private void tick() {
        synchronized (this) {
            if (over) {
                return;
            }
            if (!clock.get().isBefore(end)) {
                sink.send(LiveTailFrames.exception("SessionTimeoutException",
                        "The Live Tail session timed out after three hours."));
                sink.end();
                over = true;
            } else {
                waiting.add(update());
                while (waiting.size() > MAX_WAITING_UPDATES) {
                    waiting.poll();
                }
                while (!waiting.isEmpty() && sink.writable()) {
                    sink.send(waiting.poll());
                }
            }
        }
        if (isOver()) {
            onEnd.run();
            return;
        }
        timer.after(TICK, this::tick);
    }

    private byte[] update() {
        boolean sampled = matched > MAX_RESULTS;
        sample.sort(Comparator.comparingLong(h -> h.event().seq()));
        List<LiveTailSessionLogEvent> results = new ArrayList<>(sample.size());
        for (Hit h : sample) {
            results.add(LiveTailSessionLogEvent.builder().logGroupIdentifier(h.groupIdentifier())
                    .logStreamName(h.stream()).message(h.event().message()).timestamp(h.event().timestamp())
                    .ingestionTime(h.event().ingestionTime()).build());
        }
        sample.clear();
        matched = 0;
        return LiveTailFrames.event("sessionUpdate", LiveTailSessionUpdate.builder()
                .sessionMetadata(m -> m.sampled(sampled)).sessionResults(results).build());
    }

    private synchronized boolean isOver() {
        return over;
    }

    /** Ends the session's stream (the server resets or stops). */
    void stop() {
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            if (sink != null) {
                sink.end();
            }
        }
        onEnd.run();
    }

    private void finish() {
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            sample.clear();
            waiting.clear();
        }
        onEnd.run();
    }
}
