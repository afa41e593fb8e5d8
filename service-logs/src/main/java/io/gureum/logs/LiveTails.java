package io.gureum.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.JsonValues;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.protocol.ServiceModel;
import io.gureum.core.spi.AuthorizationCall;
import io.gureum.core.spi.Authorizer;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.GureumClock;
import io.gureum.core.validation.RequestValidator;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LiveTailSessionStart;
import software.amazon.awssdk.services.cloudwatchlogs.model.StartLiveTailRequest;

/**
 * StartLiveTail (API_StartLiveTail.html). Only the SDK's asynchronous client has it (its answer is an event
 * stream), so the operation index lacks it and it is answered here, before the operation table, as Lambda answers
 * InvokeWithResponseStream: the request is checked against the model's constraints by name, then the answer is a
 * {@link LiveTailSession} the server pushes for as long as the session lasts.
 */
final class LiveTails {
    static final String TARGET = "Logs_20140328.StartLiveTail";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LogsStores stores;
    private final DueTimer timer;
    private final GureumClock clock;
    private final ResourceIds ids;
    private final io.gureum.core.spi.ServiceContext context;
    private final Set<LiveTailSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile ServiceModel model;

    LiveTails(LogsStores stores, DueTimer timer, io.gureum.core.spi.ServiceContext context) {
        this.stores = stores;
        this.context = context;
        this.timer = timer;
        this.clock = context.clock();
        this.ids = context.ids();
    }

    static boolean isStartLiveTail(AwsHttpRequest request) {
        return request.method().equals("POST") && TARGET.equals(request.header("X-Amz-Target"));
    }

    AwsHttpResponse serve(AwsHttpRequest request) {
        StartLiveTailRequest req = decode(request);
        RequestValidator.check(model(), "StartLiveTail", req);
        authorize(req);
        List<String> names = req.hasLogStreamNames() ? req.logStreamNames() : null;
        List<String> prefixes = req.hasLogStreamNamePrefixes() ? req.logStreamNamePrefixes() : null;
        if (names != null && prefixes != null) {
            throw LogsErrors.invalidParameter(
                    "You can specify either logStreamNames or logStreamNamePrefixes, but not both.");
        }
        if ((names != null || prefixes != null) && req.logGroupIdentifiers().size() > 1) {
            throw LogsErrors.invalidParameter("logStreamNames and logStreamNamePrefixes can be specified only "
                    + "when logGroupIdentifiers contains exactly one log group.");
        }
        FilterPattern pattern = req.logEventFilterPattern() == null ? FilterPattern.ALL
                : FilterPatterns.parse(req.logEventFilterPattern());
        LogsStore store = stores.current();
        Map<String, String> groups = new LinkedHashMap<>();
        for (String identifier : req.logGroupIdentifiers()) {
            groups.put(Identifiers.group(store, null, identifier).logGroupArn(), identifier);
        }
        Predicate<String> streams = names != null ? names::contains
                : prefixes != null ? s -> prefixes.stream().anyMatch(s::startsWith) : s -> true;
        LiveTailSessionStart start = LiveTailSessionStart.builder().requestId(RequestContext.current().requestId())
                .sessionId(ids.requestId()).logGroupIdentifiers(req.logGroupIdentifiers()).logStreamNames(names)
                .logStreamNamePrefixes(prefixes).logEventFilterPattern(req.logEventFilterPattern()).build();
        LiveTailSession[] made = new LiveTailSession[1];
        made[0] = new LiveTailSession(store.account, store.region, groups, streams, pattern, start, timer, clock::now,
                () -> sessions.remove(made[0]));
        sessions.add(made[0]);
        return new AwsHttpResponse(200).header("Content-Type", "application/vnd.amazon.eventstream")
                .pushedBody(made[0]);
    }

    /** Events a group ingested: to every session of its account and region that tails it. */
    void ingested(LogsStore store, LogGroup group, LogStream stream, List<StoredEvent> events) {
        if (sessions.isEmpty() || events.isEmpty()) {
            return;
        }
        for (LiveTailSession s : sessions) {
            if (s.account.equals(store.account) && s.region.equals(store.region)) {
                s.ingested(group, stream, events);
            }
        }
    }

    /** How many sessions are open (for {@code GET /_gureum/logs/live-tails}). */
    int open() {
        return sessions.size();
    }

    /** The server resets or stops: every session's stream ends. */
    void stopAll() {
        for (LiveTailSession s : List.copyOf(sessions)) {
            s.stop();
        }
    }

    /**
     * Core's dispatcher authorises operations of the table only: this one is asked here, as logs:StartLiveTail (as
     * S3 asks for SelectObjectContent).
     */
    private void authorize(StartLiveTailRequest request) {
        Authorizer authorizer = Authorizer.of(context.shared());
        if (authorizer != Authorizer.NONE) {
            authorizer.authorize(new AuthorizationCall("logs", model().protocol(), "StartLiveTail", request,
                    arn -> null));
        }
    }

    private ServiceModel model() {
        ServiceModel m = model;
        if (m == null) {
            m = ServiceModel.load(CloudWatchLogsClient.class, null);
            model = m;
        }
        return m;
    }

    private static StartLiveTailRequest decode(AwsHttpRequest request) {
        StartLiveTailRequest.Builder builder = StartLiveTailRequest.builder();
        byte[] body = request.body();
        if (body != null && body.length > 0) {
            JsonNode tree;
            try {
                tree = MAPPER.readTree(body);
            } catch (IOException e) {
                throw CommonErrors.serialization(e.getMessage());
            }
            try {
                JsonValues.readStruct(tree, (SdkPojo) builder, false);
            } catch (IllegalArgumentException e) {
                throw CommonErrors.serialization(e.getMessage());
            }
        }
        return builder.build();
    }
}
