package io.gureum.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.schedule.ScheduleExpression;
import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * Scheduler's records for {@code --data-dir}: each schedule group (with its tags) under its name and each
 * schedule under {@code group/name}, with the last occurrence it fired. Schedules and groups are immutable
 * values replaced on every change, so after an operation that may change them (and after every firing)
 * the place's values are compared by identity with what was last recorded, under the state's lock, and
 * only those that differ are recorded. At restore every enabled schedule is armed again on the clock after
 * its last fired occurrence (or, if it was changed since, after its change): occurrences that came due
 * while the server was down fire at once (at most the catch-up Firing allows), as late deliveries.
 */
final class SchedulerRecords {
    static final String SERVICE = "scheduler";
    static final String GROUP = "group";
    static final String SCHEDULE = "schedule";
    /** A ClientToken with the request it came with and the answer it got: retries after a restart get that answer. */
    static final String TOKEN = "token";

    record TokenRecord(String operation, String requestType, JsonNode request, String responseType, JsonNode response) {
        static TokenRecord of(Idempotency.Entry e) {
            return new TokenRecord(e.operation(), e.request().getClass().getName(), SdkJson.toJson(e.request()),
                    e.response().getClass().getName(), SdkJson.toJson(e.response()));
        }

        Idempotency.Entry entry() {
            try {
                ClassLoader loader = SchedulerRecords.class.getClassLoader();
                return new Idempotency.Entry(operation, SdkJson.fromJson(request, Class.forName(requestType, true, loader)),
                        SdkJson.fromJson(response, Class.forName(responseType, true, loader)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("a ClientToken record names an unknown type", e);
            }
        }
    }

    record GroupRecord(String name, String arn, Instant created, Instant modified, Map<String, String> tags) {
    }

    record ScheduleRecord(String name, String group, String arn, String expression, String timezone,
            Instant startDate, Instant endDate, String description, String state, String kmsKeyArn,
            int flexibleMinutes, String actionAfterCompletion, JsonNode target, Instant created, Instant modified,
            Instant anchor, Instant lastFired) {
    }

    private final ServiceContext context;
    private final StateStore state;
    private final SchedulerState scheduler;
    /** What was last recorded, by place and "kind|key": the value object and what else its record holds. */
    private final Map<SchedulerState.Place, Map<String, List<Object>>> written = new HashMap<>();

    SchedulerRecords(ServiceContext context, SchedulerState scheduler) {
        this.context = context;
        this.state = context.state();
        this.scheduler = scheduler;
    }

    /** Runs a call holding the state's lock, then records what it changed. */
    Object intercept(OperationCall call) throws Exception {
        String op = call.operation();
        if (!state.enabled() || op.startsWith("Get") || op.startsWith("List")) {
            return call.proceed();
        }
        try {
            return call.proceed();
        } finally {
            RequestContext ctx = RequestContext.current();
            record(scheduler.place(ctx.accountId(), ctx.region()));
        }
    }

    /** Records what differs in one place since its last recording. Holds the state's lock. */
    void record(SchedulerState.Place place) {
        if (!state.enabled()) {
            return;
        }
        Map<String, List<Object>> before = written.computeIfAbsent(place, p -> new HashMap<>());
        Set<String> seen = new HashSet<>();
        for (ScheduleGroup g : place.groups.values()) {
            Map<String, String> tags = context.registry().tags(Arn.parse(g.arn()));
            List<Object> print = List.of(g, Map.copyOf(tags));
            String id = GROUP + "|" + g.name();
            seen.add(id);
            if (!print.equals(before.get(id))) {
                state.put(SERVICE, place.account, place.region, GROUP, g.name(), groupRecord(g));
                before.put(id, print);
            }
        }
        for (Map.Entry<String, StoredSchedule> e : place.schedules.entrySet()) {
            Instant fired = place.lastFired.get(e.getKey());
            List<Object> print = fired == null ? List.of(e.getValue()) : List.of(e.getValue(), fired);
            String id = SCHEDULE + "|" + e.getKey();
            seen.add(id);
            if (!print.equals(before.get(id))) {
                state.put(SERVICE, place.account, place.region, SCHEDULE, e.getKey(),
                        scheduleRecord(e.getValue(), fired));
                before.put(id, print);
            }
        }
        for (Map.Entry<String, Idempotency.Entry> e : place.tokens.entrySet()) {
            String id = TOKEN + "|" + e.getKey();
            seen.add(id);
            if (!before.containsKey(id)) { // a token's entry never changes
                state.put(SERVICE, place.account, place.region, TOKEN, e.getKey(), TokenRecord.of(e.getValue()));
                before.put(id, List.of());
            }
        }
        for (var it = before.keySet().iterator(); it.hasNext();) {
            String id = it.next();
            if (!seen.contains(id)) {
                int bar = id.indexOf('|');
                state.delete(SERVICE, place.account, place.region, id.substring(0, bar), id.substring(bar + 1));
                it.remove();
            }
        }
    }

    private GroupRecord groupRecord(ScheduleGroup g) {
        return new GroupRecord(g.name(), g.arn(), g.created(), g.modified(),
                Map.copyOf(context.registry().tags(Arn.parse(g.arn()))));
    }

    private static ScheduleRecord scheduleRecord(StoredSchedule s, Instant lastFired) {
        return new ScheduleRecord(s.name(), s.group(), s.arn(), s.expressionText(), s.timezone(), s.startDate(),
                s.endDate(), s.description(), s.state(), s.kmsKeyArn(), s.flexibleMinutes(), s.actionAfterCompletion(),
                SdkJson.toJson(s.target()), s.created(), s.modified(), s.anchor(), lastFired);
    }

    /** Every group and schedule, for a snapshot (under the state's lock). */
    void capture(Consumer<StateRecord> sink) {
        scheduler.lock.lock();
        try {
            scheduler.forEachPlace(place -> {
                place.groups.values().forEach(g -> sink.accept(StateRecord.of(SERVICE, place.account, place.region,
                        GROUP, g.name(), groupRecord(g))));
                place.schedules.forEach((key, s) -> sink.accept(StateRecord.of(SERVICE, place.account, place.region,
                        SCHEDULE, key, scheduleRecord(s, place.lastFired.get(key)))));
                place.tokens.forEach((token, e) -> sink.accept(StateRecord.of(SERVICE, place.account, place.region,
                        TOKEN, token, TokenRecord.of(e))));
            });
        } finally {
            scheduler.lock.unlock();
        }
    }

    /**
     * Rebuilds groups (tags back in the registry) and schedules, and arms every enabled schedule again.
     * Restored schedules get negative generations, which no update ever hands out.
     */
    void restore(List<StateRecord> records, Firing firing) {
        scheduler.lock.lock();
        try {
            for (StateRecord r : records) {
                if (r.kind().equals(GROUP)) {
                    GroupRecord g = r.value(GroupRecord.class);
                    SchedulerState.Place place = scheduler.place(r.account(), r.region());
                    place.groups.put(g.name(), new ScheduleGroup(g.name(), g.arn(), g.created(), g.modified()));
                    context.registry().unregister(Arn.parse(g.arn()));
                    context.registry().register(r.account(), r.region(), SERVICE, "schedule-group/" + g.name(),
                            Arn.parse(g.arn()), g.tags() == null ? Map.of() : g.tags());
                }
            }
            for (StateRecord r : records) {
                if (r.kind().equals(TOKEN)) {
                    scheduler.place(r.account(), r.region()).tokens.put(r.key(), r.value(TokenRecord.class).entry());
                }
            }
            long generation = 0;
            for (StateRecord r : records) {
                if (!r.kind().equals(SCHEDULE)) {
                    continue;
                }
                ScheduleRecord v = r.value(ScheduleRecord.class);
                SchedulerState.Place place = scheduler.place(r.account(), r.region());
                StoredSchedule s = new StoredSchedule(v.name(), v.group(), v.arn(), v.expression(),
                        ScheduleExpression.parse(v.expression()), v.timezone(), v.startDate(), v.endDate(),
                        v.description(), v.state(), v.kmsKeyArn(), v.flexibleMinutes(), v.actionAfterCompletion(),
                        SdkJson.fromJson(v.target(), Target.class), v.created(), v.modified(), v.anchor(), --generation);
                place.schedules.put(r.key(), s);
                if (v.lastFired() != null) {
                    place.lastFired.put(r.key(), v.lastFired());
                }
                boolean firedSinceChange = v.lastFired() != null && v.lastFired().isAfter(v.modified());
                firing.arm(place, s, firedSinceChange ? v.lastFired() : v.modified().minusNanos(1));
            }
            scheduler.forEachPlace(place -> {
                written.remove(place);
                Map<String, List<Object>> before = written.computeIfAbsent(place, p -> new HashMap<>());
                place.groups.values().forEach(g -> before.put(GROUP + "|" + g.name(),
                        List.of(g, Map.copyOf(context.registry().tags(Arn.parse(g.arn()))))));
                place.schedules.forEach((key, s) -> {
                    Instant fired = place.lastFired.get(key);
                    before.put(SCHEDULE + "|" + key, fired == null ? List.of(s) : List.of(s, fired));
                });
                place.tokens.keySet().forEach(token -> before.put(TOKEN + "|" + token, List.of()));
            });
        } finally {
            scheduler.lock.unlock();
        }
    }
}
