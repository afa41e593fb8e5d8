package io.gureum.ec2.events;

import io.gureum.core.error.AwsException;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AssociateInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.AssociateInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.CreateInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.CreateInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.DeleteInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.DeleteInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceEventWindowsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceEventWindowsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindow;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowAssociationTarget;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowTimeRange;
import software.amazon.awssdk.services.ec2.model.InstanceEventWindowTimeRangeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceEventWindowRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceEventWindowResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Instance event windows (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/event-windows.html): time ranges
 * (each at least 2 hours, together at least 4) or a cron expression (hours and days of the week only), up to 200
 * per Region; targets of one kind per window (up to 100 instance IDs, 50 Dedicated Host IDs or 50 instance tags),
 * each target in one window only. Gureum schedules no maintenance events, so a window only records where they
 * would run. Targets are checked through the EC2 API in-process (DescribeInstances, DescribeHosts).
 */
public final class EventWindows {
    static final int MAX_WINDOWS = 200;
    private static final Pattern ID = Pattern.compile("iew-[0-9a-f]{8,17}");
    private static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday");
    private static final List<String> CRON_DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private static final class Store {
        final Map<String, EventWindow> byId = new LinkedHashMap<>();
    }

    private final ServiceContext context;
    private final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());
    private final java.util.function.Function<String[], Ec2Client> ec2;
    private final Ec2Filters<EventWindow> filters = new Ec2Filters<EventWindow>(w -> w.tagMap())
            .on("dedicated-host-id", w -> w.hostIds)
            .on("event-window-name", w -> w.name)
            .on("instance-id", w -> w.instanceIds)
            .on("instance-tag", w -> w.instanceTags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .toList())
            .on("instance-tag-key", w -> List.copyOf(w.instanceTags.keySet()))
            .on("instance-tag-value", w -> List.copyOf(w.instanceTags.values()));

    /** @param ec2 the EC2 API in-process for an account and region ({account, region}) */
    public EventWindows(ServiceContext context, java.util.function.Function<String[], Ec2Client> ec2) {
        this.context = context;
        this.ec2 = ec2;
    }

    public PlaceFamily records() {
        return new RegisteredFamily<>("instance-event-window", EventWindow.class, stores, s -> s.byId, w -> w.id, null,
                context.registry());
    }

    private Store store() {
        return stores.current();
    }

    private static AwsException notFound(String id) {
        // AWS's error-code page names no code for an unknown event window; this one follows EC2's pattern.
        return new AwsException("InvalidInstanceEventWindowId.NotFound", "The event window '" + id
                + "' does not exist", 400);
    }

    private EventWindow require(Store s, String id) {
        if (id == null || id.isEmpty()) {
            throw Ec2Errors.missing("InstanceEventWindowId");
        }
        if (!ID.matcher(id).matches()) {
            throw Ec2Errors.invalidValue(id, "InstanceEventWindowId", "Expecting an event window ID (iew-...).");
        }
        EventWindow w = s.byId.get(id);
        if (w == null) {
            throw notFound(id);
        }
        return w;
    }

    public CreateInstanceEventWindowResponse createInstanceEventWindow(CreateInstanceEventWindowRequest r) {
        Store s = store();
        synchronized (s) {
            List<EventWindow.Range> ranges = schedule(r.hasTimeRanges() ? r.timeRanges() : null, r.cronExpression());
            TagSpecifications.validate(r.tagSpecifications(), "instance-event-window");
            if (s.byId.size() >= MAX_WINDOWS) {
                throw new AwsException("InstanceEventWindowLimitExceeded", "You can create up to " + MAX_WINDOWS
                        + " event windows per Region.", 400);
            }
            Ec2Errors.checkDryRun(r.dryRun());
            var rc = io.gureum.core.protocol.RequestContext.current();
            EventWindow w = new EventWindow(context.ids().next("iew"), rc.accountId(), rc.region(),
                    context.clock().now());
            w.name = r.name();
            w.cronExpression = r.cronExpression();
            w.timeRanges.addAll(ranges);
            w.tags.putAll(TagSpecifications.tagsOf(r.tagSpecifications()));
            w.register(context.registry());
            s.byId.put(w.id, w);
            return CreateInstanceEventWindowResponse.builder().instanceEventWindow(toSdk(w)).build();
        }
    }

    public ModifyInstanceEventWindowResponse modifyInstanceEventWindow(ModifyInstanceEventWindowRequest r) {
        Store s = store();
        synchronized (s) {
            EventWindow w = require(s, r.instanceEventWindowId());
            boolean ranges = r.hasTimeRanges() && !r.timeRanges().isEmpty();
            List<EventWindow.Range> schedule = ranges || r.cronExpression() != null
                    ? schedule(ranges ? r.timeRanges() : null, r.cronExpression()) : null;
            Ec2Errors.checkDryRun(r.dryRun());
            if (r.name() != null) {
                w.name = r.name();
            }
            if (schedule != null) {
                w.timeRanges.clear();
                w.timeRanges.addAll(schedule);
                w.cronExpression = r.cronExpression();
            }
            return ModifyInstanceEventWindowResponse.builder().instanceEventWindow(toSdk(w)).build();
        }
    }

    public DeleteInstanceEventWindowResponse deleteInstanceEventWindow(DeleteInstanceEventWindowRequest r) {
        Store s = store();
        synchronized (s) {
            EventWindow w = require(s, r.instanceEventWindowId());
            if (w.hasTargets() && !Boolean.TRUE.equals(r.forceDelete())) {
                // The code is Gureum's choice: AWS documents ForceDelete for this case but names no error.
                throw new AwsException("IncorrectState", "The event window '" + w.id + "' has associated targets: "
                        + "disassociate them or set ForceDelete.", 400);
            }
            Ec2Errors.checkDryRun(r.dryRun());
            s.byId.remove(w.id);
            w.forget();
            return DeleteInstanceEventWindowResponse.builder().instanceEventWindowState(InstanceEventWindowStateChange
                    .builder().instanceEventWindowId(w.id).state("deleting").build()).build();
        }
    }

    public DescribeInstanceEventWindowsResponse describeInstanceEventWindows(DescribeInstanceEventWindowsRequest r) {
        Store s = store();
        synchronized (s) {
            boolean byId = r.hasInstanceEventWindowIds() && !r.instanceEventWindowIds().isEmpty();
            if (byId && r.maxResults() != null) {
                throw Ec2Errors.combination("The parameter instanceEventWindowIds cannot be used with the parameter "
                        + "maxResults");
            }
            List<EventWindow> candidates = new ArrayList<>();
            if (byId) {
                for (String id : new LinkedHashSet<>(r.instanceEventWindowIds())) {
                    candidates.add(require(s, id));
                }
            } else {
                candidates.addAll(s.byId.values());
            }
            var keep = filters.predicate(r.filters());
            Ec2Errors.checkDryRun(r.dryRun());
            var page = Pagination.page(candidates.stream().filter(keep).toList(), r.maxResults(), r.nextToken(), 20,
                    500);
            return DescribeInstanceEventWindowsResponse.builder().instanceEventWindows(page.items().stream()
                    .map(this::toSdk).toList()).nextToken(page.nextToken()).build();
        }
    }

    public AssociateInstanceEventWindowResponse associateInstanceEventWindow(AssociateInstanceEventWindowRequest r) {
        Store s = store();
        synchronized (s) {
            EventWindow w = require(s, r.instanceEventWindowId());
            var t = r.associationTarget();
            if (t == null) {
                throw Ec2Errors.missing("AssociationTarget");
            }
            List<String> instances = t.hasInstanceIds() ? t.instanceIds() : List.of();
            List<String> hosts = t.hasDedicatedHostIds() ? t.dedicatedHostIds() : List.of();
            List<Tag> tags = t.hasInstanceTags() ? t.instanceTags() : List.of();
            int kinds = (instances.isEmpty() ? 0 : 1) + (hosts.isEmpty() ? 0 : 1) + (tags.isEmpty() ? 0 : 1);
            if (kinds == 0) {
                throw Ec2Errors.missing("AssociationTarget");
            }
            int held = (w.instanceIds.isEmpty() ? 0 : 1) + (w.hostIds.isEmpty() ? 0 : 1)
                    + (w.instanceTags.isEmpty() ? 0 : 1);
            boolean sameKind = held == 0 || (!instances.isEmpty() && !w.instanceIds.isEmpty())
                    || (!hosts.isEmpty() && !w.hostIds.isEmpty()) || (!tags.isEmpty() && !w.instanceTags.isEmpty());
            if (kinds > 1 || !sameKind) {
                throw Ec2Errors.combination("An event window can be associated with only one type of target: "
                        + "instance IDs, Dedicated Host IDs or instance tags.");
            }
            var rc = io.gureum.core.protocol.RequestContext.current();
            Ec2Client client = ec2.apply(new String[] {rc.accountId(), rc.region()});
            if (!instances.isEmpty()) {
                limit(new LinkedHashSet<>(w.instanceIds), instances, 100, "instance IDs");
                var found = client.describeInstances(b -> b.instanceIds(instances)).reservations().stream()
                        .flatMap(x -> x.instances().stream()).toList();
                for (var i : found) {
                    if (i.placement() != null && i.placement().hostId() != null) {
                        throw Ec2Errors.invalidParameterValue("The instance " + i.instanceId() + " is on a Dedicated "
                                + "Host: associate the host " + i.placement().hostId() + " instead.");
                    }
                }
                for (String id : instances) {
                    taken(s, w, id, x -> x.instanceIds.contains(id));
                }
            }
            if (!hosts.isEmpty()) {
                limit(new LinkedHashSet<>(w.hostIds), hosts, 50, "Dedicated Host IDs");
                client.describeHosts(b -> b.hostIds(hosts));
                for (String id : hosts) {
                    taken(s, w, id, x -> x.hostIds.contains(id));
                }
            }
            if (!tags.isEmpty()) {
                Map<String, String> all = new LinkedHashMap<>(w.instanceTags);
                for (Tag tag : tags) {
                    if (tag.key() == null || tag.key().isEmpty()) {
                        throw Ec2Errors.missing("AssociationTarget.InstanceTag.Key");
                    }
                    all.put(tag.key(), tag.value() == null ? "" : tag.value());
                    String text = tag.key() + "=" + tag.value();
                    taken(s, w, text, x -> tag.value() != null ? tag.value().equals(x.instanceTags.get(tag.key()))
                            : x.instanceTags.containsKey(tag.key()));
                }
                if (all.size() > 50) {
                    throw Ec2Errors.invalidParameterValue("An event window can be associated with up to 50 instance "
                            + "tags.");
                }
            }
            Ec2Errors.checkDryRun(r.dryRun());
            instances.stream().filter(id -> !w.instanceIds.contains(id)).distinct().forEach(w.instanceIds::add);
            hosts.stream().filter(id -> !w.hostIds.contains(id)).distinct().forEach(w.hostIds::add);
            tags.forEach(tag -> w.instanceTags.put(tag.key(), tag.value() == null ? "" : tag.value()));
            return AssociateInstanceEventWindowResponse.builder().instanceEventWindow(toSdk(w)).build();
        }
    }

    private static void limit(LinkedHashSet<String> held, List<String> added, int max, String what) {
        held.addAll(added);
        if (held.size() > max) {
            throw Ec2Errors.invalidParameterValue("An event window can be associated with up to " + max + " " + what
                    + ".");
        }
    }

    /** A target belongs to one event window at most. */
    private static void taken(Store s, EventWindow w, String target, java.util.function.Predicate<EventWindow> holds) {
        for (EventWindow other : s.byId.values()) {
            if (other != w && holds.test(other)) {
                throw Ec2Errors.invalidParameterValue("The target " + target + " is already associated with the event "
                        + "window " + other.id + ".");
            }
        }
    }

    public DisassociateInstanceEventWindowResponse disassociateInstanceEventWindow(
            DisassociateInstanceEventWindowRequest r) {
        Store s = store();
        synchronized (s) {
            EventWindow w = require(s, r.instanceEventWindowId());
            var t = r.associationTarget();
            if (t == null || ((!t.hasInstanceIds() || t.instanceIds().isEmpty()) && (!t.hasDedicatedHostIds()
                    || t.dedicatedHostIds().isEmpty()) && (!t.hasInstanceTags() || t.instanceTags().isEmpty()))) {
                throw Ec2Errors.missing("AssociationTarget");
            }
            Ec2Errors.checkDryRun(r.dryRun());
            if (t.hasInstanceIds()) {
                w.instanceIds.removeAll(t.instanceIds());
            }
            if (t.hasDedicatedHostIds()) {
                w.hostIds.removeAll(t.dedicatedHostIds());
            }
            if (t.hasInstanceTags()) {
                for (Tag tag : t.instanceTags()) {
                    w.instanceTags.remove(tag.key(), tag.value() == null ? "" : tag.value());
                }
            }
            return DisassociateInstanceEventWindowResponse.builder().instanceEventWindow(toSdk(w)).build();
        }
    }

    /** The window's time ranges, checked; or none for a cron expression, checked. Exactly one of them. */
    static List<EventWindow.Range> schedule(List<InstanceEventWindowTimeRangeRequest> ranges, String cron) {
        boolean hasRanges = ranges != null && !ranges.isEmpty();
        if (hasRanges && cron != null) {
            throw Ec2Errors.combination("You can specify either time ranges or a cron expression, not both.");
        }
        if (!hasRanges && cron == null) {
            throw Ec2Errors.missing("TimeRanges or CronExpression");
        }
        if (cron != null) {
            checkCron(cron);
            return List.of();
        }
        List<EventWindow.Range> out = new ArrayList<>();
        int total = 0;
        for (InstanceEventWindowTimeRangeRequest q : ranges) {
            if (q.startWeekDay() == null || q.startHour() == null || q.endWeekDay() == null || q.endHour() == null) {
                throw Ec2Errors.missing("TimeRange.StartWeekDay, StartHour, EndWeekDay and EndHour");
            }
            int start = day(q.startWeekDayAsString()) * 24 + hour(q.startHour());
            int end = day(q.endWeekDayAsString()) * 24 + hour(q.endHour());
            int length = Math.floorMod(end - start, 7 * 24);
            if (length < 2) {
                throw Ec2Errors.invalidParameterValue("Each time range of an event window must be at least 2 hours.");
            }
            total += length;
            EventWindow.Range range = new EventWindow.Range();
            range.startWeekDay = q.startWeekDayAsString();
            range.startHour = q.startHour();
            range.endWeekDay = q.endWeekDayAsString();
            range.endHour = q.endHour();
            out.add(range);
        }
        if (total < 4) {
            throw Ec2Errors.invalidParameterValue("The time ranges of an event window must total at least 4 hours.");
        }
        return out;
    }

    private static int day(String name) {
        int d = DAYS.indexOf(name);
        if (d < 0) {
            throw Ec2Errors.invalidValue(name, "WeekDay", "Valid values are " + String.join(", ", DAYS) + ".");
        }
        return d;
    }

    private static int hour(int h) {
        if (h < 0 || h > 23) {
            throw Ec2Errors.invalidValue(String.valueOf(h), "Hour", "Valid values are 0 to 23.");
        }
        return h;
    }

    /**
     * The cron rules of CreateInstanceEventWindow: five fields; minute, day of month and month {@code *}; hours as
     * one or more ranges of at least 2 hours, at least 4 hours together; days of the week 0–6 or SUN–SAT.
     */
    static void checkCron(String cron) {
        String[] f = cron.trim().split("\\s+");
        if (f.length != 5 || !f[0].equals("*") || !f[2].equals("*") || !f[3].equals("*")) {
            throw badCron(cron, "Only hour and day of the week values are supported; minute, day of month and month "
                    + "must be *.");
        }
        int total = 0;
        if (f[1].equals("*")) {
            total = 24;
        } else {
            for (String part : f[1].split(",", -1)) {
                String[] ends = part.split("-", -1);
                if (ends.length != 2) {
                    throw badCron(cron, "The hour value must be one or more ranges, for example 0-4 or 0-4,20-23.");
                }
                int a = number(cron, ends[0], 23);
                int b = number(cron, ends[1], 23);
                if (b - a < 2) {
                    throw badCron(cron, "Each hour range must be at least 2 hours.");
                }
                total += b - a;
            }
        }
        if (total < 4) {
            throw badCron(cron, "The event window must be at least 4 hours.");
        }
        if (!f[4].equals("*")) {
            for (String part : f[4].split(",", -1)) {
                if (CRON_DAYS.contains(part.toUpperCase(Locale.ROOT))) {
                    continue;
                }
                String[] ends = part.split("-", -1);
                if (ends.length > 2) {
                    throw badCron(cron, "Days of the week are 0 through 6 or SUN through SAT.");
                }
                for (String e : ends) {
                    number(cron, e, 6);
                }
            }
        }
    }

    private static int number(String cron, String text, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw badCron(cron, "'" + text + "' is not a value from 0 to " + max + ".");
    }

    private static AwsException badCron(String cron, String why) {
        return Ec2Errors.invalidValue(cron, "CronExpression", why);
    }

    private InstanceEventWindow toSdk(EventWindow w) {
        InstanceEventWindowAssociationTarget.Builder target = InstanceEventWindowAssociationTarget.builder()
                .instanceIds(w.instanceIds).dedicatedHostIds(w.hostIds)
                .tags(w.instanceTags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue())
                        .build()).toList());
        InstanceEventWindow.Builder b = InstanceEventWindow.builder().instanceEventWindowId(w.id).name(w.name)
                .state(w.state(context.clock().now())).associationTarget(target.build()).tags(w.sdkTags());
        if (w.cronExpression != null) {
            b.cronExpression(w.cronExpression);
        } else {
            b.timeRanges(w.timeRanges.stream().map(x -> InstanceEventWindowTimeRange.builder()
                    .startWeekDay(x.startWeekDay).startHour(x.startHour).endWeekDay(x.endWeekDay).endHour(x.endHour)
                    .build()).toList());
        }
        return b.build();
    }
}
