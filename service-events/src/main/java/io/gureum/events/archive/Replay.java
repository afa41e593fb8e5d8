package io.gureum.events.archive;

import java.time.Instant;
import java.util.List;

/**
 * One replay. Its state goes STARTING → RUNNING → COMPLETED on the clock (CANCELLING → CANCELLED when
 * cancelled first).
 */
public final class Replay {
    public final String name;
    public final String arn;
    public final String eventSourceArn;
    public final String description;
    public final Instant eventStartTime;
    public final Instant eventEndTime;
    public final String destinationArn;
    public final List<String> filterArns;
    public final Instant replayStartTime;
    public volatile String state = "STARTING";
    public volatile String stateReason;
    public volatile Instant eventLastReplayedTime;
    public volatile Instant replayEndTime;

    public Replay(String name, String arn, String eventSourceArn, String description, Instant eventStartTime,
            Instant eventEndTime, String destinationArn, List<String> filterArns, Instant replayStartTime) {
        this.name = name;
        this.arn = arn;
        this.eventSourceArn = eventSourceArn;
        this.description = description;
        this.eventStartTime = eventStartTime;
        this.eventEndTime = eventEndTime;
        this.destinationArn = destinationArn;
        this.filterArns = List.copyOf(filterArns);
        this.replayStartTime = replayStartTime;
    }

    public boolean active() {
        return state.equals("STARTING") || state.equals("RUNNING");
    }
}
